import { describe, expect, it } from "vitest";
import { admin, residentInGrid } from "./fixtures";
import { api, rows } from "./helpers";
import { acceptedReport, filedReport, REPORT_GRID, resolvedReport } from "./report-fixtures";

const HOUR = 3600_000;

describe("the reporter withdraws", () => {
  it("while submitted or accepted → withdrawn, the handlers told; after resolve → 409", async () => {
    const f = await filedReport("wd-sub");
    const res = await api("POST", `/reports/${f.id}/withdraw`, { token: f.reporter.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: f.id, status: "withdrawn", isMine: true });
    expect(res.body.timeline.at(-1)).toMatchObject({ kind: "withdrawn" });
    expect(await rows("select id from notifications where staff_id = ? and event_key like 'report_handle:%' and title = '诉求已撤回'", f.worker.staff.id)).toHaveLength(1);
    expect((await api("POST", `/reports/${f.id}/withdraw`, { token: f.reporter.token })).status).toBe(409);

    const a = await acceptedReport("wd-acc");
    expect((await api("POST", `/reports/${a.id}/withdraw`, { token: a.reporter.token })).body.status).toBe("withdrawn");

    const r = await resolvedReport("wd-res");
    const late = await api("POST", `/reports/${r.id}/withdraw`, { token: r.reporter.token });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("INVALID_TRANSITION");
    expect(await rows("select status from reports where id = ?", r.id)).toEqual([{ status: "resolved" }]);
  });

  it("someone else's report: 404 on withdraw and rate, nothing written; staff tokens 403", async () => {
    const r = await resolvedReport("wd-other");
    const stranger = await residentInGrid("wd-stranger", REPORT_GRID);
    for (const [step, body] of [["withdraw", undefined], ["rate", { rating: "satisfied" }]] as const) {
      const res = await api("POST", `/reports/${r.id}/${step}`, { token: stranger.token, body });
      expect([step, res.status, res.body.error.code]).toEqual([step, 404, "NOT_FOUND"]);
    }
    expect((await api("POST", `/reports/${r.id}/rate`, { token: await admin(), body: { rating: "satisfied" } })).status).toBe(403);
    expect(await rows("select status, rating from reports where id = ?", r.id)).toEqual([{ status: "resolved", rating: null }]);
  });
});

describe("the reporter rates", () => {
  it("satisfied closes it; rating twice → 409", async () => {
    const r = await resolvedReport("rate-ok");
    const res = await api("POST", `/reports/${r.id}/rate`, { token: r.reporter.token, body: { rating: "satisfied", comment: "修得很快，谢谢" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "closed", rating: { rating: "satisfied", comment: "修得很快，谢谢" }, reopenCount: 0 });
    expect(res.body.timeline.slice(-2).map((e: { kind: string }) => e.kind)).toEqual(["rated", "closed"]);
    const twice = await api("POST", `/reports/${r.id}/rate`, { token: r.reporter.token, body: { rating: "dissatisfied" } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("INVALID_TRANSITION");
    expect(await rows("select rating from reports where id = ?", r.id)).toEqual([{ rating: "satisfied" }]);
  });

  it("while accepted → 409", async () => {
    const a = await acceptedReport("rate-early");
    const res = await api("POST", `/reports/${a.id}/rate`, { token: a.reporter.token, body: { rating: "basically_satisfied" } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("INVALID_TRANSITION");
  });

  it("the first 不满意 reopens it with a fresh deadline and tells the handlers; the second closes it flagged and tells the admins", async () => {
    const r = await resolvedReport("rate-twice", { category: "environment", description: "垃圾桶周围每天都有散落垃圾，气味很大。" });
    await rows("update reports set resolve_overdue_at = 1 where id = ?", r.id);
    const before = Date.now();
    const first = await api("POST", `/reports/${r.id}/rate`, { token: r.reporter.token, body: { rating: "dissatisfied", comment: "还是很脏" } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: "accepted", reopenCount: 1 });
    expect(first.body.timeline.slice(-2).map((e: { kind: string }) => e.kind)).toEqual(["rated", "reopened"]);
    const [row] = await rows<{ resolve_by: number; resolve_overdue_at: number | null; flagged: number; resolved_at: number | null }>(
      "select resolve_by, resolve_overdue_at, flagged, resolved_at from reports where id = ?",
      r.id,
    );
    expect(row!.resolve_by).toBeGreaterThanOrEqual(before + 72 * HOUR);
    expect(row!.resolve_by).toBeLessThanOrEqual(Date.now() + 72 * HOUR);
    expect(row).toMatchObject({ resolve_overdue_at: null, flagged: 0, resolved_at: null });
    expect(await rows("select title from notifications where staff_id = ? and title = '诉求重新办理'", r.worker.staff.id)).toHaveLength(1);
    expect(await rows("select id from notifications where event_key like ?", `report_flagged:${r.id}:%`)).toHaveLength(0);

    const again = await api("POST", `/admin/reports/${r.id}/resolve`, { token: r.worker.token, body: { result: "增加了清运次数" } });
    expect(again.status).toBe(200);
    const second = await api("POST", `/reports/${r.id}/rate`, { token: r.reporter.token, body: { rating: "dissatisfied" } });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: "closed", reopenCount: 1 });
    expect(await rows("select flagged, status from reports where id = ?", r.id)).toEqual([{ flagged: 1, status: "closed" }]);
    const flaggedTo = await rows<{ role: string }>("select s.role from notifications n join staff s on s.id = n.staff_id where n.event_key like ?", `report_flagged:${r.id}:%`);
    expect(flaggedTo.length).toBeGreaterThan(0);
    expect(flaggedTo.every((s) => s.role === "admin")).toBe(true);
    expect(await rows("select title from notifications where staff_id = ? and title = '诉求重新办理'", r.worker.staff.id)).toHaveLength(1);
    expect((await api("POST", `/reports/${r.id}/rate`, { token: r.reporter.token, body: { rating: "satisfied" } })).status).toBe(409);
    expect(await rows("select id from audit_log where action = 'report.rate' and target_id = ?", r.id)).toHaveLength(2);
  });

  it("parallel ratings: exactly one lands", async () => {
    const r = await resolvedReport("rate-race");
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => api("POST", `/reports/${r.id}/rate`, { token: r.reporter.token, body: { rating: i % 2 ? "dissatisfied" : "satisfied" } })));
    expect(results.filter((res) => res.status === 200)).toHaveLength(1);
    expect(results.filter((res) => res.status === 409)).toHaveLength(5);
    expect(await rows("select id from report_events where report_id = ? and kind = 'rated'", r.id)).toHaveLength(1);
  });

  it("bad bodies: 400 with details, nothing written", async () => {
    const r = await resolvedReport("rate-bad");
    for (const body of [{}, { rating: "great" }, { rating: "satisfied", comment: "好".repeat(301) }]) {
      const res = await api("POST", `/reports/${r.id}/rate`, { token: r.reporter.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
    expect(await rows("select status, rating from reports where id = ?", r.id)).toEqual([{ status: "resolved", rating: null }]);
  });
});
