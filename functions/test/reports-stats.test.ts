import { shanghaiDate } from "@renxing/shared";
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../src/db/client";
import { reportStats } from "../src/services/reports/stats";
import { admin, gridWorker, residentInGrid } from "./fixtures";
import { api, residentLogin } from "./helpers";

const HOUR = 3600_000;
/** Beijing wall time as epoch ms. */
const bj = (local: string) => Date.parse(`${local}+08:00`);

interface Fixture {
  grid: string;
  category: string;
  created: string;
  status: string;
  /** Hours after filing; null when it did not happen. */
  acceptBy: number;
  acceptedAfter?: number;
  resolveBy: number;
  resolvedAfter?: number;
  rating?: string;
  reopenCount?: number;
}

/**
 * The week of 2026-10-01 to 2026-10-07 (Beijing), in grids 2, 5 and 7, with two reports just
 * outside it. Each is filed through the API, then its history is written in SQL.
 */
const FIXTURES: Record<string, Fixture> = {
  // Grid 2: on time throughout, 10 h to resolve, 满意.
  a: { grid: "grd_renxing_02", category: "facility", created: "2026-10-01T00:00:00", status: "closed", acceptBy: 24, acceptedAfter: 2, resolveBy: 120, resolvedAfter: 10, rating: "satisfied" },
  // Grid 2: accepted late (30 h > 24 h), resolved late (80 h > 72 h), 基本满意.
  b: { grid: "grd_renxing_02", category: "environment", created: "2026-10-02T08:00:00", status: "closed", acceptBy: 24, acceptedAfter: 30, resolveBy: 72, resolvedAfter: 80, rating: "basically_satisfied" },
  // Grid 2: a hazard reopened once, resolved again in time (20 h, deadline moved to 200 h), last rating 满意.
  c: { grid: "grd_renxing_02", category: "safety_hazard", created: "2026-10-03T09:00:00", status: "closed", acceptBy: 4, acceptedAfter: 1, resolveBy: 200, resolvedAfter: 20, rating: "satisfied", reopenCount: 1 },
  // Grid 2: a hazard filed in the last minute of the range, still waiting.
  d: { grid: "grd_renxing_02", category: "safety_hazard", created: "2026-10-07T23:59:00", status: "submitted", acceptBy: 4, resolveBy: 48 },
  // Grid 5: a mediated dispute, accepted at 3 h, resolved at 7.5 h, not rated yet.
  e: { grid: "grd_renxing_05", category: "neighbour_dispute", created: "2026-10-04T10:00:00", status: "resolved", acceptBy: 24, acceptedAfter: 3, resolveBy: 168, resolvedAfter: 7.5 },
  // Grid 5: accepted late (5 h > 4 h), being handled.
  f: { grid: "grd_renxing_05", category: "elderly_help", created: "2026-10-05T12:00:00", status: "accepted", acceptBy: 4, acceptedAfter: 5, resolveBy: 24 },
  // Grid 5: resolved late (50 h > 40 h), 不满意 twice: closed.
  g: { grid: "grd_renxing_05", category: "other", created: "2026-10-06T15:00:00", status: "closed", acceptBy: 24, acceptedAfter: 1, resolveBy: 40, resolvedAfter: 50, rating: "dissatisfied", reopenCount: 1 },
  // Grid 5: withdrawn before anyone accepted it.
  h: { grid: "grd_renxing_05", category: "property", created: "2026-10-06T18:00:00", status: "withdrawn", acceptBy: 24, resolveBy: 120 },
  // Grid 7: rejected.
  i: { grid: "grd_renxing_07", category: "environment", created: "2026-10-02T11:00:00", status: "rejected", acceptBy: 24, resolveBy: 72 },
  // Grid 7: resolved once, 不满意, reopened and being handled again: not resolved now.
  l: { grid: "grd_renxing_07", category: "facility", created: "2026-10-03T14:00:00", status: "accepted", acceptBy: 24, acceptedAfter: 1, resolveBy: 300, resolvedAfter: 30, rating: "dissatisfied", reopenCount: 1 },
  // Outside the range: the last second of 2026-09-30 and the first of 2026-10-08 (Beijing).
  before: { grid: "grd_renxing_02", category: "facility", created: "2026-09-30T23:59:59", status: "closed", acceptBy: 24, acceptedAfter: 1, resolveBy: 120, resolvedAfter: 2, rating: "satisfied" },
  after: { grid: "grd_renxing_05", category: "safety_hazard", created: "2026-10-08T00:00:00", status: "submitted", acceptBy: 4, resolveBy: 48 },
};

