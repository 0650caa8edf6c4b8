import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getDb } from "../src/db/client";
import type { StaffPrincipal } from "../src/env";
import { fundingLedger } from "../src/services/deliberations/funding";
import { listSuggestionsForStaff } from "../src/services/deliberations/suggestions";
import { meetingBody, paymentBody, pledgeBody, topicAt, voted } from "./deliberation-records-fixtures";
import { admin } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

/**
 * The deliberation hall's records: meetings, comments, pledges and payments, progress updates and
 * residents' suggestions (docs/api.md, "Deliberation hall"), against real D1 and the fake WeChat
 * (`【违规】` risky, `【待审】` review).
 */

const auditOf = (action: string, topicId: string) => rows<{ detail: string }>("select detail from audit_log where action = ? and target_id = ?", action, topicId);
const error = (res: { status: number; body: any }) => `${res.status} ${res.body?.error?.code}`;

async function staffPrincipal(): Promise<StaffPrincipal> {
  const [row] = await rows<{ id: string; username: string; display_name: string }>("select id, username, display_name from staff where username = 'admin'");
  return { kind: "staff", id: row!.id, username: row!.username, displayName: row!.display_name, role: "admin", gridId: null, tokenHash: "" };
}

describe("consultation meetings", () => {
  it("an admin records a meeting on an open topic: 201 with its date, place, attendees and minutes, audited", async () => {
    const id = await topicAt("consulting");
    const res = await api("POST", `/admin/deliberations/${id}/meetings`, { token: await admin(), body: meetingBody() });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^dmt_/),
      heldAt: "2026-05-12T14:00:00.000+08:00",
      place: "仁兴社区居民议事厅",
      attendees: ["社区党委书记", "长春欧亚集团代表", "产权人王淑华"],
      minutes: "与会各方同意先修缮北侧外墙，费用由产权人众筹、政府指导。",
    });
    expect(await auditOf("deliberation.meeting", id)).toHaveLength(1);
  });

  it("an unknown topic is 404; a finished one (done, rejected, withdrawn) is 409 and nothing is written", async () => {
    const token = await admin();
    expect(error(await api("POST", "/admin/deliberations/dlb_nope/meetings", { token, body: meetingBody() }))).toBe("404 NOT_FOUND");
    for (const stage of ["done", "rejected", "withdrawn"] as const) {
      const id = await topicAt(stage);
      const res = await api("POST", `/admin/deliberations/${id}/meetings`, { token, body: meetingBody() });
      expect(error(res), stage).toBe("409 INVALID_TRANSITION");
      expect(res.body.error.message).toMatch(/不能再记录协商会/);
      expect(await rows("select id from deliberation_meetings where deliberation_id = ?", id)).toEqual([]);
      expect(await auditOf("deliberation.meeting", id)).toEqual([]);
    }
  });
});

