import { toShanghaiIso, type ListQuery, type MarkReadBody, type NotificationItem, type NotificationKind, type Page, type SubscriptionsBody } from "@renxing/shared";
import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { residentBatch, signedInUserId, type Bearer } from "../../auth/session-batch";
import { inJsonArray } from "../../db/chunked";
import type { Db } from "../../db/client";
import { notifications, subscriptionGrants } from "../../db/schema";
import type { ResidentPrincipal, StaffPrincipal } from "../../env";
import { decodeCursor, olderThan, toPage } from "../../lib/cursor";
import type { Template } from "../wechat/templates";

/**
 * A resident's own notifications (the 消息 list and the tab badge) and their subscribe grants.
 * Reads are one round trip: the session lookup rides in the same batch (auth/session-batch.ts).
 * Staff read theirs in the console (staffInbox below).
 */

type Templates = Partial<Record<NotificationKind, Template>>;

/** Newest first, paged by (created_at, id). */
export async function listMyNotifications(db: Db, bearer: Bearer, query: ListQuery): Promise<Page<NotificationItem>> {
  const mine = db
    .select({ id: notifications.id, kind: notifications.kind, title: notifications.title, body: notifications.body, page: notifications.page, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.userId, signedInUserId(bearer)), olderThan(notifications.createdAt, notifications.id, decodeCursor(query.cursor))))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit + 1);
  const [, [rows]] = await residentBatch(db, bearer, [mine]);
  const page = toPage(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
  return {
    items: page.items.map((r) => ({ ...r, createdAt: toShanghaiIso(r.createdAt), readAt: r.readAt === null ? null : toShanghaiIso(r.readAt) })),
    nextCursor: page.nextCursor,
  };
}

/** What the tab badge polls: one query, on the partial index of unread rows. */
export async function unreadCount(db: Db, bearer: Bearer): Promise<{ count: number }> {
  const unread = db
    .select({ count: sql<number>`count(*)`.as("count") })
    .from(notifications)
    .where(and(eq(notifications.userId, signedInUserId(bearer)), isNull(notifications.readAt)));
  const [, [rows]] = await residentBatch(db, bearer, [unread]);
  return { count: rows[0]?.count ?? 0 };
}

/**
 * Marks the caller's own notifications read; ids of someone else's, or unknown, change nothing.
 * The ids travel as one JSON parameter: D1 binds at most 100 per statement, and 100 ids are allowed.
 */
export async function markRead(db: Db, resident: ResidentPrincipal, body: MarkReadBody, now = Date.now()): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, resident.id), isNull(notifications.readAt), body.ids ? inJsonArray(notifications.id, body.ids) : undefined));
}

/** Grants per kind with a template: what the mini-program may still be sent. */
function grantsOf(rows: { kind: NotificationKind; count: number }[], templates: Templates): Partial<Record<NotificationKind, number>> {
  const held = new Map(rows.map((r) => [r.kind, r.count]));
  return Object.fromEntries(Object.keys(templates).map((kind) => [kind, held.get(kind as NotificationKind) ?? 0]));
}

const grantsQuery = (db: Db, userId: string | ReturnType<typeof signedInUserId>) =>
  db.select({ kind: subscriptionGrants.kind, count: subscriptionGrants.count }).from(subscriptionGrants).where(eq(subscriptionGrants.userId, userId));

/**
 * More than a resident could want before they are used up: a client posting accepts in a loop
 * cannot fill our queue (WeChat would refuse the excess with 43101 anyway).
 */
export const MAX_GRANTS = 20;

/**
 * What `wx.requestSubscribeMessage` answered: each `accept` is one more one-time grant for that
 * kind, one upsert per kind in one batch (parallel answers each count). Kinds without a template
 * are ignored: nothing could ever spend those grants.
 */
export async function addSubscriptions(db: Db, resident: ResidentPrincipal, body: SubscriptionsBody, templates: Templates, now = Date.now()) {
  const accepted = (Object.entries(body.results) as [NotificationKind, string][]).filter(([kind, answer]) => answer === "accept" && templates[kind]).map(([kind]) => kind);
  const upserts = accepted.map((kind) =>
    db
      .insert(subscriptionGrants)
      .values({ userId: resident.id, kind, count: 1, updatedAt: now })
      .onConflictDoUpdate({ target: [subscriptionGrants.userId, subscriptionGrants.kind], set: { count: sql`min(${subscriptionGrants.count} + 1, ${MAX_GRANTS})`, updatedAt: now } }),
  );
  const statements = [...upserts, grantsQuery(db, resident.id)] as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
  const results = await db.batch(statements);
  const held = results[results.length - 1] as { kind: NotificationKind; count: number }[];
  return { grants: grantsOf(held, templates) };
}

/** The template id of each kind (what the mini-program asks for) and the grants held. */
export async function mySubscriptions(db: Db, bearer: Bearer, templates: Templates) {
  const [, [held]] = await residentBatch(db, bearer, [grantsQuery(db, signedInUserId(bearer))]);
  return {
    templates: Object.fromEntries(Object.entries(templates).map(([kind, t]) => [kind, t.id])) as Partial<Record<NotificationKind, string>>,
    grants: grantsOf(held, templates),
  };
}

/**
 * A staff member's own messages in the console (消息): new reports at their grid, escalations,
 * care alerts. Every unread one (a worker must not miss an alert behind a page break), then the
 * latest read ones. Staff have no WeChat outbox: this list is how they hear.
 */
export async function staffInbox(db: Db, staff: StaffPrincipal): Promise<{ unread: NotificationItem[]; read: NotificationItem[] }> {
  const columns = { id: notifications.id, kind: notifications.kind, title: notifications.title, body: notifications.body, page: notifications.page, createdAt: notifications.createdAt, readAt: notifications.readAt };
  const newest = [desc(notifications.createdAt), desc(notifications.id)] as const;
  const [unread, read] = await db.batch([
    db.select(columns).from(notifications).where(and(eq(notifications.staffId, staff.id), isNull(notifications.readAt))).orderBy(...newest).limit(STAFF_UNREAD_SHOWN),
    db.select(columns).from(notifications).where(and(eq(notifications.staffId, staff.id), isNotNull(notifications.readAt))).orderBy(...newest).limit(STAFF_READ_SHOWN),
  ]);
  const item = (r: (typeof unread)[number]): NotificationItem => ({ ...r, createdAt: toShanghaiIso(r.createdAt), readAt: r.readAt === null ? null : toShanghaiIso(r.readAt) });
  return { unread: unread.map(item), read: read.map(item) };
}

/** More unread than anyone reads in a sitting; the count in the navigation still tells the whole number. */
const STAFF_UNREAD_SHOWN = 200;
const STAFF_READ_SHOWN = 50;

/** The number beside 消息 in the console's navigation. */
export async function staffUnreadCount(db: Db, staff: StaffPrincipal): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)` })
    .from(notifications)
    .where(and(eq(notifications.staffId, staff.id), isNull(notifications.readAt)));
  return row?.count ?? 0;
}

/**
 * Marks the staff member's own messages read: one (`id`) or all. Someone else's id, or one
 * already read, changes nothing; the answer is how many became read.
 */
export async function markStaffMessagesRead(db: Db, staff: StaffPrincipal, id: string | undefined, now = Date.now()): Promise<number> {
  const marked = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.staffId, staff.id), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined))
    .returning({ id: notifications.id });
  return marked.length;
}
