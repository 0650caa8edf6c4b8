import { CareRecipientBody, CareRecipientsQuery, CareStatsQuery } from "@renxing/shared";
import { Hono, type Context } from "hono";
import { staffMaySeeGrid } from "../../auth/grid-scope";
import { getDb } from "../../db/client";
import { validate } from "../../http/input";
import {
  careRecipientForStaff,
  careStats,
  listCareRecipients,
  listVisits,
  overdueCare,
  pairVolunteer,
  registerCareRecipient,
  unpairVolunteer,
  updateCareRecipient,
  type CareRecipientForStaff,
} from "../../services/care";
import { listGrids } from "../../services/community";
import { activeVolunteers } from "../../services/volunteers";
import { formFields } from "../forms";
import { page } from "../page";
import { CareListPage } from "../pages/care";
import { CareOverduePage } from "../pages/care-overdue";
import { CareRecipientPage } from "../pages/care-recipient";
import { CareStatsPage } from "../pages/care-stats";
import type { ConsoleEnv } from "../session";

const PATH = "/console/care";

const DONE: Record<string, string> = {
  registered: "已登记。请为老人结对志愿者，第一次走访的期限已按风险等级算好。",
  updated: "已保存。",
  ended: "已结束关爱，结对已全部解除。",
  resumed: "已恢复关爱。",
  paired: "已结对，志愿者现在能看到老人的住址和电话。",
  unpaired: "已解除结对，对方将看不到老人的住址和电话。",
};

/** The recipient form as CareRecipientBody reads it (register and edit post the same fields). */
async function postedRecipient(c: Context<ConsoleEnv>) {
  const text = await formFields(c);
  return {
    name: text("name"),
    gridId: text("gridId"),
    address: text("address"),
    phone: text("phone"),
    emergencyContact: { name: text("emergencyName"), phone: text("emergencyPhone") },
    riskLevel: text("riskLevel"),
    needs: text("needs") || undefined,
    consentAt: text("consentAt"),
  };
}

/** A recipient's fields as they are now, to end or resume care without changing anything else. */
const unchanged = (r: CareRecipientForStaff) => ({
  name: r.name,
  gridId: r.gridId,
  address: r.address,
  phone: r.phone,
  emergencyContact: r.emergencyContact,
  riskLevel: r.riskLevel,
  needs: r.needs ?? undefined,
  consentAt: r.consentAt,
});

/** Ending or resuming care: the service checks the grid and writes one guarded batch (pairings go with an end). */
function setActive(active: boolean) {
  return async (c: Context<ConsoleEnv>) => {
    const db = getDb(c.env.DB);
    const staff = c.get("staff");
    const id = c.req.param("id")!;
    const now = Date.now();
    const current = await careRecipientForStaff(db, staff, id, now);
    await updateCareRecipient(db, staff, id, { ...unchanged(current), active }, now);
    return c.redirect(`${PATH}/${id}?done=${active ? "resumed" : "ended"}`, 303);
  };
}

/**
 * 关爱对象: elders in the staff member's grids, registering one with their consent, each one's
 * page (edit, end care, pairings, visits), the overdue list and per-grid stats. Every change goes
 * through the care services, which check the grid and write the audit log.
 */
export const careSection = new Hono<ConsoleEnv>()
  .get("/care", (c) =>
    page(c, PATH, "关爱对象", async () => {
      const db = getDb(c.env.DB);
      const staff = c.get("staff");
      const q = c.req.query();
      const query = validate(CareRecipientsQuery, { gridId: q.gridId || undefined, riskLevel: q.riskLevel || undefined, active: q.active || "true", cursor: q.cursor || undefined, limit: 50 });
      const [list, allGrids] = await Promise.all([listCareRecipients(db, staff, query, Date.now()), listGrids(db)]);
      const grids = allGrids.filter((g) => staffMaySeeGrid(staff, g.id));
      return <CareListPage query={query} list={list} grids={grids} isAdmin={staff.role === "admin"} csrf={c.get("csrf")} notice={DONE[q.done ?? ""]} />;
    }),
  )
  .post("/care", async (c) => {
    const body = validate(CareRecipientBody, await postedRecipient(c));
    const registered = await registerCareRecipient(getDb(c.env.DB), c.get("staff"), body, Date.now());
    return c.redirect(`${PATH}/${registered.id}?done=registered`, 303);
  })
  // Before /care/:id, which would take these two words for ids.
  .get("/care/overdue", (c) =>
    page(c, `${PATH}/overdue`, "走访逾期", async () => <CareOverduePage overdue={await overdueCare(getDb(c.env.DB), c.get("staff"), Date.now())} />),
  )
  .get("/care/stats", (c) =>
    page(c, `${PATH}/stats`, "关爱统计", async () => {
      const range = validate(CareStatsQuery, { from: c.req.query("from") || undefined, to: c.req.query("to") || undefined });
      return <CareStatsPage stats={await careStats(getDb(c.env.DB), c.get("staff"), range, Date.now())} />;
    }),
  )
  .get("/care/:id", (c) =>
    page(c, PATH, "关爱对象详情", async () => {
      const db = getDb(c.env.DB);
      const staff = c.get("staff");
      const id = c.req.param("id");
      const recipient = await careRecipientForStaff(db, staff, id, Date.now());
      const allGrids = c.req.query("volunteers") === "all";
      const [visits, grids, volunteers] = await Promise.all([
        listVisits(db, staff, id),
        listGrids(db),
        staff.role === "admin" ? activeVolunteers(db, staff, allGrids ? undefined : recipient.gridId) : null,
      ]);
      return (
        <CareRecipientPage
          recipient={recipient}
          visits={visits.items}
          grids={grids.filter((g) => staffMaySeeGrid(staff, g.id))}
          volunteers={volunteers}
          allGrids={allGrids}
          csrf={c.get("csrf")}
          notice={DONE[c.req.query("done") ?? ""]}
        />
      );
    }),
  )
  .post("/care/:id/edit", async (c) => {
    const id = c.req.param("id");
    const body = validate(CareRecipientBody, await postedRecipient(c));
    await updateCareRecipient(getDb(c.env.DB), c.get("staff"), id, body, Date.now());
    return c.redirect(`${PATH}/${id}?done=updated`, 303);
  })
  .post("/care/:id/end", setActive(false))
  .post("/care/:id/resume", setActive(true))
  .post("/care/:id/pairings", async (c) => {
    const id = c.req.param("id");
    const text = await formFields(c);
    await pairVolunteer(getDb(c.env.DB), c.get("staff"), id, text("userId"), Date.now());
    return c.redirect(`${PATH}/${id}?done=paired`, 303);
  })
  .post("/care/:id/pairings/:userId/delete", async (c) => {
    const id = c.req.param("id");
    await unpairVolunteer(getDb(c.env.DB), c.get("staff"), id, c.req.param("userId"), Date.now());
    return c.redirect(`${PATH}/${id}?done=unpaired`, 303);
  });
