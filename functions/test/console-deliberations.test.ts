import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { consoleLogin, consolePage, ORIGIN } from "./console-helpers";
import { gridWorker } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

const DAY = 24 * 3600_000;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

type Session = { cookie: string; csrf: string };

/** The 发起议题 form's fields, as a browser posts them. */
const proposal = (overrides: Record<string, string> = {}) => ({
  title: "3号楼外墙保温层修缮",
  background: "3号楼北侧外墙保温层脱落，雨季渗水，住户多次反映。",
  proposal: "由产权人众筹、政府指导，请专业单位修缮北侧外墙保温层。",
  gridId: "grd_renxing_03",
  targetYuan: "114000.5",
  ...overrides,
});

const post = (session: Session, path: string, form: Record<string, string> = {}) => consolePage(path, { method: "POST", cookie: session.cookie, form: { _csrf: session.csrf, ...form } });

/** Proposes a topic through the console form; returns its id. */
async function proposed(session: Session, overrides: Record<string, string> = {}) {
  const res = await post(session, "/deliberations", proposal(overrides));
  expect(res.status, res.html).toBe(303);
  const id = /^\/console\/deliberations\/(\w+)\?done=created$/.exec(res.headers.get("location") ?? "")?.[1];
  if (!id) throw new Error(`no topic in ${res.headers.get("location")}`);
  return id;
}

const topicRow = async (id: string) =>
  (await rows<{ stage: string; target_fen: number | null; title: string }>("select stage, target_fen, title from deliberations where id = ?", id))[0];
const countOf = async (table: string, id: string) => (await rows<{ n: number }>(`select count(*) as n from ${table} where deliberation_id = ?`, id))[0]!.n;
/** Moves a topic straight to `stage` (as if the steps before had happened), for pages that depend on it. */
const putIn = (id: string, stage: string, extra = "") => env.DB.prepare(`update deliberations set stage = ?${extra} where id = ?`).bind(stage, id).run();
/** The `to` of every stage move the page offers. */
const movesOn = (html: string) => [...html.matchAll(/data-action="advance"[\s\S]*?name="to" value="(\w+)"/g)].map((m) => m[1]);

async function workerConsole(username: string) {
  await gridWorker(username, "grd_renxing_03");
  return consoleLogin(username, "renxing-admin");
}

