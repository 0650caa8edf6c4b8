import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { consoleLogin, consolePage } from "./console-helpers";
import { gridWorker, residentInGrid } from "./fixtures";
import { api, rows } from "./helpers";
import { reportBody } from "./report-fixtures";

const MINE = "grd_renxing_04";
const THEIRS = "grd_renxing_09";

/** A report filed by a resident of `gridId` through the API; returns its id. */
async function filed(openid: string, gridId: string, overrides: Record<string, unknown> = {}) {
  const { token } = await residentInGrid(openid, gridId, { realName: "周桂芳", phone: "13855550505" });
  const res = await api("POST", "/reports", { token, body: reportBody(overrides) });
  if (res.status !== 201) throw new Error(`report refused: ${res.text}`);
  return res.body.id as string;
}

/** A grid worker of `gridId`, signed in to the console. */
async function workerConsole(username: string, gridId: string) {
  await gridWorker(username, gridId);
  return consoleLogin(username, "renxing-admin");
}

const statusOf = async (id: string) => (await rows<{ status: string; level: string }>("select status, level from reports where id = ?", id))[0];

describe("console 诉求处理: the queue", () => {
  it("a grid worker sees their grid's reports with the reporter's contact; another grid's case is a 404 page", async () => {
    const mine = await filed("crq-1", MINE, { description: "4号楼门口的<b>井盖</b>松动了，踩上去会晃。" });
    const theirs = await filed("crq-2", THEIRS, { description: "9号网格的路灯坏了好几天，晚上很黑。" });
    const { cookie, csrf } = await workerConsole("crq-gw", MINE);

    const queue = await consolePage("/reports", { cookie });
    expect(queue.status).toBe(200);
    expect(queue.html).toContain(`/console/reports/${mine}`);
    expect(queue.html).toContain("4号楼门口的&lt;b&gt;井盖&lt;/b&gt;松动了");
    expect(queue.html).toContain("周桂芳");
    expect(queue.html).toContain("13855550505");
    expect(queue.html).not.toContain(theirs);
    expect(queue.html).not.toContain("9号网格的路灯");

    const other = await consolePage(`/reports/${theirs}`, { cookie });
    expect(other.status).toBe(404);
    expect(other.html).toContain("找不到这条诉求");
    expect(other.html).not.toContain("9号网格的路灯");
    expect((await consolePage(`/reports/${theirs}/accept`, { method: "POST", cookie, form: { _csrf: csrf } })).status).toBe(404);
    expect(await statusOf(theirs)).toEqual({ status: "submitted", level: "grid" });

    const admin = await consoleLogin();
    const filtered = await consolePage(`/reports?gridId=${THEIRS}`, { cookie: admin.cookie });
    expect(filtered.html).toContain(theirs);
    expect(filtered.html).not.toContain(mine);
  });

  it("overdue rows say 已超时 with the deadline, and the filters narrow the queue", async () => {
    const late = await filed("crq-3", MINE, { category: "safety_hazard", description: "楼道里堆了很多纸箱，挡住了消防通道。" });
    const fresh = await filed("crq-4", MINE, { category: "environment", description: "小区东门垃圾桶满了没人清理。" });
    // Four hours have passed since the hazard was filed: past its deadline to accept.
    await env.DB.prepare("update reports set accept_by = ? where id = ?").bind(Date.parse("2026-01-05T02:00:00Z"), late).run();
    const { cookie } = await workerConsole("crq-gw2", MINE);

    const queue = await consolePage("/reports", { cookie });
    const lateRow = new RegExp(`<tr data-report="${late}" data-overdue="true"[\\s\\S]*?</tr>`).exec(queue.html)?.[0];
    expect(lateRow).toContain("已超时（受理期限 2026-01-05 10:00）");
    const freshRow = new RegExp(`<tr data-report="${fresh}"[\\s\\S]*?</tr>`).exec(queue.html)?.[0];
    expect(freshRow).toContain("受理期限");
    expect(freshRow).not.toContain("已超时");

    const overdue = await consolePage("/reports?overdue=true", { cookie });
    expect(overdue.html).toContain(late);
    expect(overdue.html).not.toContain(fresh);
    const environment = await consolePage("/reports?category=environment&status=submitted", { cookie });
    expect(environment.html).toContain(fresh);
    expect(environment.html).not.toContain(late);
    expect((await consolePage("/reports?status=nonsense", { cookie })).status).toBe(400);
  });
});

