import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { getDb } from "../src/db/client";
import { eraseExpiredRideData } from "../src/services/rides";
import { consoleLogin, consolePage } from "./console-helpers";
import { admin, booking, dayFromNow, driver, examSession, openWish, volunteer, wishBody } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

/**
 * Each event a resident waits to hear about writes exactly one in-app notification for the right
 * person, in the same batch as the change: none when the change is refused, one however often the
 * request is repeated or raced. Then what the resident does with them: the 消息 list, the badge's
 * count, marking read, and subscribe grants that turn the next notification into a WeChat message.
 */

let seq = 0;
const uid = (word: string) => `ntf-${word}-${++seq}`;

interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  page: string;
  event_key: string;
}
const noticesOf = (userId: string, kind?: string) =>
  kind
    ? rows<Notice>("select id, kind, title, body, page, event_key from notifications where user_id = ? and kind = ? order by created_at", userId, kind)
    : rows<Notice>("select id, kind, title, body, page, event_key from notifications where user_id = ? order by created_at", userId);
const noticesAbout = (fragment: string) => rows<Notice & { user_id: string }>("select * from notifications where event_key like ?", `%${fragment}%`);

const applicationBody = { realName: "王申请", phone: "13600001111", birthYear: 1980, skills: [], availability: "周末", motivation: "" };

describe("application decided", () => {
  it("the applicant hears once when approved; deciding again is 409 and writes nothing more", async () => {
    const applicant = await residentLogin(uid("applicant"));
    const applied = await api("POST", "/teams/team_marenxing/applications", { token: applicant.token, body: applicationBody });
    const token = await admin();
    const first = await api("POST", `/admin/applications/${applied.body.id}/decision`, { token, body: { approve: true } });
    expect(first.status).toBe(200);
    expect((await api("POST", `/admin/applications/${applied.body.id}/decision`, { token, body: { approve: true } })).status).toBe(409);

    const notices = await noticesOf(applicant.user.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: "application_decided", title: "入队申请已通过", page: "/pages/my-applications/index" });
    expect(notices[0]!.body).toContain("“马仁兴志愿者服务队”");
  });

  it("approving in the console tells the applicant the same way", async () => {
    const applicant = await residentLogin(uid("console-applicant"));
    const applied = await api("POST", "/teams/team_marenxing/applications", { token: applicant.token, body: applicationBody });
    const { cookie, csrf } = await consoleLogin();
    expect((await consolePage(`/applications/${applied.body.id}/approve`, { method: "POST", cookie, form: { _csrf: csrf } })).status).toBe(303);
    const list = await api("GET", "/me/notifications", { token: applicant.token });
    expect(list.body.items).toEqual([expect.objectContaining({ kind: "application_decided", title: "入队申请已通过", readAt: null })]);
  });

  it("a rejection tells the reason; of 6 parallel decisions one wins and one notification exists", async () => {
    const applicant = await residentLogin(uid("rejected"));
    const applied = await api("POST", "/teams/team_6070/applications", { token: applicant.token, body: { ...applicationBody, birthYear: 1965 } });
    const token = await admin();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api("POST", `/admin/applications/${applied.body.id}/decision`, { token, body: { approve: false, reason: "年龄不符合本队要求" } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const notices = await noticesOf(applicant.user.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: "application_decided", title: "入队申请未通过" });
    expect(notices[0]!.body).toBe("你申请加入“6070分队”未通过：年龄不符合本队要求");
  });
});