describe("console 议事厅: proposing a topic", () => {
  it("an admin proposes one with a target in 元, stored as integer fen; it is listed with its stage in words, grid and funding", async () => {
    const admin = await consoleLogin();
    const id = await proposed(admin);
    expect(await topicRow(id)).toEqual({ stage: "proposed", target_fen: 11_400_050, title: "3号楼外墙保温层修缮" });

    const page = await consolePage(`/deliberations/${id}?done=created`, { cookie: admin.cookie });
    expect(page.status).toBe(200);
    expect(page.html).toContain("议题已发起");
    expect(page.html).toContain("党组织提议");
    expect(page.html).toContain("3号楼北侧外墙保温层脱落");
    expect(page.html).toContain("目标 114,000.50 元");

    const list = await consolePage("/deliberations", { cookie: admin.cookie });
    const row = new RegExp(`<tr data-topic="${id}" data-stage="proposed">[\\s\\S]*?</tr>`).exec(list.html)?.[0] ?? "";
    expect(row).toContain("3号楼外墙保温层修缮");
    expect(row).toContain("党组织提议");
    expect(row).toContain("第三网格");
    expect(row).toContain("已收 0 元 / 目标 114,000.50 元");
    expect((await consolePage("/deliberations?stage=voting", { cookie: admin.cookie })).html).not.toContain(`data-topic="${id}"`);
    expect((await consolePage("/deliberations?stage=proposed", { cookie: admin.cookie })).html).toContain(`data-topic="${id}"`);
    // Staff see withdrawn topics too (the public list leaves them out).
    await putIn(id, "withdrawn");
    expect((await consolePage("/deliberations", { cookie: admin.cookie })).html).toContain(`<tr data-topic="${id}" data-stage="withdrawn">`);
  });

  it("refused with a Chinese message and nothing saved: no CSRF token, a short title, a target that is not 元", async () => {
    const admin = await consoleLogin();
    const before = (await rows("select id from deliberations")).length;
    expect((await consolePage("/deliberations", { method: "POST", cookie: admin.cookie, form: proposal() })).status).toBe(403);
    const short = await post(admin, "/deliberations", proposal({ title: "修" }));
    expect(short.status).toBe(400);
    expect(short.html).toContain("议题名称至少2个字");
    for (const targetYuan of ["12.345", "一万", "-5"]) {
      const bad = await post(admin, "/deliberations", proposal({ targetYuan }));
      expect(bad.status, targetYuan).toBe(400);
      expect(bad.html).toContain("金额请填写数字，单位是元，最多两位小数");
    }
    expect((await rows("select id from deliberations")).length).toBe(before);
  });

  it("the propose and meeting forms at their longest fit in 16 KB as the page sends them (multipart)", async () => {
    const admin = await consoleLogin();
    const list = await consolePage("/deliberations", { cookie: admin.cookie });
    expect(list.html).toMatch(/<form method="post" action="\/console\/deliberations" enctype="multipart\/form-data"/);
    const send = (path: string, fields: Record<string, string>) => {
      const form = new FormData();
      for (const [name, value] of Object.entries({ _csrf: admin.csrf, ...fields })) form.append(name, value);
      return exports.default.fetch(new Request(`${ORIGIN}/console${path}`, { method: "POST", headers: { origin: ORIGIN, cookie: admin.cookie }, body: form, redirect: "manual" }));
    };
    const longest = await send("/deliberations", proposal({ title: "修".repeat(40), background: "景".repeat(2000), proposal: "议".repeat(2000), targetYuan: "9999999.99" }));
    expect(longest.status).toBe(303);
    const id = /deliberations\/(\w+)\?done=created$/.exec(longest.headers.get("location") ?? "")![1]!;
    expect(await topicRow(id)).toMatchObject({ target_fen: 999_999_999 });

    const page = await consolePage(`/deliberations/${id}`, { cookie: admin.cookie });
    expect(page.html).toMatch(/action="\/console\/deliberations\/\w+\/meetings" enctype="multipart\/form-data"/);
    const attendees = Array.from({ length: 50 }, (_, i) => `${i}${"参".repeat(38)}`).join("\n");
    const meeting = await send(`/deliberations/${id}/meetings`, { heldAt: `${today()}T09:00`, place: "地".repeat(60), attendees, minutes: "纪".repeat(3000) });
    expect(meeting.status).toBe(303);
    expect(await countOf("deliberation_meetings", id)).toBe(1);
  });

  it("a topic without a target shows no funding; an unknown topic is a 404 page", async () => {
    const admin = await consoleLogin();
    const id = await proposed(admin, { targetYuan: "", gridId: "" });
    expect(await topicRow(id)).toMatchObject({ target_fen: null });
    const page = await consolePage(`/deliberations/${id}`, { cookie: admin.cookie });
    expect(page.html).toContain("全社区");
    expect(page.html).not.toContain('data-action="pledges"');
    expect(page.html).not.toContain("data-funding");
    const missing = await consolePage("/deliberations/dlb_nope", { cookie: admin.cookie });
    expect(missing.status).toBe(404);
    expect(missing.html).toContain("找不到这个议题");
    expect((await consolePage("/deliberations/dlb_nope/receipts", { cookie: admin.cookie })).status).toBe(404);
  });
});

