import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { advance, onlyRepresentatives, proposeTopic, topicIn } from "./deliberation-governance-fixtures";
import { admin } from "./fixtures";
import { api, residentLogin } from "./helpers";

const PLEDGER = { name: "王淑华", unit: "商务楼1-101", phone: "13912345678" };

/** Pledges and payments written straight into D1: the reads must sum them, never show them. */
async function pledge(topicId: string, id: string, amountFen: number, paidFen: number, userId: string | null = null) {
  await env.DB.prepare("insert into deliberation_pledges (id, deliberation_id, name, unit, amount_fen, user_id, created_by, created_at) values (?, ?, ?, ?, ?, ?, 'stf_dev_admin', 0)")
    .bind(id, topicId, `${PLEDGER.name}${id}`, PLEDGER.unit, amountFen, userId)
    .run();
  if (paidFen > 0) {
    await env.DB.prepare("insert into deliberation_payments (id, deliberation_id, pledge_id, amount_fen, paid_at, method, receipt_no, created_by, created_at) values (?, ?, ?, ?, 0, 'cash', ?, 'stf_dev_admin', 0)")
      .bind(`pay_${id}`, topicId, id, paidFen, `R-${id}`)
      .run();
  }
}

describe("the hall's public reads", () => {
  it("lists topics newest first with funding totals summed, null without a target, paged by cursor", async () => {
    const funded = await proposeTopic({ title: "外立面修缮众筹", targetFen: 11_400_000 });
    await pledge(funded.id, "p1", 1_000_000, 400_000);
    await pledge(funded.id, "p2", 500_000, 500_000);
    const plain = await proposeTopic({ title: "楼道照明改造" });

    const first = await api("GET", "/deliberations?limit=1");
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([{ id: plain.id, title: "楼道照明改造", stage: "proposed", gridName: null, createdAt: expect.any(String), funding: null }]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api("GET", `/deliberations?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toEqual([
      { id: funded.id, title: "外立面修缮众筹", stage: "proposed", gridName: null, createdAt: expect.any(String), funding: { targetFen: 11_400_000, pledgedFen: 1_500_000, receivedFen: 900_000, contributors: 2 } },
    ]);
  });

  it("filters by stage and leaves withdrawn topics out unless asked for", async () => {
    const consulting = await topicIn("consulting", { title: "小区停车管理" });
    const withdrawn = await topicIn("consulting", { title: "撤回的议题" });
    await advance(withdrawn.id, "withdrawn");
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
    const all = await api("GET", "/deliberations?limit=100");
    expect(ids(all)).toContain(consulting.id);
    expect(ids(all)).not.toContain(withdrawn.id);
    expect(ids(await api("GET", "/deliberations?stage=consulting&limit=100"))).toContain(consulting.id);
    expect(ids(await api("GET", "/deliberations?stage=withdrawn&limit=100"))).toEqual(expect.arrayContaining([withdrawn.id]));
    expect((await api("GET", "/deliberations?stage=nowhere")).status).toBe(400);
  });

  it("a topic's page shows meetings, comments counted, progress and funding, and never a pledger's name, unit, amount or account", async () => {
    const owner = await residentLogin("pledging-owner");
    const topic = await proposeTopic({ targetFen: 11_400_000 });
    await pledge(topic.id, "p9", 1_234_567, 1_000_001, owner.user.id);
    await pledge(topic.id, "p10", 2_000_000, 777_777);
    await env.DB.prepare("insert into deliberation_meetings (id, deliberation_id, held_at, place, attendees, minutes, created_by, created_at) values ('mtg_1', ?, 1700000000000, '社区会议室', '[\"长春欧亚集团\",\"业主代表\"]', '商议外立面修缮方案与分摊办法。', 'stf_dev_admin', 0)")
      .bind(topic.id)
      .run();
    await env.DB.prepare("insert into deliberation_comments (id, deliberation_id, user_id, text, content_check, created_at) values ('cmt_1', ?, ?, '同意修缮', 'pass', 0)").bind(topic.id, owner.user.id).run();
    await env.DB.prepare("insert into deliberation_progress (id, deliberation_id, note, photo_urls, created_by, created_at) values ('prg_1', ?, '脚手架已搭好', '[]', 'stf_dev_admin', 0)").bind(topic.id).run();

    for (const token of [undefined, owner.token]) {
      const res = await api("GET", `/deliberations/${topic.id}`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        meetings: [{ id: "mtg_1", heldAt: "2023-11-15T06:13:20.000+08:00", place: "社区会议室", attendees: ["长春欧亚集团", "业主代表"], minutes: "商议外立面修缮方案与分摊办法。" }],
        commentCount: 1,
        progress: [{ id: "prg_1", note: "脚手架已搭好", photoUrls: [], at: expect.any(String) }],
        funding: { targetFen: 11_400_000, pledgedFen: 3_234_567, receivedFen: 1_777_778, contributors: 2 },
      });
      for (const secret of [PLEDGER.name, PLEDGER.unit, "1234567", "1000001", "2000000", "777777", "p9", "R-p9", owner.user.id]) expect(res.text).not.toContain(secret);
    }
    const list = await api("GET", "/deliberations?limit=100");
    for (const secret of [PLEDGER.name, PLEDGER.unit, owner.user.id]) expect(list.text).not.toContain(secret);
  });

  it("an unknown topic is 404; a dead token is 401 rather than an anonymous page", async () => {
    expect((await api("GET", "/deliberations/dlb_nowhere")).status).toBe(404);
    const topic = await proposeTopic();
    expect((await api("GET", `/deliberations/${topic.id}`, { token: "x".repeat(43) })).status).toBe(401);
  });

  it("a staff member's page has no vote card; a representative's shows canVote only in voting", async () => {
    const [rep] = await onlyRepresentatives(1, "reads-rep");
    const consulting = await topicIn("consulting");
    expect((await api("GET", `/deliberations/${consulting.id}`, { token: rep!.token })).body).toMatchObject({ myVote: null, canVote: false });
    await advance(consulting.id, "voting");
    expect((await api("GET", `/deliberations/${consulting.id}`, { token: rep!.token })).body).toMatchObject({ myVote: null, canVote: true });
    const staffView = await api("GET", `/deliberations/${consulting.id}`, { token: await admin() });
    expect(staffView.status).toBe(200);
    expect(staffView.body).not.toHaveProperty("canVote");
  });
});
