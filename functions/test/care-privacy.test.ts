import { describe, expect, it } from "vitest";
import { pair, registerRecipient, visitBody } from "./care-fixtures";
import { admin, gridWorker, volunteer } from "./fixtures";
import { api, residentLogin } from "./helpers";

const ADDRESS = "仁兴街88号楼1单元101";
const PHONE = "13899990088";
const DAY = 24 * 3600_000;

/** Every care route a caller could try, for the recipient `id`. */
const routes = (id: string) => [
  ["GET", "/me/care"],
  ["GET", `/care/${id}/visits`],
  ["POST", `/care/${id}/visits`, visitBody()],
  ["GET", "/admin/care-recipients"],
  ["GET", `/admin/care-recipients/${id}`],
  ["PUT", `/admin/care-recipients/${id}`, { name: "秘密老人", gridId: "grd_renxing_04", address: "别处", phone: "13800000000", emergencyContact: { name: "无人", phone: "13800000001" }, riskLevel: "high", consentAt: "2026-11-01" }],
  ["POST", `/admin/care-recipients/${id}/pairings/usr_nobody`],
  ["DELETE", `/admin/care-recipients/${id}/pairings/usr_nobody`],
  ["GET", "/admin/care/overdue"],
  ["GET", "/admin/care/stats"],
] as const;

describe("privacy: an elder's address and phone", () => {
  it("reach only staff of the grid and volunteers paired now; nobody else's answer contains them; unpairing hides them again", async () => {
    const r = await registerRecipient({ name: "秘密老人", gridId: "grd_renxing_04", address: ADDRESS, phone: PHONE });
    const paired = await volunteer("priv-paired", "陈志愿");
    const alsoPaired = await volunteer("priv-also", "褚志愿");
    const unpaired = await volunteer("priv-unpaired", "卫志愿");
    await pair(r.id, paired.user.id);
    await pair(r.id, alsoPaired.user.id);
    await api("POST", `/care/${r.id}/visits`, { token: paired.token, body: visitBody({ outcome: "no_answer", visitedAt: new Date(Date.now() - 2 * DAY).toISOString() }) });
    // Paired with another elder: their own answers must not carry this one.
    const otherElder = await registerRecipient({ name: "别的老人", gridId: "grd_renxing_04" });
    await pair(otherElder.id, unpaired.user.id);
    const resident = await residentLogin("priv-resident");
    const otherWorker = await gridWorker("priv_w1", "grd_renxing_01");
    const ownWorker = await gridWorker("priv_w4", "grd_renxing_04");

    const callers: [string, string | undefined][] = [
      ["unpaired volunteer", unpaired.token],
      ["resident", resident.token],
      ["grid worker of another grid", otherWorker.token],
      ["anonymous", undefined],
    ];
    for (const [who, token] of callers) {
      for (const [method, path, body] of routes(r.id)) {
        const res = await api(method, path, { token, body });
        expect(res.text, `${who}: ${method} ${path}`).not.toContain(ADDRESS);
        expect(res.text, `${who}: ${method} ${path}`).not.toContain(PHONE);
        expect(res.status, `${who}: ${method} ${path}`).toBeLessThan(500);
      }
    }
    // Nothing the others tried changed the elder.
    const staffView = await api("GET", `/admin/care-recipients/${r.id}`, { token: ownWorker.token });
    expect(staffView.body).toMatchObject({ address: ADDRESS, phone: PHONE, gridId: "grd_renxing_04" });
    expect((await api("GET", "/admin/care/overdue", { token: ownWorker.token })).text).not.toContain(PHONE);

    const mine = await api("GET", "/me/care", { token: paired.token });
    expect(mine.body.items).toEqual([expect.objectContaining({ id: r.id, address: ADDRESS, phone: PHONE, gridName: expect.any(String) })]);
    const theirs = await api("GET", "/me/care", { token: alsoPaired.token });
    expect(theirs.text).toContain(ADDRESS);

    const token = await admin();
    expect((await api("DELETE", `/admin/care-recipients/${r.id}/pairings/${paired.user.id}`, { token })).status).toBe(204);
    const after = await api("GET", "/me/care", { token: paired.token });
    expect(after.body.items).toEqual([]);
    expect(after.text).not.toContain(ADDRESS);
    expect((await api("POST", `/care/${r.id}/visits`, { token: paired.token, body: visitBody() })).status).toBe(404);
    expect((await api("GET", `/care/${r.id}/visits`, { token: paired.token })).status).toBe(404);
  });
});

