import { shanghaiDate } from "@renxing/shared";
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { demoStoryStatements } from "../src/db/demo";
import { getDb } from "../src/db/client";
import { escalateOverdue } from "../src/services/reports/escalation";
import { residentInGrid } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

describe("the demo story (npm start)", () => {
  it("loads on the real schema, twice without change, and reads through the API as a resident would see it", async () => {
    const load = () => env.DB.batch(demoStoryStatements(Date.now()).map((s) => env.DB.prepare(s)));
    await load();
    const counts = async () => rows("select (select count(*) from wishes) as wishes, (select count(*) from users) as users, (select count(*) from tasks) as tasks");
    const first = await counts();
    await load();
    expect(await counts()).toEqual(first);

    const statuses = (await rows<{ status: string }>("select distinct status from wishes")).map((r) => r.status).sort();
    expect(statuses).toEqual(["cancelled", "claimed", "completed", "fulfilled", "open", "pending_review", "rejected"]);

    const wall = await api("GET", "/wishes");
    expect(wall.body.items.map((w: { wisherName: string }) => w.wisherName)).toContain("张**");
    expect(wall.text).not.toContain("张秀英");

    // Demo residents sign in with dev-login by the openid after "dev:".
    const li = await residentLogin("li-jianguo", "老李");
    const me = (await api("GET", "/me", { token: li.token })).body;
    expect(me).toMatchObject({ realName: "李建国", roles: ["resident", "volunteer", "driver"], totalServiceMinutes: 145, driver: { status: "verified" } });
    expect((await api("GET", "/rides/open", { token: li.token })).body.items).toHaveLength(1);
    const sessions = (await api("GET", "/exam-sessions")).body.items;
    expect(sessions.map((s: { name: string }) => s.name)).toContain("2027年高考");
    expect((await api("GET", "/tasks")).body.items.map((t: { title: string }) => t.title)).toEqual(["走访独居老人", "助老义剪"]);
  });

  it("has a dozen reports in every status, with case numbers, counters and timelines that agree", async () => {
    await env.DB.batch(demoStoryStatements(Date.now()).map((s) => env.DB.prepare(s)));
    const reports = await rows<{ id: string; ref: string; status: string; level: string; created_at: number; reopen_count: number; mediation: string | null }>(
      "select id, ref, status, level, created_at, reopen_count, mediation from reports where id like 'rpt_demo_%'",
    );
    expect(reports.length).toBeGreaterThanOrEqual(12);
    expect([...new Set(reports.map((r) => r.status))].sort()).toEqual(["accepted", "closed", "rejected", "resolved", "submitted", "withdrawn"]);
    expect(new Set(reports.map((r) => r.ref)).size).toBe(reports.length);
    expect(new Set(reports.map((r) => r.level))).toEqual(new Set(["grid", "community", "street"]));
    expect(reports.some((r) => r.reopen_count === 1 && r.status === "accepted")).toBe(true);
    expect(reports.filter((r) => r.mediation).map((r) => JSON.parse(r.mediation!))).toEqual([expect.objectContaining({ place: "仁兴话室", agreed: true })]);

    // Each case number names its Beijing filing day, and that day's counter has given it out.
    const counters = new Map((await rows<{ day: string; last: number }>("select day, last from report_ref_days")).map((d) => [d.day, d.last]));
    for (const r of reports) {
      const [, day, number] = /^RX(\d{8})-(\d{4})$/.exec(r.ref)!;
      expect(day, r.id).toBe(shanghaiDate(r.created_at).replaceAll("-", ""));
      expect(counters.get(day!)!, r.id).toBeGreaterThanOrEqual(Number(number));
    }

    // Every timeline starts with the filing and ends in the step that left the report where it is.
    const events = await rows<{ report_id: string; kind: string; at: number }>("select report_id, kind, at from report_events where report_id like 'rpt_demo_%' order by report_id, at, id");
    const LAST_STEP: Record<string, string[]> = { submitted: ["submitted"], accepted: ["accepted", "note", "escalated", "reopened"], resolved: ["resolved"], closed: ["closed"], rejected: ["rejected"], withdrawn: ["withdrawn"] };
    for (const r of reports) {
      const timeline = events.filter((e) => e.report_id === r.id);
      expect(timeline[0], r.id).toMatchObject({ kind: "submitted", at: r.created_at });
      expect(LAST_STEP[r.status], r.id).toContain(timeline.at(-1)!.kind);
    }
    const hazard = reports.find((r) => r.level === "community")!;
    expect(events.filter((e) => e.report_id === hazard.id).map((e) => e.kind)).toContain("escalated");

    // Read as a resident would: her own reports with their public steps; the board without names.
    const liu = await residentLogin("liu-guilan", "刘奶奶");
    const mine = (await api("GET", "/me/reports", { token: liu.token })).body.items as { id: string; timeline: { kind: string }[] }[];
    expect(mine.map((r) => r.id).sort()).toEqual(["rpt_demo_streetlight", "rpt_demo_wires"]);
    expect(mine.find((r) => r.id === "rpt_demo_wires")!.timeline.map((e) => e.kind)).toEqual(["submitted", "escalated", "accepted", "note"]);
    const board = await api("GET", "/reports?limit=100");
    expect(board.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(["rpt_demo_wires", "rpt_demo_corridor", "rpt_demo_facade"]));
    expect(board.text).not.toContain("刘桂兰");
    expect(board.text).not.toContain("3号楼1单元");

    // The demo sits within its deadlines: the cron finds nothing to raise, and today's next filing gets a fresh number.
    expect(await escalateOverdue(getDb(env.DB), Date.now())).toEqual({ overdue: 0, escalated: 0 });
    const { token } = await residentInGrid("demo-next-report", "grd_renxing_07");
    const next = await api("POST", "/reports", { token, body: { category: "other", description: "演示数据之后提交的第一条诉求。", public: false } });
    expect(next.status).toBe(201);
    expect(reports.map((r) => r.ref)).not.toContain(next.body.ref);
  });
});

