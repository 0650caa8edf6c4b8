import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index";
import { admin, gridWorker, residentInGrid } from "./fixtures";
import { api, rows } from "./helpers";

/** The quarter-hour cron of wrangler.toml, which raises overdue reports. */
const QUARTER_HOUR_CRON = "*/15 * * * *";
const GRID = "grd_renxing_04";
const HOUR = 3600_000;

async function runCron(scheduledTime = Date.now()) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: QUARTER_HOUR_CRON, scheduledTime }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const body = (overrides: Record<string, unknown> = {}) => ({
  category: "environment",
  description: "4号楼东侧垃圾箱满了两天没人清运，味道很大。",
  building: "4号楼",
  public: false,
  ...overrides,
});

/** A report filed by a new resident of GRID, who holds WeChat grants for `report_update`. */
async function fileReport(openid: string, overrides: Record<string, unknown> = {}) {
  const reporter = await residentInGrid(openid, GRID);
  await env.DB.prepare("insert into subscription_grants (user_id, kind, count, updated_at) values (?, 'report_update', 5, 0)").bind(reporter.user.id).run();
  const filed = await api("POST", "/reports", { token: reporter.token, body: body(overrides) });
  if (filed.status !== 201) throw new Error(`report refused: ${filed.text}`);
  return { id: filed.body.id as string, reporter };
}

/** Moves a deadline into the past, as if the report had waited that long. */
const passDeadline = (id: string, column: "accept_by" | "resolve_by") => env.DB.prepare(`update reports set ${column} = ? where id = ?`).bind(Date.now() - HOUR, id).run();

const reportRow = async (id: string) =>
  (await rows<{ status: string; level: string; accept_overdue_at: number | null; resolve_overdue_at: number | null }>("select status, level, accept_overdue_at, resolve_overdue_at from reports where id = ?", id))[0]!;
const escalations = (id: string) =>
  rows<{ text: string; level: string; public: number; actor_kind: string }>("select text, level, public, actor_kind from report_events where report_id = ? and kind = 'escalated'", id);
const reporterNotices = (userId: string) => rows<{ kind: string; title: string; body: string; page: string }>("select kind, title, body, page from notifications where user_id = ?", userId);
const adminNotices = (id: string) => rows<{ title: string }>("select title from notifications where staff_id = 'stf_dev_admin' and page = ?", `/console/reports/${id}`);
const outboxOf = (userId: string) => rows("select s.status from notification_sends s join notifications n on n.id = s.notification_id where n.user_id = ?", userId);