describe("console 诉求处理: filing", () => {
  it("staff record a resident's phone call and a hazard from an inspection round, validated and audited", async () => {
    const { cookie, csrf } = await workerConsole("crf-gw", MINE);
    const call = { _csrf: csrf, name: "王大爷", phone: "13911112222", category: "facility", description: "电话反映：5号楼电梯经常停在半路，老人不敢坐。", gridId: MINE, building: "5号楼" };
    const bad = await consolePage("/reports", { method: "POST", cookie, form: { ...call, phone: "123" } });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("请输入正确的11位手机号");

    const ok = await consolePage("/reports", { method: "POST", cookie, form: call });
    expect(ok.status).toBe(303);
    const id = /\/console\/reports\/(rpt_\w+)\?done=filed/.exec(ok.headers.get("location")!)?.[1];
    expect(id).toBeDefined();
    expect(await rows("select source, reporter_name, reporter_phone, grid_id, building, public from reports where id = ?", id)).toEqual([
      { source: "staff", reporter_name: "王大爷", reporter_phone: "13911112222", grid_id: MINE, building: "5号楼", public: 0 },
    ]);
    expect(await rows("select action from audit_log where target_id = ?", id)).toEqual([{ action: "report.file" }]);
    const casePage = await consolePage(`/reports/${id}?done=filed`, { cookie });
    expect(casePage.html).toContain("已登记");
    expect(casePage.html).toContain("工作人员代登记");

    const hazard = await consolePage("/reports", {
      method: "POST",
      cookie,
      form: { _csrf: csrf, name: "网格员crf-gw", phone: "13911113333", category: "safety_hazard", description: "巡查发现3号楼一楼有人私拉电线给电动车充电。", gridId: MINE, public: "true" },
    });
    expect(hazard.status).toBe(303);
    expect(await rows("select category, public from reports where description like '巡查发现3号楼%'")).toEqual([{ category: "safety_hazard", public: 1 }]);
    expect((await consolePage("/reports", { method: "POST", cookie, form: call, origin: "https://evil.example" })).status).toBe(403);
  });
});