const ZERO = { received: 0, acceptedOnTime: 0, resolvedOnTime: 0, avgResolveHours: null, rated: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, reopened: 0, open: 0, hazardsFound: 0, hazardsFixed: 0 };
const WEEK = "from=2026-10-01&to=2026-10-07";

beforeAll(async () => {
  for (const [key, f] of Object.entries(FIXTURES)) {
    const { token } = await residentInGrid(`stats-${key}`, f.grid);
    const filed = await api("POST", "/reports", { token, body: { category: f.category, description: "楼下的问题已经好几天了，请网格员来看看。", public: false } });
    if (filed.status !== 201) throw new Error(`report refused: ${filed.text}`);
    const created = bj(f.created);
    const after = (hours: number | undefined) => (hours === undefined ? null : created + hours * HOUR);
    await env.DB.prepare(
      "update reports set status = ?, created_at = ?, accept_by = ?, accepted_at = ?, resolve_by = ?, resolved_at = ?, rating = ?, reopen_count = ? where id = ?",
    )
      .bind(f.status, created, after(f.acceptBy), after(f.acceptedAfter), after(f.resolveBy), after(f.resolvedAfter), f.rating ?? null, f.reopenCount ?? 0, filed.body.id)
      .run();
  }
});

describe("report stats (诉求统计)", () => {
  it("counts per grid and in total for the reports created in an inclusive range of Beijing dates", async () => {
    const res = await api("GET", `/admin/reports/stats?${WEEK}`, { token: await admin() });
    expect(res.status).toBe(200);
    expect(res.body.from).toBe("2026-10-01");
    expect(res.body.to).toBe("2026-10-07");

    // Worked out by hand from FIXTURES above.
    const byGrid = Object.fromEntries(res.body.grids.map((g: { gridId: string }) => [g.gridId, g]));
    expect(byGrid.grd_renxing_02).toEqual({
      gridId: "grd_renxing_02",
      gridName: "第二网格",
      received: 4,
      acceptedOnTime: 2,
      resolvedOnTime: 2,
      avgResolveHours: 36.7, // (10 + 80 + 20) / 3
      rated: 3,
      satisfied: 2,
      basicallySatisfied: 1,
      dissatisfied: 0,
      reopened: 1,
      open: 1,
      hazardsFound: 2,
      hazardsFixed: 1,
    });
    expect(byGrid.grd_renxing_05).toEqual({
      gridId: "grd_renxing_05",
      gridName: "第五网格",
      received: 4,
      acceptedOnTime: 2,
      resolvedOnTime: 1,
      avgResolveHours: 28.8, // (7.5 + 50) / 2 = 28.75
      rated: 1,
      satisfied: 0,
      basicallySatisfied: 0,
      dissatisfied: 1,
      reopened: 1,
      open: 1,
      hazardsFound: 0,
      hazardsFixed: 0,
    });
    expect(byGrid.grd_renxing_07).toEqual({
      gridId: "grd_renxing_07",
      gridName: "第七网格",
      received: 2,
      acceptedOnTime: 1,
      resolvedOnTime: 0,
      avgResolveHours: null,
      rated: 1,
      satisfied: 0,
      basicallySatisfied: 0,
      dissatisfied: 1,
      reopened: 1,
      open: 1,
      hazardsFound: 0,
      hazardsFixed: 0,
    });
    expect(res.body.total).toEqual({
      received: 10,
      acceptedOnTime: 5,
      resolvedOnTime: 3,
      avgResolveHours: 33.5, // (10 + 80 + 20 + 7.5 + 50) / 5
      rated: 5,
      satisfied: 2,
      basicallySatisfied: 1,
      dissatisfied: 2,
      reopened: 3,
      open: 3,
      hazardsFound: 2,
      hazardsFixed: 1,
    });
  });

  it("lists all nine grids in their order, those without reports as zeros", async () => {
    const res = await api("GET", `/admin/reports/stats?${WEEK}`, { token: await admin() });
    expect(res.body.grids.map((g: { gridName: string }) => g.gridName)).toEqual(["第一网格", "第二网格", "第三网格", "第四网格", "第五网格", "第六网格", "第七网格", "第八网格", "第九网格"]);
    expect(res.body.grids[0]).toEqual({ gridId: "grd_renxing_01", gridName: "第一网格", ...ZERO });
  });

  it("a single day counts the reports of that Beijing day only", async () => {
    const res = await api("GET", "/admin/reports/stats?from=2026-10-08&to=2026-10-08", { token: await admin() });
    expect(res.body.total).toMatchObject({ received: 1, open: 1, hazardsFound: 1 });
    expect(res.body.grids.find((g: { gridId: string }) => g.gridId === "grd_renxing_05")).toMatchObject({ received: 1 });
  });

  it("defaults to the last 30 days ending today", async () => {
    const { token } = await residentInGrid("stats-today", "grd_renxing_09");
    expect((await api("POST", "/reports", { token, body: { category: "other", description: "今天刚发现的问题，请网格员来看看。", public: false } })).status).toBe(201);
    const now = Date.now();
    const res = await api("GET", "/admin/reports/stats", { token: await admin() });
    expect(res.status).toBe(200);
    expect(res.body.to).toBe(shanghaiDate(now));
    expect(res.body.from).toBe(shanghaiDate(now - 29 * 24 * HOUR));
    expect(res.body.grids.find((g: { gridId: string }) => g.gridId === "grd_renxing_09")).toMatchObject({ received: 1, open: 1 });
    // The October week is long past: none of it counts.
    expect(res.body.total.received).toBe(1);
  });

  it("grid workers see every grid's numbers; residents and strangers do not", async () => {
    const worker = await gridWorker("stats-gw", "grd_renxing_03");
    const asWorker = await api("GET", `/admin/reports/stats?${WEEK}`, { token: worker.token });
    expect(asWorker.status).toBe(200);
    expect(asWorker.body.total.received).toBe(10);
    expect((await api("GET", `/admin/reports/stats?${WEEK}`, { token: (await residentLogin("stats-resident")).token })).status).toBe(403);
    expect((await api("GET", `/admin/reports/stats?${WEEK}`)).status).toBe(401);
  });

  it("bad dates, or from after to, are 400 VALIDATION_FAILED naming the field", async () => {
    const token = await admin();
    for (const query of ["from=2026-13-01", "to=yesterday", "from=2026-10-08&to=2026-10-01", `from=${shanghaiDate(Date.now() + 3 * 24 * HOUR)}`]) {
      const res = await api("GET", `/admin/reports/stats?${query}`, { token });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe("VALIDATION_FAILED");
      expect(res.body.error.details.map((d: { field: string }) => d.field), query).toEqual([query.startsWith("to") ? "to" : "from"]);
    }
  });

  it("takes one D1 round trip", async () => {
    let trips = 0;
    const counted = new Proxy(env.DB, {
      get(target, name) {
        const value = Reflect.get(target, name, target);
        if (name === "batch") return (...args: unknown[]) => (trips++, (value as (...a: unknown[]) => unknown).apply(target, args));
        if (name === "prepare") return (...args: unknown[]) => countStatement((value as (...a: unknown[]) => D1PreparedStatement).apply(target, args));
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const countStatement = (stmt: D1PreparedStatement): D1PreparedStatement =>
      new Proxy(stmt, {
        get(target, name) {
          const value = Reflect.get(target, name, target);
          if (name === "bind") return (...args: unknown[]) => countStatement((value as (...a: unknown[]) => D1PreparedStatement).apply(target, args));
          if (["all", "raw", "first", "run"].includes(name as string)) return (...args: unknown[]) => (trips++, (value as (...a: unknown[]) => unknown).apply(target, args));
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    const staff = { kind: "staff", id: "stf_dev_admin", username: "admin", displayName: "社区管理员", role: "admin", gridId: null } as const;
    const stats = await reportStats(getDb(counted), staff as never, { from: "2026-10-01", to: "2026-10-07" });
    expect(stats.total.received).toBe(10);
    expect(trips).toBe(1);
  });
});