describe("automatic escalation by the quarter-hour cron", () => {
  it("a report not accepted by its deadline goes up to the community once, however often the cron runs", async () => {
    const gw = await gridWorker("esc-gw", GRID);
    const { id, reporter } = await fileReport("esc-late");
    await passDeadline(id, "accept_by");

    await runCron();
    await runCron();

    const row = await reportRow(id);
    expect(row).toMatchObject({ status: "submitted", level: "community", resolve_overdue_at: null });
    expect(row.accept_overdue_at).toEqual(expect.any(Number));
    expect(await escalations(id)).toEqual([{ text: "超过受理时限，自动上报社区", level: "community", public: 1, actor_kind: "system" }]);
    expect(await rows("select actor_kind, outcome from audit_log where action = 'report.escalate' and target_id = ?", id)).toEqual([{ actor_kind: "system", outcome: "ok" }]);

    const told = await reporterNotices(reporter.user.id);
    expect(told).toEqual([{ kind: "report_update", title: "诉求已上报社区", body: expect.stringContaining("超过受理时限，自动上报社区"), page: `/pages/report-detail/index?id=${id}` }]);
    expect(await outboxOf(reporter.user.id)).toHaveLength(1);
    // The new handlers are the community admins; the grid's worker heard only of the filing.
    expect(await adminNotices(id)).toHaveLength(1);
    expect(await rows("select id from notifications where staff_id = ?", gw.staff.id)).toHaveLength(1);

    // The reporter sees the step (the timeline entry is public).
    const mine = await rows<{ kind: string }>("select kind from report_events where report_id = ? and public = 1 order by at", id);
    expect(mine.map((e) => e.kind)).toEqual(["submitted", "escalated"]);
  });

  it("an accepted report past its resolve deadline goes up once, even with two cron runs in parallel", async () => {
    const late = await Promise.all(["esc-par-1", "esc-par-2", "esc-par-3"].map((openid) => fileReport(openid)));
    const accepted = await fileReport("esc-par-accepted", { category: "safety_hazard", description: "5号楼楼道里堆满了纸箱和旧家具，堵住了消防通道。" });
    expect((await api("POST", `/admin/reports/${accepted.id}/accept`, { token: await admin() })).status).toBe(200);
    for (const { id } of late) await passDeadline(id, "accept_by");
    await passDeadline(accepted.id, "resolve_by");

    await Promise.all([runCron(), runCron()]);
    await runCron();

    for (const { id, reporter } of late) {
      expect(await escalations(id)).toHaveLength(1);
      expect(await reporterNotices(reporter.user.id)).toHaveLength(1);
      expect(await outboxOf(reporter.user.id)).toHaveLength(1);
      expect(await adminNotices(id)).toHaveLength(1);
    }
    const row = await reportRow(accepted.id);
    expect(row).toMatchObject({ status: "accepted", level: "community", accept_overdue_at: null });
    expect(row.resolve_overdue_at).toEqual(expect.any(Number));
    expect(await escalations(accepted.id)).toEqual([{ text: "超过办理时限，自动上报社区", level: "community", public: 1, actor_kind: "system" }]);
    // Accepted, then raised: two messages to the reporter, one each.
    expect((await reporterNotices(accepted.reporter.user.id)).map((n) => n.title)).toEqual(["诉求处理中", "诉求已上报社区"]);
    expect(await rows("select id from audit_log where action = 'report.escalate' and target_id = ?", accepted.id)).toHaveLength(1);
  });

  it("leaves alone a report within its deadlines, one at the community already, and one that is finished", async () => {
    const inTime = await fileReport("esc-in-time");
    const atCommunity = await fileReport("esc-community");
    await env.DB.prepare("update reports set level = 'community', accept_by = ? where id = ?").bind(Date.now() - HOUR, atCommunity.id).run();
    const withdrawn = await fileReport("esc-withdrawn");
    await env.DB.prepare("update reports set status = 'withdrawn', accept_by = ?, resolve_by = ? where id = ?").bind(Date.now() - HOUR, Date.now() - HOUR, withdrawn.id).run();

    await runCron();

    expect(await reportRow(inTime.id)).toEqual({ status: "submitted", level: "grid", accept_overdue_at: null, resolve_overdue_at: null });
    expect(await reportRow(atCommunity.id)).toEqual({ status: "submitted", level: "community", accept_overdue_at: null, resolve_overdue_at: null });
    expect(await reportRow(withdrawn.id)).toMatchObject({ status: "withdrawn", level: "grid", accept_overdue_at: null });
    for (const { id, reporter } of [inTime, atCommunity, withdrawn]) {
      expect(await escalations(id)).toEqual([]);
      expect((await reporterNotices(reporter.user.id)).filter((n) => n.title === "诉求已上报社区")).toEqual([]);
    }
  });

  it("raises more overdue reports than one batch carries, each once", async () => {
    const filed = await Promise.all(Array.from({ length: 45 }, (_, i) => fileReport(`esc-many-${i}`)));
    await env.DB.prepare("update reports set accept_by = ? where id in (select value from json_each(?))").bind(Date.now() - HOUR, JSON.stringify(filed.map((f) => f.id))).run();

    await runCron();

    const raised = await rows<{ n: number }>("select count(*) as n from reports where level = 'community' and accept_overdue_at is not null and id in (select value from json_each(?))", JSON.stringify(filed.map((f) => f.id)));
    expect(raised).toEqual([{ n: 45 }]);
    const events = await rows<{ n: number }>("select count(*) as n from report_events where kind = 'escalated' and report_id in (select value from json_each(?))", JSON.stringify(filed.map((f) => f.id)));
    expect(events).toEqual([{ n: 45 }]);
  });
});