describe("me/care, overdue and stats", () => {
  it("/me/care lists overdue first, then by next due date", async () => {
    const v = await volunteer("mine-order", "秦志愿");
    const normal = await registerRecipient({ name: "一般老人", gridId: "grd_renxing_09", riskLevel: "normal" });
    const high = await registerRecipient({ name: "高风险老人", gridId: "grd_renxing_09", riskLevel: "high" });
    const overdue = await registerRecipient({ name: "逾期老人", gridId: "grd_renxing_09", riskLevel: "key" });
    for (const r of [normal, high, overdue]) await pair(r.id, v.user.id);
    // 31 days ago by the clock of this test: the key-risk visit is a day overdue.
    await api("POST", `/care/${overdue.id}/visits`, { token: v.token, body: visitBody({ visitedAt: new Date(Date.now() - 31 * DAY).toISOString() }) });
    const mine = await api("GET", "/me/care", { token: v.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { name: string; overdue: boolean }) => [i.name, i.overdue])).toEqual([
      ["逾期老人", true],
      ["高风险老人", false],
      ["一般老人", false],
    ]);
    const staffToken = await admin();
    expect((await api("GET", "/me/care", { token: staffToken })).status).toBe(403);
    expect((await api("GET", "/me/care")).status).toBe(401);
  });

  it("overdue: oldest due first, grid-scoped, with the paired volunteers", async () => {
    const v = await volunteer("overdue-list", "尤志愿");
    const older = await registerRecipient({ name: "逾期更久", gridId: "grd_renxing_08", riskLevel: "high" });
    const newer = await registerRecipient({ name: "刚逾期", gridId: "grd_renxing_08", riskLevel: "high" });
    const elsewhere = await registerRecipient({ name: "他处逾期", gridId: "grd_renxing_01", riskLevel: "high" });
    await pair(older.id, v.user.id);
    await pair(newer.id, v.user.id);
    await pair(elsewhere.id, v.user.id);
    await api("POST", `/care/${older.id}/visits`, { token: v.token, body: visitBody({ visitedAt: new Date(Date.now() - 12 * DAY).toISOString() }) });
    await api("POST", `/care/${newer.id}/visits`, { token: v.token, body: visitBody({ visitedAt: new Date(Date.now() - 9 * DAY).toISOString() }) });
    await api("POST", `/care/${elsewhere.id}/visits`, { token: v.token, body: visitBody({ visitedAt: new Date(Date.now() - 10 * DAY).toISOString() }) });
    const w8 = await gridWorker("overdue_w8", "grd_renxing_08");
    const list = await api("GET", "/admin/care/overdue", { token: w8.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { name: string; daysOverdue: number }) => [i.name, i.daysOverdue])).toEqual([
      ["逾期更久", 5],
      ["刚逾期", 2],
    ]);
    expect(list.body.items[0].volunteers).toEqual([{ userId: v.user.id, name: "尤志愿" }]);
    const all = await api("GET", "/admin/care/overdue", { token: await admin() });
    const mine = ["逾期更久", "他处逾期", "刚逾期"];
    expect(all.body.items.map((i: { name: string }) => i.name).filter((name: string) => mine.includes(name))).toEqual(mine);
    expect((await api("GET", "/admin/care/overdue", { token: v.token })).status).toBe(403);
  });

  it("stats per grid: recipients by risk, visits and flags in range, on-time rate as documented", async () => {
    const v = await volunteer("stats-vol", "许志愿");
    // Registered now with high risk: due in 7 days. Visit 1 (on time, flagged), then visit 2 eight days later (late).
    const r = await registerRecipient({ name: "统计老人", gridId: "grd_renxing_07", riskLevel: "high" });
    const k = await registerRecipient({ name: "统计老人二", gridId: "grd_renxing_07", riskLevel: "key" });
    await pair(r.id, v.user.id);
    // Registration is now, so move it back 20 days to make room for the history.
    const { env } = await import("cloudflare:test");
    await env.DB.prepare("update care_recipients set created_at = created_at - ? where id = ?").bind(20 * DAY, r.id).run();
    await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody({ visitedAt: new Date(Date.now() - 15 * DAY).toISOString(), flags: ["health", "eating"] }) });
    await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody({ visitedAt: new Date(Date.now() - 6 * DAY).toISOString() }) });
    await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody({ outcome: "no_answer", visitedAt: new Date(Date.now() - 1 * DAY).toISOString() }) });

    const w7 = await gridWorker("stats_w7", "grd_renxing_07");
    const stats = await api("GET", "/admin/care/stats", { token: w7.token });
    expect(stats.status).toBe(200);
    expect(stats.body.grids).toHaveLength(1);
    expect(stats.body.grids[0]).toMatchObject({
      gridId: "grd_renxing_07",
      recipients: { high: 1, key: 1, normal: 0, total: 2 },
      visits: 3,
      visited: 2,
      flaggedVisits: 1,
      flags: { health: 1, eating: 1, medicine: 0, utilities: 0, lonely: 0, needs_help: 0 },
      // Due 13 days ago (registration + 7): met by visit 1. Due 8 days ago (visit 1 + 7): visit 2 came 2 days late.
      dueInRange: 2,
      onTime: 1,
      onTimeRate: 0.5,
    });
    expect(k.id).toBeTruthy();
    const admins = await api("GET", "/admin/care/stats", { token: await admin() });
    expect(admins.body.grids).toHaveLength(9);
    expect(admins.body.total.visits).toBeGreaterThanOrEqual(3);
    const narrow = await api("GET", `/admin/care/stats?from=2020-01-01&to=2020-01-31`, { token: w7.token });
    expect(narrow.body.grids[0]).toMatchObject({ visits: 0, dueInRange: 0, onTimeRate: null });
    const bad = await api("GET", "/admin/care/stats?from=2026-12-01&to=2026-11-01", { token: w7.token });
    expect(bad.status).toBe(400);
  });
});
