import { DELIBERATION_STAGES } from "@renxing/shared";
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getDb } from "../src/db/client";
import { demoStoryStatements } from "../src/db/demo";
import { fundingLedger } from "../src/services/deliberations/funding";
import { api, residentLogin, rows } from "./helpers";

const FACADE = "dlb_demo_delong_facade";
const loadDemo = () => env.DB.batch(demoStoryStatements(Date.now()).map((s) => env.DB.prepare(s)));

async function admin() {
  const [row] = await rows<{ id: string; username: string; display_name: string }>("select id, username, display_name from staff where username = 'admin'");
  return { kind: "staff" as const, id: row!.id, username: row!.username, displayName: row!.display_name, role: "admin" as const, gridId: null, tokenHash: "" };
}

describe("the demo deliberation hall (npm start)", () => {
  it("the 德龙小区 facade is done: 5 meetings with 长春欧亚集团 and the 11 owners, 11 pledges of 114,000 yuan all received, progress to completion", async () => {
    await loadDemo();
    await loadDemo();
    const [facade] = await rows<{ stage: string; target_fen: number }>("select stage, target_fen from deliberations where id = ?", FACADE);
    expect(facade).toEqual({ stage: "done", target_fen: 11_400_000 });

    const ledger = await fundingLedger(getDb(env.DB), await admin(), FACADE);
    expect(ledger.totals).toEqual({ targetFen: 11_400_000, pledgedFen: 11_400_000, receivedFen: 11_400_000, contributors: 11 });
    expect(ledger.pledges).toHaveLength(11);
    expect(ledger.pledges.every((p) => p.paidFen === p.amountFen && p.payments.every((m) => /^DL-\d{3}$/.test(m.receiptNo)))).toBe(true);

    const meetings = await rows<{ attendees: string }>("select attendees from deliberation_meetings where deliberation_id = ? order by held_at", FACADE);
    expect(meetings).toHaveLength(5);
    expect(meetings.some((m) => m.attendees.includes("长春欧亚集团") && m.attendees.includes("11户"))).toBe(true);
    // No pledger's name is in what the public topic page is built from.
    const names = ledger.pledges.map((p) => p.name);
    expect(meetings.map((m) => m.attendees).join()).not.toMatch(new RegExp(names.join("|")));

    // The public page and the hall's list show the totals, never a pledger's name or unit.
    const page = await api("GET", `/deliberations/${FACADE}`);
    expect(page.status).toBe(200);
    expect(page.body.funding).toEqual({ targetFen: 11_400_000, pledgedFen: 11_400_000, receivedFen: 11_400_000, contributors: 11 });
    expect(page.body.meetings).toHaveLength(5);
    const list = await api("GET", "/deliberations?limit=100");
    expect(list.body.items.find((t: { id: string }) => t.id === FACADE)?.funding).toEqual(page.body.funding);
    for (const body of [page.text, list.text]) expect(body).not.toMatch(new RegExp([...names, "德龙商务楼1层101"].join("|")));

    const timeline = await rows<{ stage: string }>("select stage from deliberation_events where deliberation_id = ? order by at", FACADE);
    expect(timeline.map((e) => e.stage)).toEqual(["proposed", "consulting", "voting", "publicized", "adopted", "implementing", "done"]);
    expect(await rows("select id from deliberation_progress where deliberation_id = ?", FACADE)).toHaveLength(3);
  });

  it("has one topic in every stage, with comments, votes, an objection, representatives and a suggestion that became a topic", async () => {
    await loadDemo();
    const stages = (await rows<{ stage: string }>("select distinct stage from deliberations where id like 'dlb_demo_%'")).map((r) => r.stage);
    expect(stages.sort()).toEqual([...DELIBERATION_STAGES].sort());
    expect(await rows("select user_id from representatives where user_id like 'usr_demo_%'")).toHaveLength(4);

    const comments = await api("GET", "/deliberations/dlb_demo_square_dance/comments");
    expect(comments.body.items.map((c: { nickname: string }) => c.nickname)).toEqual(["老李", "小王"]);
    expect(comments.text).not.toContain("李建国");
    expect(await rows("select user_id from deliberation_votes where deliberation_id = 'dlb_demo_parking'")).toHaveLength(2);
    expect(await rows("select id from deliberation_objections where deliberation_id = 'dlb_demo_corridor_lights' and answer is null")).toHaveLength(1);

    const liu = await residentLogin("liu-guilan", "刘奶奶");
    const mine = await api("GET", "/me/suggestions", { token: liu.token });
    expect(mine.body.items).toEqual([expect.objectContaining({ title: "5号楼加装电梯", deliberation: { id: "dlb_demo_lift", title: "5号楼加装电梯", stage: "proposed" } })]);
  });
});
