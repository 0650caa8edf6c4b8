import { describe, expect, it } from "vitest";
import { admin, gridWorker, residentInGrid } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

const GRID = "grd_renxing_03";
export const reportBody = (overrides: Record<string, unknown> = {}) => ({
  category: "facility",
  description: "3号楼2单元楼道灯坏了一个多星期，晚上上下楼看不清。",
  building: "3号楼2单元",
  public: false,
  ...overrides,
});

describe("filing a report", () => {
  it("gets a readable case number, the grid's deadlines, and tells the grid's worker", async () => {
    const worker = await gridWorker("filing-gw", GRID);
    const { token } = await residentInGrid("filing-1", GRID);
    const res = await api("POST", "/reports", { token, body: reportBody({ category: "safety_hazard" }) });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^rpt_/), ref: expect.stringMatching(/^RX\d{8}-\d{4}$/), status: "submitted", level: "grid" });
    const [row] = await rows<{ accept_by: number; resolve_by: number; created_at: number; grid_id: string }>("select * from reports where id = ?", res.body.id);
    expect(row!.grid_id).toBe(GRID);
    expect(row!.accept_by - row!.created_at).toBe(4 * 3600_000);
    expect(row!.resolve_by - row!.created_at).toBe(48 * 3600_000);
    expect(await rows("select kind from report_events where report_id = ?", res.body.id)).toEqual([{ kind: "submitted" }]);
    expect(await rows("select kind from notifications where staff_id = ?", worker.staff.id)).toEqual([{ kind: "report_update" }]);
  });

  it("20 reports filed in parallel get 20 distinct, consecutive case numbers", async () => {
    const residents = await Promise.all(Array.from({ length: 20 }, (_, i) => residentInGrid(`filing-par-${i}`, GRID)));
    const results = await Promise.all(residents.map(({ token }) => api("POST", "/reports", { token, body: reportBody() })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const refs = results.map((r) => r.body.ref as string);
    expect(new Set(refs).size).toBe(20);
    const numbers = refs.map((ref) => Number(ref.slice(-4))).sort((a, b) => a - b);
    expect(numbers[19]! - numbers[0]!).toBe(19);
  });

  it("without a grid of one's own or in the body: 422 GRID_REQUIRED, nothing written", async () => {
    const { token, user } = await residentLogin("filing-nogrid");
    const res = await api("POST", "/reports", { token, body: reportBody() });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("GRID_REQUIRED");
    expect(await rows("select id from reports where user_id = ?", user.id)).toHaveLength(0);
    expect((await api("POST", "/reports", { token, body: reportBody({ gridId: GRID }) })).status).toBe(201);
  });
});

describe("accepting a report", () => {
  it("10 parallel accepts by two grid workers and an admin: exactly one wins, the rest 409", async () => {
    const a = await gridWorker("accept-a", GRID);
    const b = await gridWorker("accept-b", GRID);
    const adminToken = await admin();
    const { token } = await residentInGrid("accept-reporter", GRID);
    const filed = await api("POST", "/reports", { token, body: reportBody() });
    const tokens = [a.token, b.token, adminToken];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => api("POST", `/admin/reports/${filed.body.id}/accept`, { token: tokens[i % 3] })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(9);
    expect(refused[0]!.body.error.code).toBe("INVALID_TRANSITION");
    expect(await rows("select kind from report_events where report_id = ? and kind = 'accepted'", filed.body.id)).toHaveLength(1);
    expect(await rows("select id from notifications where event_key like ?", `report_update:${filed.body.id}:%`)).toHaveLength(1);
    expect(await rows("select id from audit_log where action = 'report.accept' and target_id = ?", filed.body.id)).toHaveLength(1);
  });

  it("a grid worker of another grid gets 404", async () => {
    const other = await gridWorker("accept-other", "grd_renxing_07");
    const { token } = await residentInGrid("accept-reporter-2", GRID);
    const filed = await api("POST", "/reports", { token, body: reportBody() });
    const res = await api("POST", `/admin/reports/${filed.body.id}/accept`, { token: other.token });
    expect(res.status).toBe(404);
  });
});

describe("the content check of a public report", () => {
  it("a public description WeChat judges risky is refused with 422 CONTENT_REJECTED and nothing is saved; a private one is not sent to WeChat", async () => {
    const { token, user } = await residentInGrid("filing-risky", GRID);
    const risky = "【违规】楼道里有人乱贴小广告，电话号码贴满了墙。";
    const refused = await api("POST", "/reports", { token, body: reportBody({ description: risky, public: true }) });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("CONTENT_REJECTED");
    expect(await rows("select id from reports where user_id = ?", user.id)).toHaveLength(0);

    const privately = await api("POST", "/reports", { token, body: reportBody({ description: risky, public: false }) });
    expect(privately.status).toBe(201);
    const shown = await api("POST", "/reports", { token, body: reportBody({ public: true }) });
    expect(shown.status).toBe(201);
    expect(await rows("select public, content_check from reports where user_id = ? order by created_at", user.id)).toEqual([
      { public: 0, content_check: null },
      { public: 1, content_check: "pass" },
    ]);
  });
});

describe("the reporter's timeline", () => {
  it("names the level only for the handlers' steps: the reporter's own steps carry none", async () => {
    const { token } = await residentInGrid("filing-timeline", GRID);
    const filed = await api("POST", "/reports", { token, body: reportBody() });
    await api("POST", `/admin/reports/${filed.body.id}/accept`, { token: await admin() });
    const seen = await api("GET", `/reports/${filed.body.id}`, { token });
    expect(seen.body.timeline.map((e: { kind: string; level?: string }) => [e.kind, e.level])).toEqual([
      ["submitted", undefined],
      ["accepted", "grid"],
    ]);
  });
});