describe("console 诉求处理: the case page and its actions", () => {
  it("accept, note (internal and public) and resolve through the forms; refused without the CSRF token; every step audited", async () => {
    const id = await filed("crc-1", MINE);
    const { cookie, csrf } = await workerConsole("crc-gw", MINE);

    const page = await consolePage(`/reports/${id}`, { cookie });
    expect(page.status).toBe(200);
    expect(page.html).toContain("13855550505");
    expect(page.html).toContain("3号楼2单元");
    expect(page.html).toContain(`action="/console/reports/${id}/accept"`);
    expect(page.html).not.toContain(`action="/console/reports/${id}/resolve"`);

    expect((await consolePage(`/reports/${id}/accept`, { method: "POST", cookie, form: {} })).status).toBe(403);
    expect((await consolePage(`/reports/${id}/accept`, { method: "POST", cookie, form: { _csrf: "forged" } })).status).toBe(403);
    expect(await statusOf(id)).toEqual({ status: "submitted", level: "grid" });

    const accepted = await consolePage(`/reports/${id}/accept`, { method: "POST", cookie, form: { _csrf: csrf } });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe(`/console/reports/${id}?done=accepted`);
    expect(await statusOf(id)).toEqual({ status: "accepted", level: "grid" });
    const after = await consolePage(`/reports/${id}?done=accepted`, { cookie });
    expect(after.html).toContain("已受理，居民会收到通知。");
    expect(after.html).toContain(`action="/console/reports/${id}/resolve"`);
    expect(after.html).not.toContain(`action="/console/reports/${id}/accept"`);

    const again = await consolePage(`/reports/${id}/accept`, { method: "POST", cookie, form: { _csrf: csrf } });
    expect(again.status).toBe(409);
    expect(again.html).toContain("这条诉求已被受理或已结束");
    expect(again.html).toContain('data-status="accepted"');

    expect((await consolePage(`/reports/${id}/notes`, { method: "POST", cookie, form: { _csrf: csrf, text: "已联系物业电工，明天上午上门" } })).status).toBe(303);
    expect((await consolePage(`/reports/${id}/notes`, { method: "POST", cookie, form: { _csrf: csrf, text: "物业明天上午来修", public: "true" } })).status).toBe(303);
    const timeline = (await consolePage(`/reports/${id}`, { cookie })).html;
    expect(timeline).toMatch(/<li data-kind="note" data-public="false">[\s\S]*?内部[\s\S]*?已联系物业电工/);
    expect(timeline).toMatch(/<li data-kind="note" data-public="true">(?:(?!内部)[\s\S])*?物业明天上午来修/);

    const short = await consolePage(`/reports/${id}/resolve`, { method: "POST", cookie, form: { _csrf: csrf, result: "好了" } });
    expect(short.status).toBe(400);
    expect(short.html).toContain("请用至少5个字说明办理结果");
    const resolved = await consolePage(`/reports/${id}/resolve`, { method: "POST", cookie, form: { _csrf: csrf, result: "已更换楼道灯泡，晚上亮了。" } });
    expect(resolved.status).toBe(303);
    expect(await statusOf(id)).toEqual({ status: "resolved", level: "grid" });
    const done = (await consolePage(`/reports/${id}?done=resolved`, { cookie })).html;
    expect(done).toContain("已更换楼道灯泡，晚上亮了。");
    expect(done).not.toContain(`action="/console/reports/${id}/resolve"`);

    expect(await rows("select action, outcome from audit_log where target_id = ? and action like 'report.%' order by rowid", id)).toEqual([
      { action: "report.file", outcome: "ok" },
      { action: "report.accept", outcome: "ok" },
      { action: "report.note", outcome: "ok" },
      { action: "report.note", outcome: "ok" },
      { action: "report.resolve", outcome: "ok" },
    ]);
  });

  it("escalating hands the case up (the grid worker can follow it but no longer act); rejecting records the reason", async () => {
    const up = await filed("crc-2", MINE);
    const no = await filed("crc-3", MINE);
    const { cookie, csrf } = await workerConsole("crc-gw2", MINE);

    const page = await consolePage(`/reports/${up}`, { cookie });
    expect(page.html).toContain("上报后由上一级处理");
    const escalated = await consolePage(`/reports/${up}/escalate`, { method: "POST", cookie, form: { _csrf: csrf, reason: "需要物业公司配合，网格协调不了", externalRef: "" } });
    expect(escalated.status).toBe(303);
    expect(await statusOf(up)).toEqual({ status: "submitted", level: "community" });

    const following = await consolePage(`/reports/${up}`, { cookie });
    expect(following.status).toBe(200);
    expect(following.html).toContain("由社区处理");
    expect(following.html).not.toContain(`action="/console/reports/${up}/accept"`);
    const refused = await consolePage(`/reports/${up}/accept`, { method: "POST", cookie, form: { _csrf: csrf } });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain("这条诉求已上报，由社区处理");

    const admin = await consoleLogin();
    const toStreet = await consolePage(`/reports/${up}/escalate`, { method: "POST", cookie: admin.cookie, form: { _csrf: admin.csrf, reason: "涉及市政管线，转街道", externalRef: "JD-2026-0042" } });
    expect(toStreet.status).toBe(303);
    const street = (await consolePage(`/reports/${up}`, { cookie: admin.cookie })).html;
    expect(street).toContain("对方编号 JD-2026-0042");
    expect(street).toContain('data-level="street"');

    const rejected = await consolePage(`/reports/${no}/reject`, { method: "POST", cookie, form: { _csrf: csrf, reason: "属于住户家中私事，不在社区处理范围" } });
    expect(rejected.status).toBe(303);
    expect(await statusOf(no)).toEqual({ status: "rejected", level: "grid" });
    expect((await consolePage(`/reports/${no}?done=rejected`, { cookie })).html).toContain("不予受理原因：属于住户家中私事");
    expect(await rows("select action from audit_log where target_id in (?, ?) and action in ('report.escalate', 'report.reject') order by rowid", up, no)).toEqual([
      { action: "report.escalate" },
      { action: "report.escalate" },
      { action: "report.reject" },
    ]);
  });

  it("a neighbour dispute is resolved only with a mediation record, and the page shows it", async () => {
    const id = await filed("crc-4", MINE, { category: "neighbour_dispute", description: "楼上邻居每天夜里十二点以后还在装修，敲敲打打睡不着。" });
    const { cookie, csrf } = await workerConsole("crc-gw3", MINE);
    await consolePage(`/reports/${id}/accept`, { method: "POST", cookie, form: { _csrf: csrf } });
    const form = (await consolePage(`/reports/${id}`, { cookie })).html;
    expect(form).toContain("调解记录");
    expect(form).toMatch(/name="place"[^>]*value="仁兴话室"/);

    const without = await consolePage(`/reports/${id}/resolve`, { method: "POST", cookie, form: { _csrf: csrf, result: "已与双方沟通，约定晚十点后不施工。", place: "仁兴话室" } });
    expect(without.status).toBe(422);
    expect(without.html).toContain("邻里纠纷需要填写调解记录");
    expect(await statusOf(id)).toEqual({ status: "accepted", level: "grid" });

    const withRecord = await consolePage(`/reports/${id}/resolve`, {
      method: "POST",
      cookie,
      form: { _csrf: csrf, result: "已与双方沟通，约定晚十点后不施工。", heldAt: "2026-11-28T19:30", place: "仁兴话室", parties: "502室 刘先生\r\n602室 陈女士\r\n", agreed: "true" },
    });
    expect(withRecord.status).toBe(303);
    const [row] = await rows<{ status: string; mediation: string }>("select status, mediation from reports where id = ?", id);
    expect(row!.status).toBe("resolved");
    expect(JSON.parse(row!.mediation)).toEqual({ heldAt: "2026-11-28T19:30:00+08:00", place: "仁兴话室", parties: ["502室 刘先生", "602室 陈女士"], agreed: true });
    expect((await consolePage(`/reports/${id}`, { cookie })).html).toContain("调解：2026-11-28 19:30 于 仁兴话室，当事人 502室 刘先生、602室 陈女士，达成一致");
  });
});

