import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { consoleLogin, consolePage } from "./console-helpers";
import { gridWorker, volunteer } from "./fixtures";
import { api, rows } from "./helpers";

const MINE = "grd_renxing_03";
const THEIRS = "grd_renxing_08";
const DAY = 24 * 3600_000;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The register / edit form's fields, as a browser posts them. */
const elder = (overrides: Record<string, string> = {}) => ({
  name: "孙秀兰",
  gridId: MINE,
  address: "仁兴小区3号楼2单元401",
  phone: "13812340303",
  emergencyName: "孙建国",
  emergencyPhone: "13912340303",
  riskLevel: "high",
  needs: "腿脚不便，需要代买药",
  consentAt: today(),
  ...overrides,
});

/** A grid worker of `gridId`, signed in to the console. */
async function workerConsole(username: string, gridId: string) {
  await gridWorker(username, gridId);
  return consoleLogin(username, "renxing-admin");
}

/** Registers an elder through the console form; returns the new recipient's id. */
async function registered(session: { cookie: string; csrf: string }, overrides: Record<string, string> = {}) {
  const res = await consolePage("/care", { method: "POST", cookie: session.cookie, form: { _csrf: session.csrf, ...elder(overrides) } });
  expect(res.status, res.html).toBe(303);
  const id = /^\/console\/care\/(cre_\w+)\?done=registered$/.exec(res.headers.get("location") ?? "")?.[1];
  if (!id) throw new Error(`no recipient in ${res.headers.get("location")}`);
  return id;
}

const recipientRow = async (id: string) =>
  (await rows<{ name: string; risk_level: string; active: number; grid_id: string }>("select name, risk_level, active, grid_id from care_recipients where id = ?", id))[0];
const pairingsOf = async (id: string) => (await rows<{ user_id: string }>("select user_id from care_pairings where recipient_id = ?", id)).map((r) => r.user_id);
const auditOf = async (id: string) => (await rows<{ action: string }>("select action from audit_log where target_id = ? order by rowid", id)).map((r) => r.action);

describe("console 关爱对象: registering, editing, ending", () => {
  it("a grid worker registers an elder of their grid with the consent date; the form says consent is required; audited", async () => {
    const gw = await workerConsole("cc-gw1", MINE);
    const list = await consolePage("/care", { cookie: gw.cookie });
    expect(list.status).toBe(200);
    expect(list.html).toContain("登记前必须征得老人本人同意");
    expect(list.html).toContain('name="consentAt"');

    const id = await registered(gw);
    const page = await consolePage(`/care/${id}?done=registered`, { cookie: gw.cookie });
    expect(page.status).toBe(200);
    expect(page.html).toContain("已登记");
    expect(page.html).toContain("仁兴小区3号楼2单元401");
    expect(page.html).toContain(`${today()}（网格员cc-gw1 记录）`);
    expect(page.html).toContain("高风险（每周）");
    expect(await recipientRow(id)).toEqual({ name: "孙秀兰", risk_level: "high", active: 1, grid_id: MINE });
    expect(await auditOf(id)).toEqual(["care.register"]);

    const listed = await consolePage("/care", { cookie: gw.cookie });
    expect(listed.html).toContain(`/console/care/${id}`);
  });

  it("refused: no CSRF token (403), another grid (404), no or a future consent date (400); nothing is saved", async () => {
    const gw = await workerConsole("cc-gw2", MINE);
    const before = (await rows("select id from care_recipients")).length;
    expect((await consolePage("/care", { method: "POST", cookie: gw.cookie, form: elder() })).status).toBe(403);
    const otherGrid = await consolePage("/care", { method: "POST", cookie: gw.cookie, form: { _csrf: gw.csrf, ...elder({ gridId: THEIRS }) } });
    expect(otherGrid.status).toBe(404);
    expect(otherGrid.html).toContain("找不到这个网格");
    const future = await consolePage("/care", { method: "POST", cookie: gw.cookie, form: { _csrf: gw.csrf, ...elder({ consentAt: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) }) } });
    expect(future.status).toBe(400);
    expect(future.html).toContain("同意日期不能晚于今天");
    const noConsent = await consolePage("/care", { method: "POST", cookie: gw.cookie, form: { _csrf: gw.csrf, ...elder({ consentAt: "" }) } });
    expect(noConsent.status).toBe(400);
    expect((await rows("select id from care_recipients")).length).toBe(before);
  });

  it("edit changes the details; end care (asked to confirm) stops it and ends the pairings; both audited", async () => {
    const admin = await consoleLogin();
    const id = await registered(admin);
    const v = await volunteer("cc-v1", "钱志愿");
    await consolePage(`/care/${id}/pairings`, { method: "POST", cookie: admin.cookie, form: { _csrf: admin.csrf, userId: v.user.id } });
    expect(await pairingsOf(id)).toEqual([v.user.id]);

    const edited = await consolePage(`/care/${id}/edit`, { method: "POST", cookie: admin.cookie, form: { _csrf: admin.csrf, ...elder({ riskLevel: "normal", address: "仁兴小区5号楼1单元101" }) } });
    expect(edited.status).toBe(303);
    expect(edited.headers.get("location")).toBe(`/console/care/${id}?done=updated`);
    const page = await consolePage(`/care/${id}`, { cookie: admin.cookie });
    expect(page.html).toContain("仁兴小区5号楼1单元101");
    expect(page.html).toContain("一般（每季度）");
    expect(page.html).toMatch(/data-form="end" data-confirm="确定结束对孙秀兰的关爱吗？/);

    const ended = await consolePage(`/care/${id}/end`, { method: "POST", cookie: admin.cookie, form: { _csrf: admin.csrf } });
    expect(ended.status).toBe(303);
    expect(ended.headers.get("location")).toBe(`/console/care/${id}?done=ended`);
    expect(await recipientRow(id)).toMatchObject({ active: 0, risk_level: "normal" });
    expect(await pairingsOf(id)).toEqual([]);
    const after = await consolePage(`/care/${id}`, { cookie: admin.cookie });
    expect(after.html).toContain("已结束关爱");
    expect(after.html).not.toContain('data-form="end"');
    expect(await auditOf(id)).toEqual(["care.register", "care.pair", "care.update", "care.end"]);
    // Ended elders leave the default list, and show under 已结束.
    expect((await consolePage("/care", { cookie: admin.cookie })).html).not.toContain(`/console/care/${id}`);
    expect((await consolePage("/care?active=false", { cookie: admin.cookie })).html).toContain(`/console/care/${id}`);
  });
});