describe("console 议事厅: stage actions", () => {
  it("only the legal moves are offered, each asking to confirm; adopting waits for publicity to end and every objection to be answered", async () => {
    const admin = await consoleLogin();
    const id = await proposed(admin);
    const moves = async () => movesOn((await consolePage(`/deliberations/${id}`, { cookie: admin.cookie })).html);

    expect(await moves()).toEqual(["consulting", "withdrawn"]);
    const page = await consolePage(`/deliberations/${id}`, { cookie: admin.cookie });
    expect(page.html).toContain('data-confirm="确定将议题转入“两委商议”吗？此操作不能撤回。"');
    await putIn(id, "consulting");
    expect(await moves()).toEqual(["voting", "withdrawn"]);
    await putIn(id, "voting");
    expect(await moves()).toEqual(["publicized"]);
    expect((await consolePage(`/deliberations/${id}`, { cookie: admin.cookie })).html).toContain("结束投票并计票");

    await putIn(id, "publicized", `, publicized_until = ${Date.now() + 5 * DAY}, tally_approve = 9, tally_reject = 2, tally_abstain = 1, tally_representatives = 15`);
    const publicity = await consolePage(`/deliberations/${id}`, { cookie: admin.cookie });
    expect(movesOn(publicity.html)).toEqual([]);
    expect(publicity.html).toContain('data-waiting="adopted"');
    expect(publicity.html).toContain("公示期满且所有异议都已答复后，才能通过决议");
    expect(publicity.html).toContain("同意 9，反对 2，弃权 1（代表共 15 位）：通过");
    expect(publicity.html).toContain("公示截止");

    const resident = await residentLogin("cd-objector", "提异议的居民");
    const objection = await api("POST", `/deliberations/${id}/objections`, { token: resident.token, body: { text: "施工期间的噪音时段请提前公告。" } });
    expect(objection.status, objection.text).toBe(201);
    await env.DB.prepare("update deliberations set publicized_until = ? where id = ?").bind(Date.now() - 1000, id).run();
    const unanswered = await consolePage(`/deliberations/${id}`, { cookie: admin.cookie });
    expect(movesOn(unanswered.html)).toEqual([]);
    expect(unanswered.html).toContain("还有 1 条异议没有答复");
    expect(unanswered.html).toContain("施工期间的噪音时段请提前公告。");
    expect(unanswered.html).toContain("提异议的居民 于");

    const oid = /data-objection="(\w+)" data-answered="false"/.exec(unanswered.html)?.[1];
    const empty = await post(admin, `/deliberations/${id}/objections/${oid}/answer`, { answer: "" });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain("答复至少2个字");
    const answered = await post(admin, `/deliberations/${id}/objections/${oid}/answer`, { answer: "施工安排在工作日9点至17点，提前三天在楼道公告。" });
    expect(answered.status, answered.html).toBe(303);
    expect(answered.headers.get("location")).toBe(`/console/deliberations/${id}?done=answered`);
    const ready = await consolePage(`/deliberations/${id}`, { cookie: admin.cookie });
    expect(ready.html).toContain('data-answered="true"');
    expect(movesOn(ready.html)).toEqual(["adopted"]);

    await putIn(id, "done");
    expect(await moves()).toEqual([]);
  });

  it("a move posts through the service: the stage and timeline change and it is audited; an illegal jump posted anyway is 409 and changes nothing", async () => {
    const admin = await consoleLogin();
    const id = await proposed(admin);
    const illegal = await post(admin, `/deliberations/${id}/advance`, { to: "voting", note: "" });
    expect(illegal.status).toBe(409);
    expect(illegal.html).toContain('role="alert"');
    expect(await topicRow(id)).toMatchObject({ stage: "proposed" });

    const moved = await post(admin, `/deliberations/${id}/advance`, { to: "consulting", note: "两委开始商议" });
    expect(moved.status, moved.html).toBe(303);
    expect(moved.headers.get("location")).toBe(`/console/deliberations/${id}?done=advanced`);
    expect(await topicRow(id)).toMatchObject({ stage: "consulting" });
    const page = await consolePage(`/deliberations/${id}?done=advanced`, { cookie: admin.cookie });
    expect(page.html).toContain("两委开始商议");
    expect(page.html).toMatch(/<li data-stage="consulting">[\s\S]*?两委商议/);
    const audited = await rows<{ action: string }>("select action from audit_log where target_id = ? order by rowid", id);
    expect(audited.map((a) => a.action)).toEqual(["deliberation.create", "deliberation.advance"]);
    const audit = await consolePage("/audit", { cookie: admin.cookie });
    expect(audit.html).toContain("发起议题");
    expect(audit.html).toContain("推进议题阶段");
  });
});

