import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { NOTIFICATION_KINDS } from "@renxing/shared";
import { describe, expect, it } from "vitest";
import { getDb } from "../src/db/client";
import type { Env } from "../src/env";
import { backoffSeconds, sweepOutbox } from "../src/services/notifications/deliver";
import { notify } from "../src/services/notifications/notify";
import type { NotifyMessage } from "../src/services/notifications/outbox";
import worker from "../src/index";
import { openWish, volunteer } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

/**
 * The NOTIFY queue consumer against the fake WeChat (test/fake-wechat.ts), which answers by the
 * recipient's openid: `refuses` → 43101, `broken` → HTTP 502, anything else → sent.
 */

let seq = 0;
const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

async function grant(userId: string, kind: string, count: number) {
  await env.DB.prepare("insert into subscription_grants (user_id, kind, count, updated_at) values (?, ?, ?, ?) on conflict (user_id, kind) do update set count = excluded.count")
    .bind(userId, kind, count, Date.now())
    .run();
}
const grantsLeft = async (userId: string, kind: string) =>
  (await rows<{ count: number }>("select count from subscription_grants where user_id = ? and kind = ?", userId, kind))[0]?.count;
const sendRow = async (notificationId: string) =>
  (await rows<{ status: string; tries: number; last_error: string | null }>("select status, tries, last_error from notification_sends where notification_id = ?", notificationId))[0];
async function sentTo(openid: string): Promise<{ template_id: string; page: string; data: Record<string, { value: string }> }[]> {
  const res = await fetch(new URL(`/__sent?touser=${encodeURIComponent(openid)}`, env.WECHAT_API_BASE));
  return ((await res.json()) as { sent: never[] }).sent;
}

/** A resident with one wish_claimed grant and one notification for them; returns its id. */
async function notified(openidWord: string, options: { title?: string; grants?: number; eventKey?: string } = {}) {
  const { user } = await residentLogin(uid(openidWord));
  // dev-login keeps its accounts apart from WeChat's: the stored openid is `dev:<what was sent>`.
  const openid = (await rows<{ openid: string }>("select openid from users where id = ?", user.id))[0]!.openid;
  await grant(user.id, "wish_claimed", options.grants ?? 1);
  const db = getDb(env.DB);
  const statements = notify(
    db,
    {
      kind: "wish_claimed",
      to: { user: user.id },
      eventKey: options.eventKey ?? uid("event"),
      title: "心愿被认领",
      body: "志愿者认领了你的心愿",
      page: "/pages/wish-detail/index?id=wsh_1",
      template: { title: options.title ?? "给孩子买一套课外书", body: "志愿者认领了你的心愿", status: "已认领", time: "2026-12-01 09:00" },
    },
    Date.now(),
  );
  await db.batch(statements as never);
  const id = (await rows<{ id: string }>("select id from notifications where user_id = ? order by created_at desc limit 1", user.id))[0]!.id;
  return { openid, userId: user.id, id };
}

async function consume(ids: string[], options: { queue?: string; attempts?: number; env?: Env } = {}) {
  const batch = createMessageBatch<NotifyMessage>(
    options.queue ?? "renxing-notify",
    ids.map((notificationId, i) => ({ id: `msg-${i}-${notificationId}`, timestamp: new Date(), attempts: options.attempts ?? 1, body: { notificationId } })),
  );
  const ctx = createExecutionContext();
  const queue = worker.queue as ExportedHandlerQueueHandler<Env, NotifyMessage>;
  await queue(batch, options.env ?? env, ctx);
  return getQueueResult(batch, ctx);
}