describe("console 关爱对象: who sees what", () => {
  it("a grid worker sees only their grid's elders; another grid's elder is a 404 page without the address, and its forms change nothing", async () => {
    const admin = await consoleLogin();
    const theirs = await registered(admin, { gridId: THEIRS, name: "周老伯", address: "仁兴小区8号楼3单元202" });
    const gw = await workerConsole("cc-gw3", MINE);

    const list = await consolePage("/care", { cookie: gw.cookie });
    expect(list.html).not.toContain(theirs);
    expect(list.html).not.toContain("周老伯");
    expect((await consolePage(`/care?gridId=${THEIRS}`, { cookie: gw.cookie })).html).not.toContain(theirs);

    const other = await consolePage(`/care/${theirs}`, { cookie: gw.cookie });
    expect(other.status).toBe(404);
    expect(other.html).toContain("找不到这位关爱对象");
    expect(other.html).not.toContain("仁兴小区8号楼3单元202");
    for (const action of ["edit", "end"]) {
      const res = await consolePage(`/care/${theirs}/${action}`, { method: "POST", cookie: gw.cookie, form: { _csrf: gw.csrf, ...elder({ gridId: MINE }) } });
      expect(res.status, action).toBe(404);
    }
    expect(await recipientRow(theirs)).toMatchObject({ active: 1, grid_id: THEIRS, name: "周老伯" });
    const overdue = await consolePage("/care/overdue", { cookie: gw.cookie });
    expect(overdue.status).toBe(200);
    expect(overdue.html).not.toContain(theirs);
  });

  it("pairing is an admin's: they choose from the grid's active volunteers (or all), unpair with a confirmation; a grid worker cannot", async () => {
    const admin = await consoleLogin();
    const id = await registered(admin);
    const near = await volunteer("cc-v2", "吴近邻");
    expect((await api("PUT", "/me", { token: near.token, body: { gridId: MINE } })).status).toBe(200);
    const far = await volunteer("cc-v3", "郑远方");
    expect((await api("PUT", "/me", { token: far.token, body: { gridId: THEIRS } })).status).toBe(200);

    const page = await consolePage(`/care/${id}`, { cookie: admin.cookie });
    const choices = /<select name="userId"[\s\S]*?<\/select>/.exec(page.html)?.[0] ?? "";
    expect(choices).toContain(`value="${near.user.id}"`);
    expect(choices).not.toContain(far.user.id);
    const all = /<select name="userId"[\s\S]*?<\/select>/.exec((await consolePage(`/care/${id}?volunteers=all`, { cookie: admin.cookie })).html)?.[0] ?? "";
    expect(all).toContain(`value="${far.user.id}"`);

    const paired = await consolePage(`/care/${id}/pairings`, { method: "POST", cookie: admin.cookie, form: { _csrf: admin.csrf, userId: far.user.id } });
    expect(paired.status).toBe(303);
    expect(paired.headers.get("location")).toBe(`/console/care/${id}?done=paired`);
    const withPairing = await consolePage(`/care/${id}`, { cookie: admin.cookie });
    expect(withPairing.html).toContain(`data-paired="${far.user.id}"`);
    expect(withPairing.html).toContain("确定解除郑远方与孙秀兰的结对吗？");
    expect(await pairingsOf(id)).toEqual([far.user.id]);

    const gw = await workerConsole("cc-gw4", MINE);
    const gwPage = await consolePage(`/care/${id}`, { cookie: gw.cookie });
    expect(gwPage.status).toBe(200);
    expect(gwPage.html).toContain("郑远方");
    expect(gwPage.html).not.toContain('name="userId"');
    expect((await consolePage(`/care/${id}/pairings`, { method: "POST", cookie: gw.cookie, form: { _csrf: gw.csrf, userId: near.user.id } })).status).toBe(403);
    expect((await consolePage(`/care/${id}/pairings/${far.user.id}/delete`, { method: "POST", cookie: gw.cookie, form: { _csrf: gw.csrf } })).status).toBe(403);
    expect((await consolePage(`/care/${id}/pairings/${far.user.id}/delete`, { method: "POST", cookie: admin.cookie, form: {} })).status).toBe(403);
    expect(await pairingsOf(id)).toEqual([far.user.id]);

    const unpaired = await consolePage(`/care/${id}/pairings/${far.user.id}/delete`, { method: "POST", cookie: admin.cookie, form: { _csrf: admin.csrf } });
    expect(unpaired.status).toBe(303);
    expect(unpaired.headers.get("location")).toBe(`/console/care/${id}?done=unpaired`);
    expect(await pairingsOf(id)).toEqual([]);
    expect(await auditOf(id)).toEqual(["care.register", "care.pair", "care.unpair"]);
  });
});

