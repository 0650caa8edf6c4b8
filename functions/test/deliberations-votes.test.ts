import { votePasses, type Tally } from "@renxing/shared";
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { passesSql } from "../src/services/deliberations/tally";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { admin } from "./fixtures";
import { advance, onlyRepresentatives, representative, topicIn } from "./deliberation-governance-fixtures";
import { api, residentLogin, rows } from "./helpers";

const vote = (id: string, token: string, choice: string) => api("POST", `/deliberations/${id}/votes`, { token, body: { choice } });

describe("representatives' vote", () => {
  it("15 representatives each voting twice, all at once: 15 votes, 15 × 201 and 15 × 409 ALREADY_VOTED", async () => {
    const reps = await onlyRepresentatives(15, "rep15");
    const topic = await topicIn("voting");
    const answers = await Promise.all(reps.flatMap((r, i) => [vote(topic.id, r.token, i % 3 === 0 ? "reject" : "approve"), vote(topic.id, r.token, "abstain")]));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(15);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => [a.status, a.body.error.code])).toEqual(Array(15).fill([409, "ALREADY_VOTED"]));
    expect(await rows("select count(*) as n from deliberation_votes where deliberation_id = ?", topic.id)).toEqual([{ n: 15 }]);
    for (const a of answers.filter((a) => a.status === 201)) expect(["approve", "reject", "abstain"]).toContain(a.body.choice);
  });

  it("a resident who is not a representative gets 403 NOT_A_REPRESENTATIVE; staff 403; no vote written", async () => {
    await onlyRepresentatives(1, "rep-403");
    const topic = await topicIn("voting");
    const resident = await residentLogin("not-a-rep");
    const res = await vote(topic.id, resident.token, "approve");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("NOT_A_REPRESENTATIVE");
    expect((await vote(topic.id, await admin(), "approve")).status).toBe(403);
    expect(await rows("select user_id from deliberation_votes where deliberation_id = ?", topic.id)).toEqual([]);
  });

  it("a representative voting on a topic not in voting gets 409 VOTING_CLOSED; an unknown topic 404", async () => {
    const [rep] = await onlyRepresentatives(1, "rep-closed");
    const consulting = await topicIn("consulting");
    const res = await vote(consulting.id, rep!.token, "approve");
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("VOTING_CLOSED");
    expect((await vote("dlb_nowhere", rep!.token, "approve")).status).toBe(404);
  });

  it("keeps the tally hidden until voting closes: no tally, no votes in any public body; the voter sees only their own", async () => {
    const reps = await onlyRepresentatives(3, "rep-hidden");
    const topic = await topicIn("voting");
    await vote(topic.id, reps[0]!.token, "reject");
    await vote(topic.id, reps[1]!.token, "approve");
    const anyone = await api("GET", `/deliberations/${topic.id}`);
    expect(anyone.body.tally).toBeNull();
    expect(anyone.body).not.toHaveProperty("myVote");
    expect(anyone.text).not.toMatch(/reject|approve|abstain/);
    const list = await api("GET", "/deliberations?stage=voting");
    expect(list.text).not.toMatch(/reject|approve|abstain|tally/);

    const mine = await api("GET", `/deliberations/${topic.id}`, { token: reps[0]!.token });
    expect(mine.body).toMatchObject({ myVote: "reject", canVote: false, tally: null });
    expect(mine.text).not.toMatch(/approve/);
    const notYet = await api("GET", `/deliberations/${topic.id}`, { token: reps[2]!.token });
    expect(notYet.body).toMatchObject({ myVote: null, canVote: true });
    const stranger = await api("GET", `/deliberations/${topic.id}`, { token: (await residentLogin("hidden-stranger")).token });
    expect(stranger.body).toMatchObject({ myVote: null, canVote: false });

    const closed = await advance(topic.id, "publicized");
    // 2 of 3 voted, but 1 approve of 2 cast is not a majority.
    expect(closed.body.stage).toBe("rejected");
    expect(closed.body.tally).toEqual({ approve: 1, reject: 1, abstain: 0, representatives: 3, passed: false });
  });

  it("turnout below two thirds → rejected, whatever the approvals; the tally is stored and shown", async () => {
    const reps = await onlyRepresentatives(4, "rep-turnout");
    const topic = await topicIn("voting");
    await vote(topic.id, reps[0]!.token, "approve");
    await vote(topic.id, reps[1]!.token, "approve");
    const closed = await advance(topic.id, "publicized", "投票结束");
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ stage: "rejected", stageLabel: "未通过", publicizedUntil: null, tally: { approve: 2, reject: 0, abstain: 0, representatives: 4, passed: false } });
    expect(closed.body.timeline.at(-1)).toMatchObject({ stage: "rejected", note: "投票结束" });
    expect(await rows("select tally_approve, tally_representatives, stage from deliberations where id = ?", topic.id)).toEqual([{ tally_approve: 2, tally_representatives: 4, stage: "rejected" }]);
    expect((await advance(topic.id, "adopted")).status).toBe(409);
  });

  it("turnout of two thirds with a simple majority → publicized", async () => {
    const reps = await onlyRepresentatives(3, "rep-pass");
    const topic = await topicIn("voting");
    await vote(topic.id, reps[0]!.token, "approve");
    await vote(topic.id, reps[1]!.token, "abstain");
    const closed = await advance(topic.id, "publicized");
    // 2 of 3 voted (exactly two thirds) but 1 approve is not more than half of 2 cast.
    expect(closed.body).toMatchObject({ stage: "rejected", tally: { approve: 1, abstain: 1, passed: false } });

    const second = await topicIn("voting");
    await vote(second.id, reps[0]!.token, "approve");
    await vote(second.id, reps[1]!.token, "approve");
    const passed = await advance(second.id, "publicized");
    expect(passed.body).toMatchObject({ stage: "publicized", tally: { approve: 2, reject: 0, abstain: 0, representatives: 3, passed: true } });
  });

  it("the SQL rule agrees with shared votePasses on every small tally", async () => {
    const db = drizzle(env.DB);
    const cases: Tally[] = [];
    for (let representatives = 0; representatives <= 6; representatives++)
      for (let approve = 0; approve <= 6; approve++)
        for (let reject = 0; reject <= 6 - approve; reject++)
          for (let abstain = 0; abstain <= 6 - approve - reject; abstain++) cases.push({ approve, reject, abstain, representatives });
    // One statement over a VALUES table, the numbers written into it (D1 binds at most 100 parameters).
    const table = sql.raw(cases.map((t, i) => `(${t.approve}, ${t.approve + t.reject + t.abstain}, ${t.representatives}, ${i})`).join(", "));
    const rule = passesSql({ approve: sql`column1`, cast: sql`column2`, representatives: sql`column3` });
    const answers = await db.all<{ passes: number }>(sql`select ${rule} as passes from (values ${table}) order by column4`);
    const fromSql = answers.map((a) => Boolean(a.passes));
    expect(fromSql).toEqual(cases.map(votePasses));
  });

  it("the closing notifies every resident who voted, once each", async () => {
    const reps = await onlyRepresentatives(2, "rep-told");
    const topic = await topicIn("voting");
    await vote(topic.id, reps[0]!.token, "approve");
    await vote(topic.id, reps[1]!.token, "approve");
    await Promise.all([advance(topic.id, "publicized"), advance(topic.id, "publicized")]);
    for (const rep of reps) {
      expect(await rows("select kind, title, page from notifications where user_id = ?", rep.user.id)).toEqual([
        { kind: "deliberation_stage", title: "议事进展：决议公示", page: `/pages/deliberation-detail/index?id=${topic.id}` },
      ]);
    }
  });
});