describe("console 议事厅: meetings, pledges, payments, receipts, progress", () => {
  it("a meeting is recorded with attendees one per line; a meeting without a place is refused and not saved", async () => {
    const admin = await consoleLogin();
    const id = await proposed(admin);
    const meeting = { heldAt: `${today()}T14:00`, place: "社区议事厅", attendees: "长春欧亚集团代表\n王淑华\n\n李建国", minutes: "商议外墙修缮方案与众筹比例，产权人原则同意。" };
    const noPlace = await post(admin, `/deliberations/${id}/meetings`, { ...meeting, place: "" });
    expect(noPlace.status).toBe(400);
    expect(noPlace.html).toContain("会议地点至少2个字");
    expect(await countOf("deliberation_meetings", id)).toBe(0);

    const res = await post(admin, `/deliberations/${id}/meetings`, meeting);
    expect(res.status, res.html).toBe(303);
    const page = await consolePage(`/deliberations/${id}?done=meeting`, { cookie: admin.cookie });
    expect(page.html).toContain("协商会（1 次）");
    expect(page.html).toContain("参会：长春欧亚集团代表、王淑华、李建国");
    expect(page.html).toContain(`${today()} 14:00`);
  });

  it("pledges and payments are typed in 元; a payment above its pledge is refused (422) and not saved; the receipt list shows names, receipts and totals", async () => {
    const admin = await consoleLogin();
    const id = await proposed(admin, { targetYuan: "20000" });
    expect((await post(admin, `/deliberations/${id}/pledges`, { name: "王淑华", unit: "3-2-401", amountYuan: "" })).status).toBe(400);
    expect((await post(admin, `/deliberations/${id}/pledges`, { name: "王淑华", unit: "3-2-401", amountYuan: "1万" })).html).toContain("金额请填写数字");
    expect(await countOf("deliberation_pledges", id)).toBe(0);

    expect((await post(admin, `/deliberations/${id}/pledges`, { name: "王淑华", unit: "3-2-401", amountYuan: "10000" })).status).toBe(303);
    expect((await post(admin, `/deliberations/${id}/pledges`, { name: "李建国", unit: "3-1-102", amountYuan: "5000.5" })).status).toBe(303);
    const pledges = await rows<{ id: string; name: string; amount_fen: number }>("select id, name, amount_fen from deliberation_pledges where deliberation_id = ? order by amount_fen desc", id);
    expect(pledges.map((p) => p.amount_fen)).toEqual([1_000_000, 500_050]);
    const wang = pledges[0]!.id;

    const page = await consolePage(`/deliberations/${id}?done=pledge`, { cookie: admin.cookie });
    expect(page.html).toContain("认筹已登记");
    expect(page.html).toContain(`<option value="${wang}">王淑华（3-2-401，还差 10,000 元）</option>`);

    const payment = { pledgeId: wang, amountYuan: "6000", paidAt: today(), method: "transfer", receiptNo: "DL-2026-001" };
    expect((await post(admin, `/deliberations/${id}/payments`, payment)).status).toBe(303);
    const over = await post(admin, `/deliberations/${id}/payments`, { ...payment, amountYuan: "4000.01", receiptNo: "DL-2026-002" });
    expect(over.status).toBe(422);
    expect(over.html).toContain("收款不能超过认捐金额");
    expect(await countOf("deliberation_payments", id)).toBe(1);
    expect((await post(admin, `/deliberations/${id}/payments`, { ...payment, amountYuan: "4000", method: "cash", receiptNo: "DL-2026-002" })).status).toBe(303);

    const receipts = await consolePage(`/deliberations/${id}/receipts`, { cookie: admin.cookie });
    expect(receipts.status).toBe(200);
    expect(receipts.html).toContain("目标 20,000 元；认筹 2 户，共 15,000.50 元；已收 10,000 元");
    for (const text of ["王淑华", "3-2-401", "DL-2026-001", "DL-2026-002", "转账", "现金", "李建国", "未收款", "data-print"]) expect(receipts.html).toContain(text);
    const topic = await consolePage(`/deliberations/${id}`, { cookie: admin.cookie });
    expect(topic.html).toContain("已收 10,000 元 / 目标 20,000 元，认筹 15,000.50 元（2 户）");
    expect(topic.html).not.toContain(`<option value="${wang}">`);
  });

  it("progress is posted only while implementing, and shows on the page", async () => {
    const admin = await consoleLogin();
    const id = await proposed(admin);
    expect((await consolePage(`/deliberations/${id}`, { cookie: admin.cookie })).html).not.toContain('data-action="progress"');
    const early = await post(admin, `/deliberations/${id}/progress`, { note: "脚手架已搭好" });
    expect(early.status).toBe(409);
    await putIn(id, "implementing");
    expect((await consolePage(`/deliberations/${id}`, { cookie: admin.cookie })).html).toContain('data-action="progress"');
    expect((await post(admin, `/deliberations/${id}/progress`, { note: "脚手架已搭好" })).status).toBe(303);
    expect((await consolePage(`/deliberations/${id}?done=progress`, { cookie: admin.cookie })).html).toMatch(/<li data-progress="\w+">[\s\S]*?脚手架已搭好/);
  });
});

describe("console 议事厅: who sees what", () => {
  it("a grid worker reads topics and receipts without any form; their posts are refused and change nothing; 居民代表 and 居民建议 are admins'", async () => {
    const admin = await consoleLogin();
    const id = await proposed(admin);
    const gw = await workerConsole("cd-gw1");
    const nav = (await consolePage("/", { cookie: gw.cookie })).html;
    expect(nav).toContain('href="/console/deliberations"');
    expect(nav).not.toContain('href="/console/representatives"');

    const list = await consolePage("/deliberations", { cookie: gw.cookie });
    expect(list.status).toBe(200);
    expect(list.html).toContain(`data-topic="${id}"`);
    expect(list.html).not.toContain('data-form="create"');
    const page = await consolePage(`/deliberations/${id}`, { cookie: gw.cookie });
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('method="post" action="/console/deliberations/');
    expect((await consolePage(`/deliberations/${id}/receipts`, { cookie: gw.cookie })).status).toBe(200);

    expect((await post(gw, "/deliberations", proposal())).status).toBe(403);
    expect((await post(gw, `/deliberations/${id}/advance`, { to: "consulting" })).status).toBe(403);
    expect((await post(gw, `/deliberations/${id}/pledges`, { name: "王淑华", unit: "3-2-401", amountYuan: "100" })).status).toBe(403);
    expect(await topicRow(id)).toMatchObject({ stage: "proposed" });
    expect(await countOf("deliberation_pledges", id)).toBe(0);

    expect((await consolePage("/representatives", { cookie: gw.cookie })).status).toBe(403);
    expect((await consolePage("/suggestions", { cookie: gw.cookie })).status).toBe(403);
  });
});

