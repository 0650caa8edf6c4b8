import { AdminRidesQuery, AssignRideBody, DriverVerificationBody, ExamSessionBody } from "@renxing/shared";
import { Hono } from "hono";
import { assertAdmin } from "../../auth/roles";
import { getDb } from "../../db/client";
import { validate } from "../../http/input";
import { assignRide, cancelRide, createExamSession, listDrivers, listExamSessions, listRidesForAdmin, verifyDriver } from "../../services/rides";
import { postedDecision, VERDICTS } from "../decision";
import { beijingDateTime, formFields } from "../forms";
import { page } from "../page";
import { RidesPage } from "../pages/rides";
import type { ConsoleEnv } from "../session";

/** 送考调度: exam sessions, rides to dispatch or cancel, and the drivers to verify or revoke. */
export const ridesSection = new Hono<ConsoleEnv>()
  .get("/rides", (c) =>
    page(c, "/console/rides", "送考调度", async () => {
      const db = getDb(c.env.DB);
      const staff = c.get("staff");
      const q = c.req.query();
      const filter = validate(AdminRidesQuery, { status: q.status || undefined, examDate: q.examDate || undefined, cursor: q.cursor || undefined, limit: 50 });
      const [sessions, list, pending, verified] = await Promise.all([
        listExamSessions(db),
        listRidesForAdmin(db, staff, filter),
        listDrivers(db, staff, { status: "pending", limit: 100 }),
        listDrivers(db, staff, { status: "verified", limit: 100 }),
      ]);
      const notice = {
        session: "考试场次已创建。",
        assigned: "已派单，司机和家长都能看到。",
        cancelled: "订单已取消。",
        verified: "司机已通过认证。",
        rejected: "已设为不通过。",
        revoked: "已撤销这位司机的认证，其还没出发的订单已退回待派单。",
      }[q.done ?? ""];
      return <RidesPage sessions={sessions} rides={list} pendingDrivers={pending.items} verifiedDrivers={verified.items} filter={filter} csrf={c.get("csrf")} notice={notice} />;
    }),
  )
  .post("/rides/sessions", async (c) => {
    const text = await formFields(c);
    const body = validate(ExamSessionBody, {
      name: text("name"),
      kind: text("kind"),
      examDates: text("examDates").split(/[,，、\s]+/).filter(Boolean),
      bookingOpensAt: beijingDateTime(text("bookingOpensAt")),
      bookingClosesAt: beijingDateTime(text("bookingClosesAt")),
      venues: venueLines(text("venues")),
    });
    await createExamSession(getDb(c.env.DB), c.get("staff"), body);
    return c.redirect("/console/rides?done=session", 303);
  })
  .post("/rides/:id/assign", async (c) => {
    const text = await formFields(c);
    const { driverUserId } = validate(AssignRideBody, { driverUserId: text("driverUserId") });
    await assignRide(getDb(c.env.DB), c.get("staff"), c.req.param("id"), driverUserId);
    return c.redirect("/console/rides?done=assigned", 303);
  })
  .post("/rides/:id/cancel", async (c) => {
    assertAdmin(c.get("staff"));
    await cancelRide(getDb(c.env.DB), c.get("staff"), c.req.param("id"));
    return c.redirect("/console/rides?done=cancelled", 303);
  });

for (const verdict of VERDICTS) {
  ridesSection.post(`/drivers/:userId/${verdict}`, async (c) => {
    const decision = validate(DriverVerificationBody, await postedDecision(c, verdict));
    await verifyDriver(getDb(c.env.DB), c.get("staff"), c.req.param("userId"), decision);
    return c.redirect(`/console/rides?done=${verdict === "approve" ? "verified" : "rejected"}`, 303);
  });
}

// Revoking is a rejection of a driver already verified, with the reason the driver will read.
ridesSection.post("/drivers/:userId/revoke", async (c) => {
  assertAdmin(c.get("staff"));
  const decision = validate(DriverVerificationBody, await postedDecision(c, "reject"));
  await verifyDriver(getDb(c.env.DB), c.get("staff"), c.req.param("userId"), decision);
  return c.redirect("/console/rides?done=revoked", 303);
});

/**
 * The venues textarea: one venue a line, its name and address split at the first `|` or `｜`
 * (staff type either on a Chinese keyboard); blank lines are skipped.
 *
 * @example venueLines("一中｜解放路 1 号\n") // [{ name: "一中", address: "解放路 1 号" }]
 */
function venueLines(text: string) {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = "", ...rest] = line.split(/[|｜]/);
      return { name: name.trim(), address: rest.join("｜").trim() };
    });
}
