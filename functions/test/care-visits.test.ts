import { CARE_RISK_INTERVAL_DAYS } from "@renxing/shared";
import { describe, expect, it } from "vitest";
import { pair, registerRecipient, visitBody } from "./care-fixtures";
import { admin, gridWorker, volunteer } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

const careHours = (userId: string) => rows<{ minutes: number; source_id: string }>("select minutes, source_id from service_hours where user_id = ? and source = 'care'", userId);
const concernsFor = (recipientId: string) =>
  rows<{ staff_id: string; kind: string; title: string; body: string }>("select staff_id, kind, title, body from notifications where page = ? order by staff_id", `/console/care/${recipientId}`);

describe("visits", () => {
  it("only a volunteer paired now records a visit: unpaired, another volunteer, a resident and staff get 404 / 403", async () => {
    const r = await registerRecipient({ name: "孙大爷" });
    const paired = await volunteer("visit-paired", "吴志愿");
    const other = await volunteer("visit-other", "郑志愿");
    await pair(r.id, paired.user.id);
    const resident = await residentLogin("visit-resident");
    for (const token of [other.token, resident.token]) {
      const res = await api("POST", `/care/${r.id}/visits`, { token, body: visitBody() });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
    expect((await api("POST", `/care/${r.id}/visits`, { token: await admin(), body: visitBody() })).status).toBe(403);
    expect((await api("POST", `/care/cre_nobody/visits`, { token: paired.token, body: visitBody() })).status).toBe(404);
    expect(await rows("select id from care_visits where recipient_id = ?", r.id)).toEqual([]);
  });

  it("`visited` credits the minutes once under parallel repeats: one 201, the rest 200 with the same visit; due date = visit + interval", async () => {
    const r = await registerRecipient({ name: "钱奶奶", riskLevel: "key" });
    const v = await volunteer("visit-credit", "冯志愿");
    await pair(r.id, v.user.id);
    const body = visitBody({ minutes: 50 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => api("POST", `/care/${r.id}/visits`, { token: v.token, body })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const [visitId] = [...ids];
    expect(answers[0]!.body).toMatchObject({ recipientId: r.id, volunteer: { id: v.user.id, name: "冯志愿" }, minutes: 50, outcome: "visited", flags: [] });
    expect(await careHours(v.user.id)).toEqual([{ minutes: 50, source_id: visitId }]);
    const hours = await api("GET", "/me/hours", { token: v.token });
    expect(hours.body.records.find((h: { source: string }) => h.source === "care")).toMatchObject({ minutes: 50, title: "关爱走访：钱奶奶" });

    const mine = await api("GET", "/me/care", { token: v.token });
    const item = mine.body.items.find((i: { id: string }) => i.id === r.id);
    expect(Date.parse(item.lastVisitAt)).toBe(Date.parse(body.visitedAt));
    expect(Date.parse(item.nextDueAt)).toBe(Date.parse(body.visitedAt) + CARE_RISK_INTERVAL_DAYS.key * DAY);

    // An older visit, recorded late, does not move the due date back; it is still credited.
    const older = await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody({ visitedAt: new Date(Date.now() - 5 * DAY).toISOString(), minutes: 30 }) });
    expect(older.status).toBe(201);
    const after = (await api("GET", "/me/care", { token: v.token })).body.items.find((i: { id: string }) => i.id === r.id);
    expect(after.nextDueAt).toBe(item.nextDueAt);
    expect((await careHours(v.user.id)).map((h) => h.minutes).sort()).toEqual([30, 50]);
  });

  it("the Idempotency-Key answers a retried POST with the first answer", async () => {
    const r = await registerRecipient({ name: "幂等老人" });
    const v = await volunteer("visit-idem", "褚志愿");
    await pair(r.id, v.user.id);
    const headers = { "idempotency-key": "visit-idem-1" };
    const first = await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody(), headers });
    const again = await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody(), headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await careHours(v.user.id)).toHaveLength(1);
  });

  it("a visit in the future (beyond 10 minutes of clock skew) is 422; bad bodies 400", async () => {
    const r = await registerRecipient({ name: "时间老人" });
    const v = await volunteer("visit-future", "卫志愿");
    await pair(r.id, v.user.id);
    const future = await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody({ visitedAt: new Date(Date.now() + HOUR).toISOString() }) });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe("VISIT_IN_FUTURE");
    const skewed = await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody({ visitedAt: new Date(Date.now() + 5 * 60_000).toISOString() }) });
    expect(skewed.status).toBe(201);
    for (const bad of [{ minutes: 2 }, { outcome: "maybe" }, { flags: ["unknown"] }, { visitedAt: "yesterday" }]) {
      const res = await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody(bad) });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("`no_answer` tells the grid's workers once, credits nothing and leaves the due date; repeats tell nobody again", async () => {
    const w3 = await gridWorker("visit_w3", "grd_renxing_03");
    const w3b = await gridWorker("visit_w3b", "grd_renxing_03");
    await gridWorker("visit_w4", "grd_renxing_04");
    const r = await registerRecipient({ name: "李奶奶", gridId: "grd_renxing_03" });
    const v = await volunteer("visit-noanswer", "蒋志愿");
    await pair(r.id, v.user.id);
    const body = visitBody({ outcome: "no_answer", minutes: 10 });
    const answers = await Promise.all([1, 2, 3].map(() => api("POST", `/care/${r.id}/visits`, { token: v.token, body })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(await concernsFor(r.id)).toEqual(
      [w3.staff.id, w3b.staff.id].sort().map((id) => ({ staff_id: id, kind: "visit_overdue", title: "走访发现情况", body: "李奶奶：敲门无人应，请尽快跟进。" })),
    );
    expect(await careHours(v.user.id)).toEqual([]);
    const item = (await api("GET", "/me/care", { token: v.token })).body.items.find((i: { id: string }) => i.id === r.id);
    expect(item.nextDueAt).toBe(r.nextDueAt);
    expect(item.lastVisitAt).toBeNull();
  });

  it("a flag on a `visited` visit credits the hours AND tells the watchers; a grid without a worker tells the admins", async () => {
    const r = await registerRecipient({ name: "周爷爷", gridId: "grd_renxing_06" });
    const v = await volunteer("visit-flag", "沈志愿");
    await pair(r.id, v.user.id);
    const res = await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody({ flags: ["medicine", "lonely"] }) });
    expect(res.status).toBe(201);
    expect(res.body.flags).toEqual(["medicine", "lonely"]);
    expect(await careHours(v.user.id)).toHaveLength(1);
    expect(await concernsFor(r.id)).toEqual([{ staff_id: "stf_dev_admin", kind: "visit_overdue", title: "走访发现情况", body: "周爷爷：缺药或不按时吃药、情绪低落，请尽快跟进。" }]);
  });

  it("the history, newest first: paired volunteers and staff of the grid; others 404", async () => {
    const w5 = await gridWorker("hist_w5", "grd_renxing_05");
    const w1 = await gridWorker("hist_w1", "grd_renxing_01");
    const r = await registerRecipient({ name: "韩奶奶", gridId: "grd_renxing_05" });
    const v = await volunteer("visit-hist", "杨志愿");
    const stranger = await volunteer("visit-hist-stranger", "朱志愿");
    await pair(r.id, v.user.id);
    const older = await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody({ visitedAt: new Date(Date.now() - 2 * DAY).toISOString(), note: "第一次" }) });
    const newer = await api("POST", `/care/${r.id}/visits`, { token: v.token, body: visitBody({ outcome: "in_hospital", note: "老人住院了" }) });
    for (const token of [v.token, w5.token, await admin()]) {
      const history = await api("GET", `/care/${r.id}/visits`, { token });
      expect(history.status).toBe(200);
      expect(history.body.items.map((i: { id: string }) => i.id)).toEqual([newer.body.id, older.body.id]);
    }
    for (const token of [w1.token, stranger.token]) expect((await api("GET", `/care/${r.id}/visits`, { token })).status).toBe(404);
    expect((await api("GET", `/care/${r.id}/visits`)).status).toBe(401);
  });
});