describe("console 居民代表 and 居民建议", () => {
  it("an admin finds a resident by phone or name, names them (they can vote), and removes them after a confirmation", async () => {
    const admin = await consoleLogin();
    const resident = await residentLogin("cd-rep1", "楼长老周");
    expect((await api("PUT", "/me", { token: resident.token, body: { realName: "周卫东", phone: "13800001111", gridId: "grd_renxing_03" } })).status).toBe(200);

    expect((await consolePage("/representatives?q=1", { cookie: admin.cookie })).html).not.toContain(`data-match="${resident.user.id}"`);
    for (const q of ["13800001111", "周卫", "楼长"]) {
      const found = await consolePage(`/representatives?q=${encodeURIComponent(q)}`, { cookie: admin.cookie });
      expect(found.html, q).toContain(`data-match="${resident.user.id}"`);
      expect(found.html).toContain("138****1111");
      expect(found.html).not.toContain("13800001111</");
    }

    const named = await post(admin, "/representatives", { userId: resident.user.id });
    expect(named.status, named.html).toBe(303);
    expect(named.headers.get("location")).toBe("/console/representatives?done=named");
    const list = await consolePage("/representatives?done=named", { cookie: admin.cookie });
    expect(list.html).toContain(`data-representative="${resident.user.id}"`);
    expect(list.html).toContain("确定取消周卫东的居民代表身份吗？");
    expect((await consolePage("/representatives?q=13800001111", { cookie: admin.cookie })).html).not.toContain(`data-match="${resident.user.id}"`);
    expect((await api("GET", "/me", { token: resident.token })).body.roles).toContain("representative");

    const unknown = await post(admin, "/representatives", { userId: "usr_nope" });
    expect(unknown.status).toBe(404);

    const removed = await post(admin, `/representatives/${resident.user.id}/delete`);
    expect(removed.status).toBe(303);
    expect(await rows("select user_id from representatives where user_id = ?", resident.user.id)).toEqual([]);
    expect((await api("GET", "/me", { token: resident.token })).body.roles).not.toContain("representative");
  });

  it("a resident's suggestion is listed with a link that fills in 发起议题; the topic made from it links back", async () => {
    const admin = await consoleLogin();
    const resident = await residentLogin("cd-sug1", "爱提建议");
    const sent = await api("POST", "/suggestions", { token: resident.token, body: { title: "增设电动车充电桩", text: "小区电动车多，楼道充电有火灾隐患，建议在车棚增设充电桩。" } });
    expect(sent.status, sent.text).toBe(201);
    const sid = sent.body.id as string;

    const list = await consolePage("/suggestions", { cookie: admin.cookie });
    expect(list.status).toBe(200);
    const item = new RegExp(`<li class="message" data-suggestion="${sid}">[\\s\\S]*?</li>`).exec(list.html)?.[0] ?? "";
    expect(item).toContain("增设电动车充电桩");
    const link = /href="(\/console\/deliberations\?[^"]+)"/.exec(item)?.[1]?.replace(/&amp;/g, "&");
    expect(link).toBeTruthy();

    const form = await consolePage(link!.replace("/console", "").replace(/#.*$/, ""), { cookie: admin.cookie });
    expect(form.html).toContain(`name="fromSuggestionId" value="${sid}"`);
    expect(form.html).toContain('value="增设电动车充电桩"');
    expect(form.html).toContain("楼道充电有火灾隐患");

    const id = await proposed(admin, { title: "增设电动车充电桩", background: "小区电动车多，楼道充电有火灾隐患，建议在车棚增设充电桩。", fromSuggestionId: sid });
    expect(await rows("select deliberation_id from suggestions where id = ?", sid)).toEqual([{ deliberation_id: id }]);
    const after = await consolePage("/suggestions", { cookie: admin.cookie });
    expect(after.html).toContain(`href="/console/deliberations/${id}"`);
    expect(after.html).toContain("已转为议题");
  });
});