describe("naming representatives", () => {
  it("an admin names and removes a representative: 204 each, audited once, /me lists the role while named", async () => {
    const resident = await residentLogin("rep-role");
    const token = await admin();
    expect((await api("GET", "/me", { token: resident.token })).body.roles).not.toContain("representative");
    expect((await api("POST", `/admin/representatives/${resident.user.id}`, { token })).status).toBe(204);
    expect((await api("POST", `/admin/representatives/${resident.user.id}`, { token })).status).toBe(204);
    expect((await api("GET", "/me", { token: resident.token })).body.roles).toContain("representative");
    expect((await api("DELETE", `/admin/representatives/${resident.user.id}`, { token })).status).toBe(204);
    expect((await api("DELETE", `/admin/representatives/${resident.user.id}`, { token })).status).toBe(204);
    expect((await api("GET", "/me", { token: resident.token })).body.roles).not.toContain("representative");
    expect(await rows("select action from audit_log where target_id = ? order by at, rowid", resident.user.id)).toEqual([{ action: "representative.name" }, { action: "representative.remove" }]);
  });

  it("an unknown resident is 404 either way", async () => {
    const token = await admin();
    expect((await api("POST", "/admin/representatives/usr_nobody", { token })).status).toBe(404);
    expect((await api("DELETE", "/admin/representatives/usr_nobody", { token })).status).toBe(404);
  });

  it("a removed representative can no longer vote", async () => {
    await onlyRepresentatives(0, "none");
    const rep = await representative("rep-removed");
    const topic = await topicIn("voting");
    await api("DELETE", `/admin/representatives/${rep.user.id}`, { token: await admin() });
    expect((await vote(topic.id, rep.token, "approve")).body.error.code).toBe("NOT_A_REPRESENTATIVE");
  });
});
