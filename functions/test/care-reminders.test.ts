import { CARE_OVERDUE_ALERT_DAYS, shanghaiDate } from "@renxing/shared";
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index";
import { pair, registerRecipient, visitBody } from "./care-fixtures";
import { at, gridWorker, volunteer } from "./fixtures";
import { api, rows } from "./helpers";

/** The crons of wrangler.toml: 18:00 Beijing reminders, and every 15 minutes. */
const REMINDER_CRON = "0 10 * * *";
const QUARTER_HOUR_CRON = "*/15 * * * *";
const DAY = 24 * 3600_000;

async function runCron(cron: string, scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron, scheduledTime }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** 18:00 Beijing on the evening before the day `ms` falls on. */
const eveningBefore = (ms: number) => Date.parse(at(shanghaiDate(ms), "18:00")) - DAY;

const noticesOf = (kind: string, recipientId: string) =>
  rows<{ user_id: string | null; staff_id: string | null; event_key: string; title: string; body: string }>(
    "select user_id, staff_id, event_key, title, body from notifications where kind = ? and event_key like ? order by coalesce(user_id, staff_id)",
    kind,
    `%${recipientId}%`,
  );

describe("care reminders by cron", () => {
  it("18:00 the evening before a visit falls due: each paired volunteer is reminded once, however often the cron runs", async () => {
    const r = await registerRecipient({ name: "提醒老人", gridId: "grd_renxing_02", riskLevel: "high" });
    const later = await registerRecipient({ name: "后天老人", gridId: "grd_renxing_02", riskLevel: "key" });
    const a = await volunteer("care-rem-a", "甲志愿");
    const b = await volunteer("care-rem-b", "乙志愿");
    await pair(r.id, a.user.id);
    await pair(r.id, b.user.id);
    await pair(later.id, a.user.id);
    const due = Date.parse(r.nextDueAt);

    // Two evenings before: not yet.
    await runCron(REMINDER_CRON, eveningBefore(due) - DAY);
    expect(await noticesOf("visit_due", r.id)).toEqual([]);

    const evening = eveningBefore(due);
    await runCron(REMINDER_CRON, evening);
    await runCron(REMINDER_CRON, evening);
    await Promise.all([runCron(REMINDER_CRON, evening), runCron(REMINDER_CRON, evening + 60_000)]);
    const sent = await noticesOf("visit_due", r.id);
    expect(sent).toEqual(
      [a.user.id, b.user.id].sort().map((id) => ({
        user_id: id,
        staff_id: null,
        event_key: `visit_due:${r.id}:${due}`,
        title: "明日走访提醒",
        body: "明天该去看望提醒老人了，走访后记得在“我的结对”里登记。",
      })),
    );
    expect(sent.map((s) => s.body).join()).not.toContain("13840002001");
    expect((await rows("select due_reminded_for from care_recipients where id = ?", r.id))[0]).toEqual({ due_reminded_for: due });
    expect(await noticesOf("visit_due", later.id)).toEqual([]);

    // A visit moves the due date: the new one is reminded once in its turn.
    const visit = await api("POST", `/care/${r.id}/visits`, { token: a.token, body: visitBody() });
    expect(visit.status).toBe(201);
    const next = Date.parse(visitBody().visitedAt);
    const nextDue = Date.parse((await api("GET", "/me/care", { token: a.token })).body.items.find((i: { id: string }) => i.id === r.id).nextDueAt);
    expect(nextDue).toBeGreaterThan(next);
    await Promise.all([runCron(REMINDER_CRON, eveningBefore(nextDue)), runCron(REMINDER_CRON, eveningBefore(nextDue))]);
    expect((await noticesOf("visit_due", r.id)).filter((n) => n.event_key === `visit_due:${r.id}:${nextDue}`)).toHaveLength(2);
  });

  it(`${CARE_OVERDUE_ALERT_DAYS} days overdue: the grid's workers are told once per due date by the 15-minute cron`, async () => {
    const w5 = await gridWorker("care_alert_w5", "grd_renxing_05");
    await gridWorker("care_alert_w6", "grd_renxing_06");
    const r = await registerRecipient({ name: "逾期提醒老人", gridId: "grd_renxing_05", riskLevel: "high" });
    const due = Date.parse(r.nextDueAt);

    await runCron(QUARTER_HOUR_CRON, due + CARE_OVERDUE_ALERT_DAYS * DAY - 15 * 60_000);
    expect(await noticesOf("visit_overdue", r.id)).toEqual([]);

    const late = due + CARE_OVERDUE_ALERT_DAYS * DAY + 60_000;
    await runCron(QUARTER_HOUR_CRON, late);
    await Promise.all([runCron(QUARTER_HOUR_CRON, late + 15 * 60_000), runCron(QUARTER_HOUR_CRON, late + 15 * 60_000)]);
    await runCron(QUARTER_HOUR_CRON, late + DAY);
    expect(await noticesOf("visit_overdue", r.id)).toEqual([
      { user_id: null, staff_id: w5.staff.id, event_key: `visit_overdue:${r.id}:${due}`, title: "走访已逾期", body: "逾期提醒老人的走访已逾期 2 天，请联系结对志愿者或上门看望。" },
    ]);
    expect((await rows("select overdue_alerted_for from care_recipients where id = ?", r.id))[0]).toEqual({ overdue_alerted_for: due });
  });

  it("an ended recipient is neither reminded nor alerted", async () => {
    const r = await registerRecipient({ name: "结束老人", gridId: "grd_renxing_03", riskLevel: "high" });
    const v = await volunteer("care-rem-ended", "丙志愿");
    await pair(r.id, v.user.id);
    await env.DB.prepare("update care_recipients set active = 0 where id = ?").bind(r.id).run();
    const due = Date.parse(r.nextDueAt);
    await runCron(REMINDER_CRON, eveningBefore(due));
    await runCron(QUARTER_HOUR_CRON, due + 3 * DAY);
    expect(await noticesOf("visit_due", r.id)).toEqual([]);
    expect(await noticesOf("visit_overdue", r.id)).toEqual([]);
  });
});
