import { HoursRangeQuery, ManualHoursBody } from "@renxing/shared";
import { Hono, type Context } from "hono";
import { getDb } from "../../db/client";
import { validate } from "../../http/input";
import { addManualHours, hoursCsv, hoursSummary } from "../../services/hours";
import { listMembers } from "../../services/teams";
import { beijingDateTime, formFields } from "../forms";
import { page } from "../page";
import { HoursPage } from "../pages/hours";
import type { ConsoleEnv } from "../session";

/** The from/to date filter the page and its CSV download share; an empty field means no bound. */
const hoursRange = (c: Context<ConsoleEnv>) => validate(HoursRangeQuery, { from: c.req.query("from") || undefined, to: c.req.query("to") || undefined });

/** 服务时长: hours per volunteer, hours added by hand, and the same figures as a CSV download. */
export const hoursSection = new Hono<ConsoleEnv>()
  .get("/hours", (c) =>
    page(c, "/console/hours", "服务时长", async () => {
      const db = getDb(c.env.DB);
      const [summary, members] = await Promise.all([hoursSummary(db, c.get("staff"), hoursRange(c)), listMembers(db, c.get("staff"))]);
      const people = [...new Map(members.map((m) => [m.userId, { userId: m.userId, label: `${m.realName ?? m.nickname}（${m.teamName}）` }])).values()];
      return <HoursPage summary={summary} members={people} csrf={c.get("csrf")} notice={c.req.query("done") === "added" ? "已补录，并记入审计日志。" : undefined} />;
    }),
  )
  .post("/hours", async (c) => {
    const text = await formFields(c);
    const body = validate(ManualHoursBody, { userId: text("userId"), title: text("title"), minutes: Number(text("minutes")), at: beijingDateTime(text("at")) });
    await addManualHours(getDb(c.env.DB), c.get("staff"), body);
    return c.redirect("/console/hours?done=added", 303);
  })
  .get("/hours.csv", async (c) => {
    const csv = await hoursCsv(getDb(c.env.DB), c.get("staff"), hoursRange(c));
    return c.body(csv.body, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${csv.filename}"` });
  });