describe("console 接口密钥 (Open311 keys)", () => {
  it("an admin issues a key, sees it once, and revokes it; both audited", async () => {
    const { cookie, csrf } = await consoleLogin();
    const issued = await consolePage("/open311-keys", { method: "POST", cookie, form: { _csrf: csrf, name: "区级指挥平台" } });
    expect(issued.status).toBe(200);
    const key = /data-issued-key[^>]*>(rx311_[^<]+)</.exec(issued.html)?.[1];
    expect(key).toBeDefined();
    expect(issued.html).toContain("离开这个页面后，密钥不会再显示");
    expect(issued.headers.get("cache-control")).toBe("no-store");
    const [row] = await rows<{ id: string; key_hash: string }>("select id, key_hash from open311_keys where name = '区级指挥平台'");
    expect(row!.key_hash).not.toContain(key!);

    const list = await consolePage("/open311-keys", { cookie });
    expect(list.html).toContain("区级指挥平台");
    expect(list.html).toContain("从未使用");
    expect(list.html).not.toContain(key!);

    expect((await consolePage("/open311-keys", { method: "POST", cookie, form: { _csrf: csrf, name: "区" } })).html).toContain("请填写使用方名称（至少2个字）");
    expect((await consolePage(`/open311-keys/${row!.id}/revoke`, { method: "POST", cookie, form: {} })).status).toBe(403);
    const revoked = await consolePage(`/open311-keys/${row!.id}/revoke`, { method: "POST", cookie, form: { _csrf: csrf } });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("location")).toBe("/console/open311-keys?done=revoked");
    const after = await consolePage("/open311-keys?done=revoked", { cookie });
    expect(after.html).toMatch(new RegExp(`<tr data-key="${row!.id}" data-revoked="true">[\\s\\S]*?已吊销`));
    expect(after.html).not.toContain(`action="/console/open311-keys/${row!.id}/revoke"`);
    const twice = await consolePage(`/open311-keys/${row!.id}/revoke`, { method: "POST", cookie, form: { _csrf: csrf } });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain("这个密钥已经停用");
    expect(await rows("select action from audit_log where target_id = ? order by rowid", row!.id)).toEqual([{ action: "open311_key.issue" }, { action: "open311_key.revoke" }]);
  });

  it("a grid worker can neither see nor issue nor revoke keys", async () => {
    const admin = await consoleLogin();
    await consolePage("/open311-keys", { method: "POST", cookie: admin.cookie, form: { _csrf: admin.csrf, name: "街道平台" } });
    const [key] = await rows<{ id: string }>("select id from open311_keys where name = '街道平台'");
    const { cookie, csrf } = await workerConsole("cok-gw", MINE);
    expect((await consolePage("/", { cookie })).html).not.toContain('href="/console/open311-keys"');
    const page = await consolePage("/open311-keys", { cookie });
    expect(page.status).toBe(403);
    expect(page.html).not.toContain("街道平台");
    expect((await consolePage("/open311-keys", { method: "POST", cookie, form: { _csrf: csrf, name: "网格员的密钥" } })).status).toBe(403);
    expect((await consolePage(`/open311-keys/${key!.id}/revoke`, { method: "POST", cookie, form: { _csrf: csrf } })).status).toBe(403);
    expect(await rows("select name, revoked_at from open311_keys where name in ('街道平台', '网格员的密钥')")).toEqual([{ name: "街道平台", revoked_at: null }]);
  });
});