describe("wishes", () => {
  it("the wisher hears the review once; a wish staff recorded for someone without the app tells no one", async () => {
    const wisher = await residentLogin(uid("wisher"));
    const posted = await api("POST", "/wishes", { token: wisher.token, body: wishBody() });
    const token = await admin();
    expect((await api("POST", `/admin/wishes/${posted.body.id}/review`, { token, body: { approve: true } })).status).toBe(200);
    expect((await api("POST", `/admin/wishes/${posted.body.id}/review`, { token, body: { approve: false, reason: "重复" } })).status).toBe(409);
    const notices = await noticesOf(wisher.user.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: "wish_reviewed", title: "心愿已通过审核", body: "你的心愿“想要一个新书包”已通过审核，已在心愿墙上展示", page: `/pages/wish-detail/index?id=${posted.body.id}` });

    const rejected = await api("POST", "/wishes", { token: wisher.token, body: wishBody({ title: "想要一台电脑" }) });
    await api("POST", `/admin/wishes/${rejected.body.id}/review`, { token, body: { approve: false, reason: "价值超出微心愿范围" } });
    expect((await noticesOf(wisher.user.id, "wish_reviewed")).map((n) => n.body)).toContain("你的心愿“想要一台电脑”未通过审核：价值超出微心愿范围");

    const recorded = await api("POST", "/admin/wishes", { token, body: { ...wishBody(), onBehalfOf: { name: "刘桂兰", phone: "13522223333", gridId: "grd_renxing_03" } } });
    expect(recorded.status).toBe(201);
    const vol = await volunteer(uid("recorded-claimer"));
    expect((await api("POST", `/wishes/${recorded.body.id}/claim`, { token: vol.token })).status).toBe(200);
    expect(await noticesAbout(recorded.body.id)).toEqual([]);
  });

  it("of 10 volunteers claiming at once, one wins and the wisher hears once; no volunteer is told", async () => {
    const wisher = await residentLogin(uid("raced-wisher"));
    const wishId = await openWish(wisher.token);
    const volunteers = await Promise.all(Array.from({ length: 10 }, (_, i) => volunteer(uid(`claimer${i}`))));
    const claims = await Promise.all(volunteers.map((v) => api("POST", `/wishes/${wishId}/claim`, { token: v.token })));
    expect(claims.filter((c) => c.status === 200)).toHaveLength(1);
    expect(claims.filter((c) => c.status === 409)).toHaveLength(9);

    const notices = await noticesOf(wisher.user.id, "wish_claimed");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: "心愿已被认领", page: `/pages/wish-detail/index?id=${wishId}` });
    expect(notices[0]!.body).toContain("你的心愿“想要一个新书包”已被志愿者认领");
    expect(notices[0]!.body).not.toMatch(/1[3-9]\d{9}/);
    for (const v of volunteers) expect(await noticesOf(v.user.id, "wish_claimed")).toEqual([]);
  });

  it("a claim repeated with the same Idempotency-Key still tells the wisher once", async () => {
    const wisher = await residentLogin(uid("idem-wisher"));
    const wishId = await openWish(wisher.token);
    const vol = await volunteer(uid("idem-claimer"));
    const headers = { "idempotency-key": uid("key") };
    const first = await api("POST", `/wishes/${wishId}/claim`, { token: vol.token, headers });
    const again = await api("POST", `/wishes/${wishId}/claim`, { token: vol.token, headers });
    expect(first.status).toBe(200);
    expect([200, 409]).toContain(again.status);
    expect(await noticesOf(wisher.user.id, "wish_claimed")).toHaveLength(1);
  });

  it("the claimer reporting it done tells the wisher once, also when sent 5 times at once; a stranger's report tells no one", async () => {
    const wisher = await residentLogin(uid("fulfil-wisher"));
    const wishId = await openWish(wisher.token);
    const vol = await volunteer(uid("fulfiller"));
    const stranger = await volunteer(uid("stranger"));
    await api("POST", `/wishes/${wishId}/claim`, { token: vol.token });

    expect((await api("POST", `/wishes/${wishId}/fulfil`, { token: stranger.token, body: { note: "不是我认领的" } })).status).toBe(403);
    expect(await noticesOf(wisher.user.id, "wish_fulfilled")).toEqual([]);

    const reports = await Promise.all(Array.from({ length: 5 }, () => api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: "书包已经送到家里了" } })));
    expect(reports.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const notices = await noticesOf(wisher.user.id, "wish_fulfilled");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: "心愿已实现", body: "认领人已完成你的心愿“想要一个新书包”，请去确认并评价" });
    expect(await noticesOf(vol.user.id, "wish_fulfilled")).toEqual([]);
  });
});

