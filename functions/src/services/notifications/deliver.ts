import { and, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { inJsonArray } from "../../db/chunked";
import type { Db } from "../../db/client";
import { notifications, notificationSends, subscriptionGrants, users } from "../../db/schema";
import type { Env } from "../../env";
import { accessToken, WechatUnavailable } from "../wechat/access-token";
import { sendSubscribeMessage, type SendOutcome } from "../wechat/subscribe";
import { templateData, templatesOf } from "../wechat/templates";
import { MAX_GRANTS } from "./inbox";
import { enqueue, type NotifyMessage } from "./outbox";

/**
 * The NOTIFY queue consumer: sends the WeChat subscribe message of each queued notification.
 *
 * At most once per notification: a message first moves its outbox row from `pending` to
 * `sending` with one guarded update, so a redelivered or duplicated message finds nothing to do.
 * A try that WeChat could not take (busy, unreachable, slow) puts the row back to `pending` and
 * asks the queue to retry with backoff; after the 5th try the queue moves the message to the
 * dead-letter queue, whose consumer marks the row `dead` and gives the grant back (the resident
 * never received anything for it). A 43101 (the resident withdrew consent) spends the grant and
 * is not retried.
 */

/** The queue gives up after this many tries (wrangler.toml: max_retries = 4). */
export const MAX_TRIES = 5;

export type DeliveryResult = "done" | "retry";

/** 30 s, 1 min, 2 min, 4 min between the five tries. */
export const backoffSeconds = (attempts: number) => Math.min(30 * 2 ** (attempts - 1), 15 * 60);

export async function deliverBatch(batch: MessageBatch<NotifyMessage>, db: Db, env: Env, now = Date.now): Promise<void> {
  const dead = batch.queue.endsWith("-dead");
  await Promise.all(
    batch.messages.map(async (message) => {
      const id = message.body?.notificationId;
      if (typeof id !== "string") return message.ack();
      if (dead) {
        await markDead(db, [id], "gave up", now());
        return message.ack();
      }
      const result = await deliver(db, env, id, now);
      if (result === "retry") message.retry({ delaySeconds: backoffSeconds(message.attempts) });
      else message.ack();
    }),
  );
}

export async function deliver(db: Db, env: Env, notificationId: string, now = Date.now): Promise<DeliveryResult> {
  const [claimed, found] = await db.batch([
    db
      .update(notificationSends)
      .set({ status: "sending", tries: sql`${notificationSends.tries} + 1`, updatedAt: now() })
      .where(and(eq(notificationSends.notificationId, notificationId), eq(notificationSends.status, "pending")))
      .returning({ tries: notificationSends.tries }),
    db
      .select({ kind: notifications.kind, page: notifications.page, templateData: notifications.templateData, openid: users.openid })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(eq(notifications.id, notificationId)),
  ]);
  const row = found[0];
  if (claimed.length === 0 || !row) return "done";

  const template = templatesOf(env)[row.kind];
  if (!template) {
    // The template was removed from the configuration after the grant was given.
    await finish(db, notificationId, { status: "no_grant", refund: true, error: "no template" }, now());
    return "done";
  }
  const message = {
    touser: row.openid,
    template_id: template.id,
    page: row.page.replace(/^\//, ""),
    data: templateData(template, row.templateData ? (JSON.parse(row.templateData) as Record<string, string>) : {}),
  };

  let outcome: SendOutcome;
  try {
    let token = await accessToken(db, env);
    outcome = await sendSubscribeMessage(env, token, message);
    if (outcome.outcome === "token") {
      token = await accessToken(db, env, { stale: token });
      outcome = await sendSubscribeMessage(env, token, message);
      if (outcome.outcome === "token") outcome = { outcome: "retry", error: outcome.error };
    }
  } catch (err) {
    if (!(err instanceof WechatUnavailable)) throw err;
    outcome = { outcome: "retry", error: "token unavailable" };
  }

  switch (outcome.outcome) {
    case "sent":
      await finish(db, notificationId, { status: "sent" }, now());
      return "done";
    case "refused":
      await finish(db, notificationId, { status: "refused", error: outcome.error }, now());
      return "done";
    case "failed":
      console.error(JSON.stringify({ msg: "subscribe message refused by WeChat", notificationId, errcode: outcome.error }));
      await finish(db, notificationId, { status: "dead", refund: true, error: outcome.error }, now());
      return "done";
    default:
      await db
        .update(notificationSends)
        .set({ status: "pending", lastError: outcome.error, updatedAt: now() })
        .where(and(eq(notificationSends.notificationId, notificationId), eq(notificationSends.status, "sending")));
      return "retry";
  }
}

type Finish = { status: "sent" } | { status: "refused" | "no_grant" | "dead"; error: string; refund?: boolean };

async function finish(db: Db, notificationId: string, end: Finish, now: number) {
  const update = db
    .update(notificationSends)
    .set({ status: end.status, updatedAt: now, sentAt: end.status === "sent" ? now : null, lastError: "error" in end ? end.error : null })
    .where(and(eq(notificationSends.notificationId, notificationId), eq(notificationSends.status, "sending")))
    .returning({ id: notificationSends.notificationId });
  if (!("refund" in end && end.refund)) return update;
  return db.batch([update, refundGrant(db, [notificationId], now)]);
}

/**
 * Gives the grant back for notifications that ended without reaching the resident (`dead`, or
 * `no_grant` when the template went away): run in the same batch right after the statement that
 * ended them, so only those ended at `now` count. Never above what a resident may hold.
 */
function refundGrant(db: Db, notificationIds: string[], now: number) {
  const endedHere = (select: SQL) => sql`(select ${select} from ${notificationSends} s join ${notifications} n on n.id = s.notification_id
    where ${inJsonArray(sql`s.notification_id`, notificationIds)} and s.updated_at = ${now} and s.status in ('dead', 'no_grant')
      and n.user_id = ${subscriptionGrants.userId} and n.kind = ${subscriptionGrants.kind})`;
  return db
    .update(subscriptionGrants)
    .set({ count: sql`min(${subscriptionGrants.count} + ${endedHere(sql`count(*)`)}, ${MAX_GRANTS})`, updatedAt: now })
    .where(sql`exists ${endedHere(sql`1`)}`);
}

/** The dead-letter consumer, and the sweep of rows stuck in `sending` (a consumer that died mid-send). */
export async function markDead(db: Db, notificationIds: string[], reason: string, now: number) {
  if (notificationIds.length === 0) return;
  await db.batch([
    db
      .update(notificationSends)
      .set({ status: "dead", lastError: reason, updatedAt: now })
      .where(and(inJsonArray(notificationSends.notificationId, notificationIds), inArray(notificationSends.status, ["pending", "sending"]))),
    refundGrant(db, notificationIds, now),
  ]);
}

/**
 * The cron's part: re-queue outbox rows left `pending` (the request ended before the queue heard
 * of them, or the queue refused) and give up on rows stuck in `sending`. Both after 10 minutes,
 * well past the longest backoff a live message waits between tries... except the last ones, which
 * the guarded claim keeps from sending twice.
 */
export async function sweepOutbox(db: Db, queue: Queue<NotifyMessage> | undefined, now = Date.now()): Promise<{ requeued: number; gaveUp: number }> {
  const before = now - 10 * 60_000;
  const [pending, stuck] = await db.batch([
    db.select({ id: notificationSends.notificationId }).from(notificationSends).where(and(eq(notificationSends.status, "pending"), lt(notificationSends.updatedAt, before))).limit(500),
    db.select({ id: notificationSends.notificationId }).from(notificationSends).where(and(eq(notificationSends.status, "sending"), lt(notificationSends.updatedAt, before))).limit(500),
  ]);
  if (queue && pending.length > 0) await enqueue(queue, pending.map((r) => r.id));
  await markDead(db, stuck.map((r) => r.id), "stuck while sending", now);
  return { requeued: pending.length, gaveUp: stuck.length };
}