describe("sending subscribe messages from the queue", () => {
  it("the tests configure a template for every kind there is", () => {
    expect(Object.keys(JSON.parse(env.WECHAT_TEMPLATES!))).toEqual([...NOTIFICATION_KINDS]);
  });

  it("a notification to a resident holding a grant is sent once and spends the grant", async () => {
    const n = await notified("plain");
    expect(await grantsLeft(n.userId, "wish_claimed")).toBe(0);
    expect(await sendRow(n.id)).toMatchObject({ status: "pending", tries: 0 });

    const result = await consume([n.id]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    expect(await sendRow(n.id)).toMatchObject({ status: "sent", tries: 1 });
    const sent = await sentTo(n.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ template_id: "tmpl-wish_claimed", page: "pages/wish-detail/index?id=wsh_1" });
    expect(sent[0]!.data).toEqual({
      thing1: { value: "给孩子买一套课外书" },
      thing2: { value: "志愿者认领了你的心愿" },
      phrase3: { value: "已认领" },
      time4: { value: "2026-12-01 09:00" },
    });
  });

  it("a redelivered or duplicated message sends nothing twice", async () => {
    const n = await notified("twice");
    await consume([n.id, n.id]);
    await consume([n.id]);
    expect(await sentTo(n.openid)).toHaveLength(1);
    expect(await sendRow(n.id)).toMatchObject({ status: "sent", tries: 1 });
  });

  it("template values are cut to WeChat's limits with …", async () => {
    const n = await notified("long", { title: "一二三四五六七八九十一二三四五六七八九十一二三四五" });
    await consume([n.id]);
    const data = (await sentTo(n.openid))[0]!.data;
    expect(data.thing1!.value).toBe("一二三四五六七八九十一二三四五六七八九…");
    expect([...data.thing1!.value]).toHaveLength(20);
    expect(data.phrase3!.value).toBe("已认领");
  });

  it("43101 (the resident withdrew consent) spends the grant and is not retried", async () => {
    const n = await notified("refuses");
    const result = await consume([n.id]);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await sendRow(n.id)).toMatchObject({ status: "refused", last_error: "43101" });
    expect(await grantsLeft(n.userId, "wish_claimed")).toBe(0);
    expect(await sentTo(n.openid)).toHaveLength(1);
  });

  it("40001 refreshes the token once and the send succeeds", async () => {
    const appEnv = { ...env, WECHAT_APPID: uid("wx-deliver-40001") };
    const first = await notified("token");
    await consume([first.id], { env: appEnv });
    const token = (await rows<{ token: string }>("select token from wechat_tokens where name = ?", appEnv.WECHAT_APPID))[0]!.token;
    await fetch(new URL("/__expire", env.WECHAT_API_BASE), { method: "POST", body: JSON.stringify({ token }) });

    const second = await notified("token");
    const result = await consume([second.id], { env: appEnv });
    expect(result.retryMessages).toEqual([]);
    expect(await sendRow(second.id)).toMatchObject({ status: "sent", tries: 1 });
    expect(await sentTo(second.openid)).toHaveLength(1);
    const calls = await (await fetch(new URL(`/__calls?appid=${appEnv.WECHAT_APPID}`, env.WECHAT_API_BASE))).json();
    expect(calls).toEqual({ calls: 2 });
  });

  it("WeChat failing (5xx) is retried with backoff, then dead-lettered: marked failed and the grant given back", async () => {
    const n = await notified("broken");
    const first = await consume([n.id], { attempts: 1 });
    // getQueueResult does not report the delay asked for; backoffSeconds is what deliverBatch asks.
    expect(first.retryMessages).toEqual([{ msgId: `msg-0-${n.id}` }]);
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([30, 60, 120, 240]);
    expect(await sendRow(n.id)).toMatchObject({ status: "pending", tries: 1, last_error: "HTTP 502" });

    const fourth = await consume([n.id], { attempts: 4 });
    expect(fourth.retryMessages).toEqual([{ msgId: `msg-0-${n.id}` }]);
    expect(await sendRow(n.id)).toMatchObject({ status: "pending", tries: 2 });

    // After the 5th try the queue moves the message to the dead-letter queue.
    const dead = await consume([n.id], { queue: "renxing-notify-dead" });
    expect(dead.explicitAcks).toHaveLength(1);
    expect(await sendRow(n.id)).toMatchObject({ status: "dead" });
    expect(await grantsLeft(n.userId, "wish_claimed")).toBe(1);
    // A late redelivery of the original does not send after all.
    await consume([n.id]);
    expect(await sentTo(n.openid)).toHaveLength(2);
  });

  it("a resident without a grant gets the in-app message only; one event notifies once", async () => {
    const n = await notified("nogrant", { grants: 0, eventKey: "same-event" });
    expect(await sendRow(n.id)).toBeUndefined();
    const db = getDb(env.DB);
    const again = notify(db, { kind: "wish_claimed", to: { user: n.userId }, eventKey: "same-event", title: "t", body: "b", page: "/p" }, Date.now());
    await db.batch(again as never);
    expect(await rows("select id from notifications where user_id = ?", n.userId)).toHaveLength(1);
  });

  it("a grant is spent by one message: with one grant, two events send one message", async () => {
    const n = await notified("onegrant");
    const db = getDb(env.DB);
    await db.batch(notify(db, { kind: "wish_claimed", to: { user: n.userId }, eventKey: uid("e"), title: "t", body: "b", page: "/p" }, Date.now()) as never);
    const sends = await rows("select s.status from notification_sends s join notifications n on n.id = s.notification_id where n.user_id = ?", n.userId);
    expect(sends).toHaveLength(1);
    expect(await grantsLeft(n.userId, "wish_claimed")).toBe(0);
  });
});