describe("rides", () => {
  it("of 5 drivers accepting at once, one wins; the family hears once with the driver's name, phone and plate", async () => {
    const s = await examSession();
    const family = await residentLogin(uid("family"));
    const rideId = (await api("POST", "/rides", { token: family.token, body: booking(s) })).body.id as string;
    const drivers = await Promise.all(Array.from({ length: 5 }, (_, i) => driver(uid(`driver${i}`), 4, "赵师傅")));
    const accepts = await Promise.all(drivers.map((d) => api("POST", `/rides/${rideId}/accept`, { token: d.token })));
    expect(accepts.filter((a) => a.status === 200)).toHaveLength(1);

    const notices = await noticesOf(family.user.id, "ride_assigned");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: "送考司机已确定", page: "/pages/ride-mine/index" });
    expect(notices[0]!.body).toBe(`2027年高考 ${s.examDates[0]} 的送考已安排：司机赵师傅，电话 13700007777，车牌 辽A12345。接送时间 ${s.examDates[0]} 07:00`);
    const [values] = await rows<{ template_data: string }>("select template_data from notifications where id = ?", notices[0]!.id);
    expect(JSON.parse(values!.template_data)).toMatchObject({ name: "赵师傅", phone: "13700007777", plate: "辽A12345", time: `${s.examDates[0]} 07:00`, status: "已派车" });
    for (const d of drivers) expect(await noticesOf(d.user.id, "ride_assigned")).toEqual([]);
  });

  it("an admin assigning tells the family too; an assignment refused tells no one", async () => {
    const s = await examSession();
    const family = await residentLogin(uid("assigned-family"));
    const rideId = (await api("POST", "/rides", { token: family.token, body: booking(s) })).body.id as string;
    const small = await driver(uid("small-car"), 1);
    const refused = await api("POST", `/admin/rides/${rideId}/assign`, { token: await admin(), body: { driverUserId: small.user.id } });
    expect(refused.body.error.code).toBe("NOT_ENOUGH_SEATS");
    expect(await noticesOf(family.user.id)).toEqual([]);

    const d = await driver(uid("assigned-driver"));
    expect((await api("POST", `/admin/rides/${rideId}/assign`, { token: await admin(), body: { driverUserId: d.user.id } })).status).toBe(200);
    expect(await noticesOf(family.user.id, "ride_assigned")).toHaveLength(1);
  });

  it("each progress step tells the family once, parallel reports of one step too; a step out of order tells no one", async () => {
    const s = await examSession();
    const family = await residentLogin(uid("progress-family"));
    const rideId = (await api("POST", "/rides", { token: family.token, body: booking(s) })).body.id as string;
    const d = await driver(uid("progress-driver"));
    await api("POST", `/rides/${rideId}/accept`, { token: d.token });

    expect((await api("POST", `/rides/${rideId}/progress`, { token: d.token, body: { status: "arrived" } })).status).toBe(409);
    expect(await noticesOf(family.user.id, "ride_progress")).toEqual([]);

    const pickups = await Promise.all(Array.from({ length: 5 }, () => api("POST", `/rides/${rideId}/progress`, { token: d.token, body: { status: "picked_up" } })));
    expect(pickups.filter((p) => p.status === 200)).toHaveLength(1);
    expect(await noticesOf(family.user.id, "ride_progress")).toHaveLength(1);
    for (const status of ["arrived", "completed"]) expect((await api("POST", `/rides/${rideId}/progress`, { token: d.token, body: { status } })).status).toBe(200);

    const notices = await noticesOf(family.user.id, "ride_progress");
    expect(notices.map((n) => n.title)).toEqual(["司机已接到考生", "已送达考点", "送考已完成"]);
    expect(notices[1]!.body).toBe(`2027年高考 ${s.examDates[0]}：已送达沈阳市第二十中学考点，祝考试顺利！`);
    // Only the assignment names the driver's phone; no ride message carries the pickup address.
    for (const n of notices) expect(n.body).not.toMatch(/1[3-9]\d{9}|仁兴小区/);
    expect(await noticesOf(d.user.id, "ride_progress")).toEqual([]);
  });

  it("the ride's notifications are erased with its personal data, their WeChat outbox rows too", async () => {
    const old = await examSession({ name: "2027年中考", kind: "zhongkao", examDates: [dayFromNow(3)] });
    const later = await examSession({ examDates: [dayFromNow(40)] });
    const family = await residentLogin(uid("erased-family"));
    await api("POST", "/me/subscriptions", { token: family.token, body: { results: { ride_assigned: "accept" } } });
    const oldRide = (await api("POST", "/rides", { token: family.token, body: booking(old) })).body.id as string;
    const laterRide = (await api("POST", "/rides", { token: family.token, body: booking(later, { studentName: "李小红" }) })).body.id as string;
    const d = await driver(uid("erased-driver"));
    await api("POST", `/rides/${oldRide}/accept`, { token: d.token });
    await api("POST", `/rides/${oldRide}/progress`, { token: d.token, body: { status: "picked_up" } });
    const e = await driver(uid("kept-driver"));
    await api("POST", `/rides/${laterRide}/accept`, { token: e.token });
    expect(await rows("select notification_id from notification_sends where notification_id in (select id from notifications where user_id = ?)", family.user.id)).toHaveLength(1);

    await eraseExpiredRideData(getDb(env.DB), Date.now() + 34 * 86400_000);
    expect(await noticesAbout(oldRide)).toEqual([]);
    expect(await noticesAbout(laterRide)).toHaveLength(1);
    expect((await api("GET", "/me/notifications", { token: family.token })).body.items).toHaveLength(1);
  });
});