describe("the demo grid workers", () => {
  it("one per grid signs in with the development password and sees only their grid's reports", async () => {
    await env.DB.batch(demoStoryStatements(Date.now()).map((s) => env.DB.prepare(s)));
    await env.DB.batch(demoStoryStatements(Date.now()).map((s) => env.DB.prepare(s)));
    expect(await rows("select username, grid_id from staff where role = 'grid_worker' order by username")).toHaveLength(9);
    const login = await api("POST", "/auth/staff-login", { body: { username: "grid3", password: "renxing-admin" } });
    expect(login.status).toBe(200);
    expect(login.body.staff).toMatchObject({ id: "stf_demo_grid3", role: "grid_worker" });
    const queue = await api("GET", "/admin/reports?limit=100", { token: login.body.token });
    expect(queue.status).toBe(200);
    expect(queue.body.items.length).toBeGreaterThan(0);
    expect(new Set(queue.body.items.map((r: { gridId: string }) => r.gridId))).toEqual(new Set(["grd_renxing_03"]));
  });
});

describe("the demo elders (关爱独居老人)", () => {
  it("five across grids and risks, paired with 李建国 and 王晓红, one overdue, one due tomorrow, a flagged visit, consent by the admin", async () => {
    await env.DB.batch(demoStoryStatements(Date.now()).map((s) => env.DB.prepare(s)));
    const elders = await rows<{ grid_id: string; risk_level: string; consent_recorded_by: string }>("select grid_id, risk_level, consent_recorded_by from care_recipients where id like 'cre_demo_%'");
    expect(elders.length).toBeGreaterThanOrEqual(4);
    expect(new Set(elders.map((e) => e.risk_level))).toEqual(new Set(["high", "key", "normal"]));
    expect(new Set(elders.map((e) => e.grid_id)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(elders.map((e) => e.consent_recorded_by))).toEqual(new Set(["stf_dev_admin"]));

    const li = await residentLogin("li-jianguo", "老李");
    const liCare = (await api("GET", "/me/care", { token: li.token })).body.items as { name: string; overdue: boolean; address: string }[];
    expect(liCare[0]).toMatchObject({ name: "马淑珍", overdue: true, address: "仁兴街12号楼3单元502" });
    const wang = await residentLogin("wang-xiaohong", "小王");
    const wangCare = (await api("GET", "/me/care", { token: wang.token })).body.items as { name: string; nextDueAt: string }[];
    const tomorrow = shanghaiDate(Date.now() + 24 * 3600_000);
    expect(wangCare.find((e) => e.name === "赵德福")?.nextDueAt.slice(0, 10)).toBe(tomorrow);

    const grid2 = await api("POST", "/auth/staff-login", { body: { username: "grid2", password: "renxing-admin" } });
    const overdue = await api("GET", "/admin/care/overdue", { token: grid2.body.token });
    expect(overdue.body.items.map((e: { name: string }) => e.name)).toEqual(["马淑珍"]);
    const visits = await api("GET", `/care/cre_demo_ma/visits`, { token: li.token });
    expect(visits.body.items[0]).toMatchObject({ outcome: "visited", flags: ["medicine"] });
  });
});