describe("residents' comments during 两委商议", () => {
  it("a resident comments while the topic is consulting: 201, shown to anyone newest first by nickname only", async () => {
    const id = await topicAt("consulting");
    const first = await residentLogin("cm-first", "楼上邻居");
    await api("PUT", "/me", { token: first.token, body: { realName: "周秘密", phone: "13812345678" } });
    const second = await residentLogin("cm-second", "老住户");
    const a = await api("POST", `/deliberations/${id}/comments`, { token: first.token, body: { text: "建议先修北侧外墙" } });
    expect(a.status, a.text).toBe(201);
    expect(a.body).toEqual({ id: expect.stringMatching(/^dcm_/), text: "建议先修北侧外墙", nickname: "楼上邻居", createdAt: expect.stringMatching(/\+08:00$/) });
    const b = await api("POST", `/deliberations/${id}/comments`, { token: second.token, body: { text: "同意，费用怎么分摊？" } });
    expect(b.status).toBe(201);

    const list = await api("GET", `/deliberations/${id}/comments`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { text: string; nickname: string }) => [c.nickname, c.text])).toEqual([
      ["老住户", "同意，费用怎么分摊？"],
      ["楼上邻居", "建议先修北侧外墙"],
    ]);
    expect(list.text).not.toContain("周秘密");
    expect(list.text).not.toContain("13812345678");
    expect(list.text).not.toContain(first.user.id);
  });

  it("pages by cursor; an unknown topic is 404", async () => {
    const id = await topicAt("consulting");
    const { token } = await residentLogin("cm-pager");
    for (const n of [1, 2, 3]) expect((await api("POST", `/deliberations/${id}/comments`, { token, body: { text: `第${n}条意见` } })).status).toBe(201);
    const page1 = await api("GET", `/deliberations/${id}/comments?limit=2`);
    expect(page1.body.items.map((c: { text: string }) => c.text)).toEqual(["第3条意见", "第2条意见"]);
    const page2 = await api("GET", `/deliberations/${id}/comments?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toMatchObject({ items: [{ text: "第1条意见" }], nextCursor: null });
    expect(error(await api("GET", "/deliberations/dlb_nope/comments"))).toBe("404 NOT_FOUND");
  });

  it("outside consulting a comment is 409 INVALID_TRANSITION naming the stage, and nothing is saved", async () => {
    const { token, user } = await residentLogin("cm-late");
    for (const stage of ["proposed", "voting", "done"] as const) {
      const id = await topicAt(stage);
      const res = await api("POST", `/deliberations/${id}/comments`, { token, body: { text: "我也有意见" } });
      expect(error(res), stage).toBe("409 INVALID_TRANSITION");
      expect(res.body.error.message).toMatch(/只有“两委商议”阶段可以发表意见/);
    }
    expect(await rows("select id from deliberation_comments where user_id = ?", user.id)).toEqual([]);
    expect(error(await api("POST", "/deliberations/dlb_nope/comments", { token, body: { text: "我也有意见" } }))).toBe("404 NOT_FOUND");
  });

  it("risky text is refused with 422 CONTENT_REJECTED and nothing saved; text WeChat holds for review is kept but not shown", async () => {
    const id = await topicAt("consulting");
    const { token, user } = await residentLogin("cm-check");
    const risky = await api("POST", `/deliberations/${id}/comments`, { token, body: { text: "这个方案【违规】不行" } });
    expect(error(risky)).toBe("422 CONTENT_REJECTED");
    expect(await rows("select id from deliberation_comments where user_id = ?", user.id)).toEqual([]);

    const held = await api("POST", `/deliberations/${id}/comments`, { token, body: { text: "这个方案【待审】再议" } });
    expect(held.status).toBe(201);
    expect(await rows("select content_check from deliberation_comments where user_id = ?", user.id)).toEqual([{ content_check: "review" }]);
    expect((await api("GET", `/deliberations/${id}/comments`)).body.items).toEqual([]);
  });

  it("a resident may comment 20 times a day; the 21st is 429 RATE_LIMITED", async () => {
    const id = await topicAt("consulting");
    const { token } = await residentLogin("cm-chatty");
    const results = await Promise.all(Array.from({ length: 21 }, (_, i) => api("POST", `/deliberations/${id}/comments`, { token, body: { text: `意见第${i}条` } })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    expect(results.filter((r) => r.status === 429).map((r) => r.body.error.code)).toEqual(["RATE_LIMITED"]);
  });
});

describe("crowdfunding: pledges and payments", () => {
  it("an admin records a pledge on a topic with a target: 201, audited; without a target 409 NO_FUNDING_TARGET; withdrawn 409", async () => {
    const token = await admin();
    const owner = await residentLogin("pl-owner");
    const id = await topicAt("consulting", { targetFen: 11_400_000 });
    const res = await api("POST", `/admin/deliberations/${id}/pledges`, { token, body: pledgeBody({ userId: owner.user.id }) });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^dpl_/), name: "王淑华", unit: "商务楼1-101", amountFen: 1_000_000, userId: owner.user.id });
    expect(await auditOf("deliberation.pledge", id)).toHaveLength(1);

    expect(error(await api("POST", `/admin/deliberations/${await topicAt("consulting")}/pledges`, { token, body: pledgeBody() }))).toBe("409 NO_FUNDING_TARGET");
    expect(error(await api("POST", `/admin/deliberations/${await topicAt("withdrawn", { targetFen: 100 })}/pledges`, { token, body: pledgeBody() }))).toBe("409 INVALID_TRANSITION");
    expect(error(await api("POST", "/admin/deliberations/dlb_nope/pledges", { token, body: pledgeBody() }))).toBe("404 NOT_FOUND");
    const stranger = await api("POST", `/admin/deliberations/${id}/pledges`, { token, body: pledgeBody({ userId: "usr_nobody" }) });
    expect(error(stranger)).toBe("400 VALIDATION_FAILED");
    expect(stranger.body.error.details).toEqual([{ field: "userId", message: "没有这个居民账号" }]);
  });

  it("payments add up per pledge; one above what is left is 422 PAYMENT_EXCEEDS_PLEDGE naming what is left", async () => {
    const token = await admin();
    const id = await topicAt("implementing", { targetFen: 11_400_000 });
    const pledgeId = (await api("POST", `/admin/deliberations/${id}/pledges`, { token, body: pledgeBody({ amountFen: 1_000_000 }) })).body.id;
    const paid = await api("POST", `/admin/deliberations/${id}/payments`, { token, body: paymentBody(pledgeId, { amountFen: 600_000, receiptNo: "DL-2026-001" }) });
    expect(paid.status, paid.text).toBe(201);
    expect(paid.body).toMatchObject({ id: expect.stringMatching(/^dpy_/), pledgeId, amountFen: 600_000, paidAt: "2026-06-01", method: "transfer", receiptNo: "DL-2026-001" });

    const over = await api("POST", `/admin/deliberations/${id}/payments`, { token, body: paymentBody(pledgeId, { amountFen: 400_001 }) });
    expect(error(over)).toBe("422 PAYMENT_EXCEEDS_PLEDGE");
    expect(over.body.error.message).toBe("这笔认捐只剩 4,000 元未收，收款不能超过认捐金额");
    expect((await api("POST", `/admin/deliberations/${id}/payments`, { token, body: paymentBody(pledgeId, { amountFen: 400_000 }) })).status).toBe(201);
    const full = await api("POST", `/admin/deliberations/${id}/payments`, { token, body: paymentBody(pledgeId, { amountFen: 1 }) });
    expect(error(full)).toBe("422 PAYMENT_EXCEEDS_PLEDGE");
    expect(full.body.error.message).toBe("这笔认捐已经全部收齐，不能再登记收款");
    expect(await auditOf("deliberation.payment", id)).toHaveLength(2);
  });

  it("parallel payments that together exceed the pledge: only those that fit land", async () => {
    const token = await admin();
    const id = await topicAt("adopted", { targetFen: 5_000_000 });
    const pledgeId = (await api("POST", `/admin/deliberations/${id}/pledges`, { token, body: pledgeBody({ amountFen: 1_000 }) })).body.id;
    const results = await Promise.all(Array.from({ length: 10 }, () => api("POST", `/admin/deliberations/${id}/payments`, { token, body: paymentBody(pledgeId, { amountFen: 300 }) })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 422)).toHaveLength(7);
    expect(await rows("select sum(amount_fen) as paid from deliberation_payments where pledge_id = ?", pledgeId)).toEqual([{ paid: 900 }]);
  });

  it("a receipt number is used once per topic (409 DUPLICATE_RECEIPT); another topic's pledge is 404; a future date is 400", async () => {
    const token = await admin();
    const id = await topicAt("implementing", { targetFen: 5_000_000 });
    const pledgeId = (await api("POST", `/admin/deliberations/${id}/pledges`, { token, body: pledgeBody() })).body.id;
    expect((await api("POST", `/admin/deliberations/${id}/payments`, { token, body: paymentBody(pledgeId, { amountFen: 100, receiptNo: "R-1" }) })).status).toBe(201);
    const again = await api("POST", `/admin/deliberations/${id}/payments`, { token, body: paymentBody(pledgeId, { amountFen: 100, receiptNo: "R-1" }) });
    expect(error(again)).toBe("409 DUPLICATE_RECEIPT");
    expect(again.body.error.message).toMatch(/R-1/);

    const other = await topicAt("implementing", { targetFen: 5_000_000 });
    expect(error(await api("POST", `/admin/deliberations/${other}/payments`, { token, body: paymentBody(pledgeId, { amountFen: 100 }) }))).toBe("404 NOT_FOUND");
    // The same receipt number in another topic's book is another receipt.
    const otherPledge = (await api("POST", `/admin/deliberations/${other}/pledges`, { token, body: pledgeBody() })).body.id;
    expect((await api("POST", `/admin/deliberations/${other}/payments`, { token, body: paymentBody(otherPledge, { amountFen: 100, receiptNo: "R-1" }) })).status).toBe(201);

    const future = await api("POST", `/admin/deliberations/${id}/payments`, { token, body: paymentBody(pledgeId, { paidAt: "2099-01-01" }) });
    expect(error(future)).toBe("400 VALIDATION_FAILED");
    expect(future.body.error.details).toEqual([{ field: "paidAt", message: "收款日期不能晚于今天" }]);
  });

  it("the receipt list (for the console) has names, units, payments with receipt numbers and totals; staff only", async () => {
    const token = await admin();
    const id = await topicAt("implementing", { targetFen: 3_000_000 });
    const wang = (await api("POST", `/admin/deliberations/${id}/pledges`, { token, body: pledgeBody({ name: "王淑华", unit: "1-101", amountFen: 2_000_000 }) })).body.id;
    await api("POST", `/admin/deliberations/${id}/pledges`, { token, body: pledgeBody({ name: "李国强", unit: "1-102", amountFen: 500_000 }) });
    await api("POST", `/admin/deliberations/${id}/payments`, { token, body: paymentBody(wang, { amountFen: 1_500_000, receiptNo: "A-1", method: "cash" }) });

    const ledger = await fundingLedger(getDb(env.DB), await staffPrincipal(), id);
    expect(ledger.totals).toEqual({ targetFen: 3_000_000, pledgedFen: 2_500_000, receivedFen: 1_500_000, contributors: 2 });
    expect(ledger.pledges.map((p) => [p.name, p.unit, p.amountFen, p.paidFen, p.payments.map((m) => `${m.receiptNo} ${m.method} ${m.amountFen}`)])).toEqual([
      ["王淑华", "1-101", 2_000_000, 1_500_000, ["A-1 cash 1500000"]],
      ["李国强", "1-102", 500_000, 0, []],
    ]);
    const resident = await residentLogin("ledger-peek");
    await expect(fundingLedger(getDb(env.DB), { kind: "user", id: resident.user.id, openid: "dev:ledger-peek", tokenHash: "" }, id)).rejects.toMatchObject({ status: 403 });
  });
});

describe("progress updates while implementing", () => {
  it("201 with the note and photos; each resident who commented, voted or pledged is told once per update", async () => {
    const token = await admin();
    const id = await topicAt("consulting", { targetFen: 1_000_000 });
    const commenter = await residentLogin("pg-commenter");
    const both = await residentLogin("pg-both");
    const voter = await residentLogin("pg-voter");
    const bystander = await residentLogin("pg-bystander");
    for (const r of [commenter, both]) expect((await api("POST", `/deliberations/${id}/comments`, { token: r.token, body: { text: "支持修缮" } })).status).toBe(201);
    expect((await api("POST", `/admin/deliberations/${id}/pledges`, { token, body: pledgeBody({ userId: both.user.id }) })).status).toBe(201);
    await voted(id, voter.user.id);
    await env.DB.prepare("update deliberations set stage = 'implementing' where id = ?").bind(id).run();

    const photo = "/media/photos/0123456789abcdef0123456789abcdef.jpg";
    const res = await api("POST", `/admin/deliberations/${id}/progress`, { token, body: { note: "脚手架已搭好，开始清理脱落墙皮", photoUrls: [photo] } });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^dpg_/), note: "脚手架已搭好，开始清理脱落墙皮", photoUrls: [photo], at: expect.stringMatching(/\+08:00$/) });
    expect(await auditOf("deliberation.progress", id)).toHaveLength(1);
    const told = await rows<{ user_id: string; kind: string; page: string }>(
      "select user_id, kind, page from notifications where event_key = ? order by user_id",
      `deliberation_progress:${res.body.id}`,
    );
    expect(told.map((n) => n.user_id).sort()).toEqual([commenter.user.id, both.user.id, voter.user.id].sort());
    expect(new Set(told.map((n) => `${n.kind} ${n.page}`))).toEqual(new Set([`deliberation_stage /pages/deliberation-detail/index?id=${id}`]));
    expect(told.map((n) => n.user_id)).not.toContain(bystander.user.id);

    const next = await api("POST", `/admin/deliberations/${id}/progress`, { token, body: { note: "北侧外墙完工" } });
    expect(next.status).toBe(201);
    expect(await rows("select user_id from notifications where event_key = ?", `deliberation_progress:${next.body.id}`)).toHaveLength(3);
  });

  it("outside implementing it is 409 INVALID_TRANSITION; an unknown topic 404; a photo from elsewhere 400", async () => {
    const token = await admin();
    for (const stage of ["adopted", "done"] as const) {
      const res = await api("POST", `/admin/deliberations/${await topicAt(stage)}/progress`, { token, body: { note: "开始施工" } });
      expect(error(res), stage).toBe("409 INVALID_TRANSITION");
      expect(res.body.error.message).toMatch(/只有“实施中”的议题可以发布进展/);
    }
    expect(error(await api("POST", "/admin/deliberations/dlb_nope/progress", { token, body: { note: "开始施工" } }))).toBe("404 NOT_FOUND");
    const id = await topicAt("implementing");
    const elsewhere = await api("POST", `/admin/deliberations/${id}/progress`, { token, body: { note: "开始施工", photoUrls: ["https://evil.example/media/photos/0123456789abcdef0123456789abcdef.jpg"] } });
    expect(error(elsewhere)).toBe("400 VALIDATION_FAILED");
    expect(await rows("select id from deliberation_progress where deliberation_id = ?", id)).toEqual([]);
  });
});

describe("residents' suggestions", () => {
  it("a resident suggests a topic (201) and sees their own, newest first, with the topic each became", async () => {
    const me = await residentLogin("sg-me");
    const other = await residentLogin("sg-other");
    const first = await api("POST", "/suggestions", { token: me.token, body: { title: "楼道加装扶手", text: "三号楼老人多，上下楼不方便，希望加装扶手。" } });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toEqual({ id: expect.stringMatching(/^sgg_/), title: "楼道加装扶手", text: "三号楼老人多，上下楼不方便，希望加装扶手。", createdAt: expect.stringMatching(/\+08:00$/), deliberation: null });
    await api("POST", "/suggestions", { token: me.token, body: { title: "增设充电桩", text: "电动车没有地方充电，常有人飞线充电。" } });
    await api("POST", "/suggestions", { token: other.token, body: { title: "别人的建议", text: "这是另一位居民提出的建议内容。" } });

    // Linked from the topic's side only: found all the same.
    const topicId = await topicAt("consulting", { title: "三号楼加装扶手" });
    await env.DB.prepare("update deliberations set from_suggestion_id = ? where id = ?").bind(first.body.id, topicId).run();

    const mine = await api("GET", "/me/suggestions", { token: me.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((s: { title: string; deliberation: unknown }) => [s.title, s.deliberation])).toEqual([
      ["增设充电桩", null],
      ["楼道加装扶手", { id: topicId, title: "三号楼加装扶手", stage: "consulting" }],
    ]);
    expect(mine.body.nextCursor).toBeNull();

    const staffList = await listSuggestionsForStaff(getDb(env.DB), await staffPrincipal(), { limit: 100 });
    expect(staffList.items.find((s) => s.id === first.body.id)).toMatchObject({ author: "测试居民", deliberation: { id: topicId } });
  });

  it("risky text is refused with 422 CONTENT_REJECTED and nothing saved; five a day, the sixth is 429", async () => {
    const { token, user } = await residentLogin("sg-check");
    expect(error(await api("POST", "/suggestions", { token, body: { title: "一个建议", text: "这个建议【违规】的内容很长很长" } }))).toBe("422 CONTENT_REJECTED");
    expect(await rows("select id from suggestions where user_id = ?", user.id)).toEqual([]);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => api("POST", "/suggestions", { token, body: { title: `建议${i}`, text: "希望小区里多种一些树，夏天有阴凉。" } })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 429]);
  });
});