describe("the resident's notifications", () => {
  /** A wisher with three notifications: approved, claimed, fulfilled (oldest first). */
  async function wisherWithThree(word: string) {
    const wisher = await residentLogin(uid(word));
    const wishId = await openWish(wisher.token);
    const vol = await volunteer(uid(`${word}-volunteer`));
    await api("POST", `/wishes/${wishId}/claim`, { token: vol.token });
    await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: "送到了" } });
    return wisher;
  }

  it("lists newest first in pages, counts the unread, and marks read only the caller's own", async () => {
    const wisher = await wisherWithThree("inbox");
    const list = await api("GET", "/me/notifications", { token: wisher.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((n: { kind: string }) => n.kind)).toEqual(["wish_fulfilled", "wish_claimed", "wish_reviewed"]);
    expect(list.body.items[0]).toEqual({ id: expect.any(String), kind: "wish_fulfilled", title: "心愿已实现", body: expect.any(String), page: expect.stringMatching(/^\/pages\/wish-detail\/index\?id=/), createdAt: expect.stringMatching(/\+08:00$/), readAt: null });

    const first = await api("GET", "/me/notifications?limit=2", { token: wisher.token });
    expect(first.body.items).toHaveLength(2);
    const second = await api("GET", `/me/notifications?limit=2&cursor=${first.body.nextCursor}`, { token: wisher.token });
    expect(second.body).toEqual({ items: [expect.objectContaining({ kind: "wish_reviewed" })], nextCursor: null });

    expect((await api("GET", "/me/notifications/unread-count", { token: wisher.token })).body).toEqual({ count: 3 });
    const ids = list.body.items.map((n: { id: string }) => n.id);

    const neighbour = await residentLogin(uid("neighbour"));
    expect((await api("POST", "/me/notifications/read", { token: neighbour.token, body: { ids } })).status).toBe(204);
    expect((await api("POST", "/me/notifications/read", { token: neighbour.token, body: { all: true } })).status).toBe(204);
    expect((await api("GET", "/me/notifications/unread-count", { token: wisher.token })).body).toEqual({ count: 3 });

    expect((await api("POST", "/me/notifications/read", { token: wisher.token, body: { ids: [ids[0], "ntf_unknown"] } })).status).toBe(204);
    expect((await api("GET", "/me/notifications/unread-count", { token: wisher.token })).body).toEqual({ count: 2 });
    const read = (await api("GET", "/me/notifications", { token: wisher.token })).body.items[0];
    expect(read.readAt).toMatch(/\+08:00$/);

    expect((await api("POST", "/me/notifications/read", { token: wisher.token, body: { all: true } })).status).toBe(204);
    expect((await api("GET", "/me/notifications/unread-count", { token: wisher.token })).body).toEqual({ count: 0 });
    expect((await api("GET", "/me/notifications", { token: neighbour.token })).body).toEqual({ items: [], nextCursor: null });
  });

  it("is for residents: no token 401, a staff token 403, a malformed body 400", async () => {
    const token = await admin();
    for (const [method, path] of [["GET", "/me/notifications"], ["GET", "/me/notifications/unread-count"], ["GET", "/me/subscriptions"]] as const) {
      expect((await api(method, path)).status).toBe(401);
      expect((await api(method, path, { token })).status).toBe(403);
    }
    expect((await api("POST", "/me/notifications/read", { token, body: { all: true } })).status).toBe(403);
    expect((await api("POST", "/me/subscriptions", { token, body: { results: {} } })).status).toBe(403);
    const resident = await residentLogin(uid("malformed"));
    const bad = await api("POST", "/me/notifications/read", { token: resident.token, body: { all: false } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect((await api("POST", "/me/subscriptions", { token: resident.token, body: { results: { no_such_kind: "accept" } } })).status).toBe(400);
    expect((await api("GET", "/me/notifications?limit=0", { token: resident.token })).status).toBe(400);
  });
});

describe("subscribe grants", () => {
  it("grants per kind stop at 20: a client posting accepts in a loop cannot queue more", async () => {
    const eager = await residentLogin(uid("eager"));
    const answer = { results: { task_reminder: "accept" } };
    for (let i = 0; i < 25; i++) expect((await api("POST", "/me/subscriptions", { token: eager.token, body: answer })).status).toBe(200);
    expect((await api("GET", "/me/subscriptions", { token: eager.token })).body.grants.task_reminder).toBe(20);
  });

  it("GET /me/subscriptions gives each kind's template id; each accept is one grant; the next event spends it on an outbox row", async () => {
    const wisher = await residentLogin(uid("subscriber"));
    const before = await api("GET", "/me/subscriptions", { token: wisher.token });
    expect(before.status).toBe(200);
    expect(before.body.templates).toMatchObject({ wish_claimed: "tmpl-wish_claimed", ride_assigned: "tmpl-ride_assigned" });
    expect(before.body.grants).toMatchObject({ wish_claimed: 0 });

    const answer = { results: { wish_claimed: "accept", wish_fulfilled: "reject", wish_reviewed: "ban" } };
    const answers = await Promise.all([1, 2].map(() => api("POST", "/me/subscriptions", { token: wisher.token, body: answer })));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const after = (await api("GET", "/me/subscriptions", { token: wisher.token })).body;
    expect(after.grants).toMatchObject({ wish_claimed: 2, wish_fulfilled: 0, wish_reviewed: 0 });

    const wishId = await openWish(wisher.token);
    const vol = await volunteer(uid("subscribed-claimer"));
    await api("POST", `/wishes/${wishId}/claim`, { token: vol.token });
    const claimed = (await noticesOf(wisher.user.id, "wish_claimed"))[0]!;
    const [send] = await rows<{ status: string }>("select status from notification_sends where notification_id = ?", claimed.id);
    expect(send?.status).toBeDefined();
    expect((await api("GET", "/me/subscriptions", { token: wisher.token })).body.grants.wish_claimed).toBe(1);
    // No grant for reviews: that notification stays in-app.
    const reviewed = (await noticesOf(wisher.user.id, "wish_reviewed"))[0]!;
    expect(await rows("select 1 from notification_sends where notification_id = ?", reviewed.id)).toEqual([]);
    const sent = await rows<{ template_data: string }>("select template_data from notifications where id = ?", claimed.id);
    expect(JSON.parse(sent[0]!.template_data)).toMatchObject({ title: "想要一个新书包", status: "已认领" });
  });

  it("answers for kinds without a configured template are ignored", async () => {
    const resident = await residentLogin(uid("no-template"));
    const onlyClaims = JSON.stringify({ wish_claimed: { id: "tmpl-only", data: { thing1: "title" } } });
    const call = async (method: string, path: string, body?: unknown) => {
      const ctx = createExecutionContext();
      const res = await createApp().fetch(
        new Request(`http://localhost/api/v1${path}`, { method, headers: { authorization: `Bearer ${resident.token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }),
        { ...env, WECHAT_TEMPLATES: onlyClaims },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const added = await call("POST", "/me/subscriptions", { results: { wish_claimed: "accept", ride_assigned: "accept" } });
    expect(added).toEqual({ status: 200, body: { grants: { wish_claimed: 1 } } });
    expect(await call("GET", "/me/subscriptions")).toEqual({ status: 200, body: { templates: { wish_claimed: "tmpl-only" }, grants: { wish_claimed: 1 } } });
    expect(await rows("select kind from subscription_grants where user_id = ?", resident.user.id)).toEqual([{ kind: "wish_claimed" }]);
  });
});