describe("console 关爱对象: visits, overdue, stats", () => {
  it("the elder's page lists visits with outcome, flags in words, minutes and note", async () => {
    const admin = await consoleLogin();
    const id = await registered(admin);
    const v = await volunteer("cc-v4", "冯走访");
    await consolePage(`/care/${id}/pairings`, { method: "POST", cookie: admin.cookie, form: { _csrf: admin.csrf, userId: v.user.id } });
    const visit = await api("POST", `/care/${id}/visits`, {
      token: v.token,
      headers: { "idempotency-key": "cc-visit-1" },
      body: { visitedAt: new Date(Date.now() - 3600_000).toISOString(), minutes: 45, outcome: "visited", flags: ["medicine", "lonely"], note: "降压药快吃完了" },
    });
    expect(visit.status, visit.text).toBe(201);

    const page = await consolePage(`/care/${id}`, { cookie: admin.cookie });
    const row = /<tr data-visit="[^"]+" data-outcome="visited">[\s\S]*?<\/tr>/.exec(page.html)?.[0];
    expect(row).toContain("冯走访");
    expect(row).toContain("见到老人");
    expect(row).toContain("缺药或不按时吃药、情绪低落");
    expect(row).toContain("45 分钟");
    expect(row).toContain("降压药快吃完了");
  });

  it("走访逾期 lists overdue elders oldest first with 逾期 N 天 in words; 关爱统计 shows each grid", async () => {
    const admin = await consoleLogin();
    const older = await registered(admin, { name: "甲老人" });
    const newer = await registered(admin, { name: "乙老人" });
    const onTime = await registered(admin, { name: "丙老人" });
    await env.DB.prepare("update care_recipients set next_due_at = ? where id = ?").bind(Date.now() - 5 * DAY - 3600_000, older).run();
    await env.DB.prepare("update care_recipients set next_due_at = ? where id = ?").bind(Date.now() - 2 * DAY - 3600_000, newer).run();

    const overdue = await consolePage("/care/overdue", { cookie: admin.cookie });
    expect(overdue.status).toBe(200);
    const at = (id: string) => overdue.html.indexOf(`data-recipient="${id}"`);
    expect(at(older)).toBeGreaterThan(0);
    expect(at(newer)).toBeGreaterThan(at(older));
    expect(at(onTime)).toBe(-1);
    expect(/data-recipient="[^"]+" data-days-overdue="5">[\s\S]*?逾期 5 天/.test(overdue.html.slice(at(older)))).toBe(true);
    expect(overdue.html.slice(at(newer))).toContain("逾期 2 天");
    expect((await consolePage("/care", { cookie: admin.cookie })).html).toMatch(new RegExp(`data-recipient="${older}" data-overdue="true"[\\s\\S]*?已逾期`));

    const stats = await consolePage("/care/stats", { cookie: admin.cookie });
    expect(stats.status).toBe(200);
    expect(stats.html).toContain(`data-grid="${MINE}"`);
    expect(stats.html).toContain("按时率");
    expect((await consolePage("/care/stats?from=2026-02-01&to=2026-01-01", { cookie: admin.cookie })).status).toBe(400);
  });
});
