import { DELIBERATION_ADVANCES, DELIBERATION_STAGES, type DeliberationStage } from "@renxing/shared";
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { admin } from "./fixtures";
import { advance, endPublicity, proposeTopic, publicizedTopic, topicBody, topicIn } from "./deliberation-governance-fixtures";
import { api, residentLogin, rows } from "./helpers";

/** Puts a topic straight into `stage` (time and votes are the other tests' business). */
const forceStage = (id: string, stage: DeliberationStage) => env.DB.prepare("update deliberations set stage = ? where id = ?").bind(stage, id).run();

describe("deliberation topics: proposing", () => {
  it("an admin proposes a topic: 201, proposed, one timeline row, audited", async () => {
    const res = await api("POST", "/admin/deliberations", { token: await admin(), body: topicBody({ gridId: "grd_renxing_05", targetFen: 11_400_000 }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: "德龙小区外立面修缮",
      stage: "proposed",
      stageLabel: "党组织提议",
      gridName: expect.any(String),
      commentCount: 0,
      tally: null,
      publicizedUntil: null,
      objections: [],
      meetings: [],
      progress: [],
      funding: { targetFen: 11_400_000, pledgedFen: 0, receivedFen: 0, contributors: 0 },
    });
    expect(res.body.timeline).toEqual([{ stage: "proposed", stageLabel: "党组织提议", note: null, at: expect.any(String) }]);
    expect(await rows("select action, outcome from audit_log where target_id = ?", res.body.id)).toEqual([{ action: "deliberation.create", outcome: "ok" }]);
  });

  it("an unknown grid is a 400 on gridId and an unknown suggestion 404, writing nothing", async () => {
    const token = await admin();
    const before = (await rows<{ n: number }>("select count(*) as n from deliberations"))[0]!.n;
    const grid = await api("POST", "/admin/deliberations", { token, body: topicBody({ gridId: "grd_nowhere" }) });
    expect(grid.status).toBe(400);
    expect(grid.body.error.details).toEqual([{ field: "gridId", message: "没有这个网格" }]);
    const suggestion = await api("POST", "/admin/deliberations", { token, body: topicBody({ fromSuggestionId: "sug_nowhere" }) });
    expect(suggestion.status).toBe(404);
    expect((await rows<{ n: number }>("select count(*) as n from deliberations"))[0]!.n).toBe(before);
  });

  it("a suggestion becomes one topic, linked both ways, even when two admins turn it at once", async () => {
    const resident = await residentLogin("sugg-author");
    await env.DB.prepare("insert into suggestions (id, user_id, title, text, created_at) values ('sug_t1', ?, '楼道加装扶手', '老人上下楼不方便，希望楼道加装扶手。', 0)").bind(resident.user.id).run();
    const token = await admin();
    const both = await Promise.all([1, 2].map(() => api("POST", "/admin/deliberations", { token, body: topicBody({ fromSuggestionId: "sug_t1" }) })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe("SUGGESTION_TAKEN");
    const created = both.find((r) => r.status === 201)!.body;
    expect(await rows("select deliberation_id from suggestions where id = 'sug_t1'")).toEqual([{ deliberation_id: created.id }]);
    expect(await rows("select id from deliberations where from_suggestion_id = 'sug_t1'")).toEqual([{ id: created.id }]);
  });
});

describe("deliberation topics: moving stage by stage", () => {
  it("moves along the path one legal step at a time, each with a timeline row, the note and an audit entry", async () => {
    const topic = await proposeTopic();
    const consulting = await advance(topic.id, "consulting", "召开两委会议商议");
    expect(consulting.status).toBe(200);
    expect(consulting.body).toMatchObject({ id: topic.id, stage: "consulting", stageLabel: "两委商议" });
    expect(consulting.body.timeline.map((e: { stage: string; note: string | null }) => [e.stage, e.note])).toEqual([
      ["proposed", null],
      ["consulting", "召开两委会议商议"],
    ]);
    expect((await advance(topic.id, "voting")).body.stage).toBe("voting");
    expect(await rows("select action from audit_log where target_id = ? and action = 'deliberation.advance'", topic.id)).toHaveLength(2);
  });

  // Every stage × every stage DELIBERATION_ADVANCES does not allow: 409, nothing written.
  const illegal = DELIBERATION_STAGES.flatMap((from) => DELIBERATION_STAGES.filter((to) => !DELIBERATION_ADVANCES[from].includes(to)).map((to) => [from, to] as const));

  it.each(illegal)("refuses %s → %s with 409 INVALID_TRANSITION and writes nothing", async (from, to) => {
    const topic = await proposeTopic();
    await forceStage(topic.id, from);
    const before = await rows("select stage, last_step from deliberations where id = ?", topic.id);
    const res = await advance(topic.id, to);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("INVALID_TRANSITION");
    expect(await rows("select stage, last_step from deliberations where id = ?", topic.id)).toEqual(before);
    expect(await rows("select stage from deliberation_events where deliberation_id = ?", topic.id)).toEqual([{ stage: "proposed" }]);
  });

  it("names the examples from the issue: proposed → voting, consulting → adopted, done → anything, voting → rejected", async () => {
    expect(illegal).toEqual(expect.arrayContaining([["proposed", "voting"], ["consulting", "adopted"], ["done", "consulting"], ["voting", "rejected"]]));
  });

  it("an unknown topic is 404", async () => {
    const res = await advance("dlb_nowhere", "consulting");
    expect(res.status).toBe(404);
  });

  it("two admins moving the same topic at once: one step, one timeline row, one audit entry", async () => {
    const topic = await proposeTopic();
    const both = await Promise.all([advance(topic.id, "consulting"), advance(topic.id, "consulting")]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await rows("select stage from deliberation_events where deliberation_id = ? order by rowid", topic.id)).toEqual([{ stage: "proposed" }, { stage: "consulting" }]);
    expect(await rows("select id from audit_log where target_id = ? and action = 'deliberation.advance'", topic.id)).toHaveLength(1);
  });

  it("withdraws before the vote", async () => {
    const topic = await topicIn("consulting");
    const res = await advance(topic.id, "withdrawn", "条件不成熟");
    expect(res.body).toMatchObject({ stage: "withdrawn", stageLabel: "已撤回" });
  });
});

describe("deliberation topics: publicity and adoption", () => {
  it("closing a passed vote sets publicity to five days from now", async () => {
    const topic = await publicizedTopic("pub-five");
    const read = await api("GET", `/deliberations/${topic.id}`);
    const until = Date.parse(read.body.publicizedUntil);
    expect(until - Date.now()).toBeGreaterThan(5 * 24 * 3600_000 - 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(5 * 24 * 3600_000);
  });

  it("refuses adopted during publicity with 409 PUBLICITY_NOT_OVER", async () => {
    const topic = await publicizedTopic("pub-early");
    const res = await advance(topic.id, "adopted");
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("PUBLICITY_NOT_OVER");
    expect(res.body.error.message).toMatch(/公示期到 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 结束/);
    expect((await api("GET", `/deliberations/${topic.id}`)).body.stage).toBe("publicized");
  });

  it("refuses adopted while an objection is unanswered, and adopts once it is answered", async () => {
    const topic = await publicizedTopic("pub-objection");
    const resident = await residentLogin("objector-1");
    const lodged = await api("POST", `/deliberations/${topic.id}/objections`, { token: resident.token, body: { text: "施工时间请避开中考期间" } });
    expect(lodged.status).toBe(201);
    await endPublicity(topic.id);

    const refused = await advance(topic.id, "adopted");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("OBJECTIONS_UNANSWERED");

    const answered = await api("POST", `/admin/deliberations/${topic.id}/objections/${lodged.body.id}/answer`, { token: await admin(), body: { answer: "施工将安排在中考结束后开始" } });
    expect(answered.status).toBe(200);
    expect(answered.body.objections).toEqual([{ id: lodged.body.id, text: "施工时间请避开中考期间", answer: "施工将安排在中考结束后开始", answeredAt: expect.any(String), createdAt: expect.any(String) }]);
    const again = await api("POST", `/admin/deliberations/${topic.id}/objections/${lodged.body.id}/answer`, { token: await admin(), body: { answer: "再答一次" } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_ANSWERED");

    const adopted = await advance(topic.id, "adopted", "公示期满，无未答复异议");
    expect(adopted.status).toBe(200);
    expect(adopted.body.stage).toBe("adopted");
    expect((await advance(topic.id, "implementing")).body.stage).toBe("implementing");
    expect((await advance(topic.id, "done")).body.stage).toBe("done");
  });

  it("objections are taken only during publicity (409 NOT_IN_PUBLICITY) and risky text is refused (422)", async () => {
    const voting = await topicIn("voting");
    const resident = await residentLogin("objector-2");
    const early = await api("POST", `/deliberations/${voting.id}/objections`, { token: resident.token, body: { text: "我反对这个提议的做法" } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("NOT_IN_PUBLICITY");
    const topic = await publicizedTopic("pub-risky");
    const risky = await api("POST", `/deliberations/${topic.id}/objections`, { token: resident.token, body: { text: "【违规】不当内容示例" } });
    expect(risky.status).toBe(422);
    expect(risky.body.error.code).toBe("CONTENT_REJECTED");
    expect(await rows("select id from deliberation_objections where deliberation_id = ?", topic.id)).toEqual([]);
  });

  it("a held objection is saved but its text stays hidden from the public until answered", async () => {
    const topic = await publicizedTopic("pub-held");
    const resident = await residentLogin("objector-3");
    const held = await api("POST", `/deliberations/${topic.id}/objections`, { token: resident.token, body: { text: "【待审】请再考虑一下" } });
    expect(held.status).toBe(201);
    expect(held.body.contentCheck).toBe("review");
    const read = await api("GET", `/deliberations/${topic.id}`);
    expect(read.body.objections).toEqual([{ id: held.body.id, text: null, answer: null, answeredAt: null, createdAt: expect.any(String) }]);
  });

  it("the objector is told of the answer, once", async () => {
    const topic = await publicizedTopic("pub-told");
    const resident = await residentLogin("objector-4");
    const lodged = await api("POST", `/deliberations/${topic.id}/objections`, { token: resident.token, body: { text: "希望公布施工单位的资质" } });
    const token = await admin();
    await Promise.all([1, 2].map(() => api("POST", `/admin/deliberations/${topic.id}/objections/${lodged.body.id}/answer`, { token, body: { answer: "资质已在公告栏公示" } })));
    expect(await rows("select kind, title from notifications where user_id = ?", resident.user.id)).toEqual([{ kind: "deliberation_stage", title: "你的异议已答复" }]);
    expect(await rows("select id from audit_log where action = 'deliberation.answer' and target_id = ?", topic.id)).toHaveLength(1);
  });
});