describe("the outbox sweep (every 15 minutes)", () => {
  it("re-queues a message the queue never heard of and gives up on one stuck mid-send, giving its grant back", async () => {
    const lost = await notified("plain");
    const stuck = await notified("plain");
    const old = Date.now() - 11 * 60_000;
    await env.DB.prepare("update notification_sends set updated_at = ? where notification_id = ?").bind(old, lost.id).run();
    await env.DB.prepare("update notification_sends set status = 'sending', updated_at = ? where notification_id = ?").bind(old, stuck.id).run();
    const fresh = await notified("plain");

    expect(await sweepOutbox(getDb(env.DB), env.NOTIFY)).toEqual({ requeued: 1, gaveUp: 1 });
    // The real queue (miniflare) hands it to this Worker's consumer, which sends it.
    for (let i = 0; i < 50 && (await sendRow(lost.id))?.status !== "sent"; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await sendRow(lost.id)).toMatchObject({ status: "sent" });
    expect(await sentTo(lost.openid)).toHaveLength(1);
    expect(await sendRow(stuck.id)).toMatchObject({ status: "dead", last_error: "stuck while sending" });
    expect(await grantsLeft(stuck.userId, "wish_claimed")).toBe(1);
    expect(await sendRow(fresh.id)).toMatchObject({ status: "pending" });
  });
});

describe("from a resident's tap to WeChat, end to end", () => {
  it("a claim answered to the volunteer queues the wisher's message after the response, and the consumer sends it once", async () => {
    const wisher = await residentLogin(uid("e2e-wisher"));
    const openid = (await rows<{ openid: string }>("select openid from users where id = ?", wisher.user.id))[0]!.openid;
    expect((await api("POST", "/me/subscriptions", { token: wisher.token, body: { results: { wish_claimed: "accept" } } })).status).toBe(200);
    const wishId = await openWish(wisher.token);
    const vol = await volunteer(uid("e2e-claimer"));
    expect((await api("POST", `/wishes/${wishId}/claim`, { token: vol.token })).status).toBe(200);

    const notificationId = (await rows<{ id: string }>("select id from notifications where user_id = ? and kind = 'wish_claimed'", wisher.user.id))[0]!.id;
    for (let i = 0; i < 50 && (await sendRow(notificationId))?.status !== "sent"; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await sendRow(notificationId)).toMatchObject({ status: "sent", tries: 1 });
    const sent = await sentTo(openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ template_id: "tmpl-wish_claimed", page: `pages/wish-detail/index?id=${wishId}` });
    expect(await grantsLeft(wisher.user.id, "wish_claimed")).toBe(0);
  });
});

describe("the outbox sweep at scale", () => {
  it("gives up on 150 stuck messages at once (more ids than D1 binds in one statement) and gives their grants back", async () => {
    const { user } = await residentLogin(uid("many"));
    await grant(user.id, "task_reminder", 0);
    const old = Date.now() - 11 * 60_000;
    await env.DB.batch([
      env.DB.prepare(
        `with recursive n(i) as (select 1 union all select i + 1 from n where i < 150)
         insert into notifications (id, user_id, kind, event_key, title, body, page, created_at)
         select 'ntf_many_' || i, ?, 'task_reminder', 'many:' || i, 't', 'b', '/p', ? from n`,
      ).bind(user.id, old),
      env.DB.prepare(
        `insert into notification_sends (notification_id, status, tries, created_at, updated_at)
         select id, 'sending', 1, ?, ? from notifications where user_id = ?`,
      ).bind(old, old, user.id),
    ]);
    expect(await sweepOutbox(getDb(env.DB), env.NOTIFY)).toMatchObject({ gaveUp: 150 });
    expect(await rows("select 1 from notification_sends s join notifications n on n.id = s.notification_id where n.user_id = ? and s.status = 'dead'", user.id)).toHaveLength(150);
    expect(await grantsLeft(user.id, "task_reminder")).toBe(20);
  });
});
