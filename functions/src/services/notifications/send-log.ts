import { SEND_STATUSES, type NotificationKind, type SendStatus } from "@renxing/shared";
import { count, desc, eq, gte, sql } from "drizzle-orm";
import { assertAdmin } from "../../auth/roles";
import type { Db } from "../../db/client";
import { notifications, notificationSends, users } from "../../db/schema";
import type { Principal } from "../../env";
import { maskName } from "../../lib/mask";

/**
 * How the WeChat messages fared, for the admins' 通知 page. Never what a message said (a
 * ride_assigned message carries the driver's phone) nor whom it went to beyond a masked nickname:
 * this page is for seeing that sending works, not for reading people's mail.
 */
export interface SendLog {
  /** Sends queued in the last 7 days, by status; every status present, 0 when none. */
  counts: Record<SendStatus, number>;
  latest: SendEntry[];
  dead: SendEntry[];
}

export interface SendEntry {
  notificationId: string;
  kind: NotificationKind;
  status: SendStatus;
  tries: number;
  /** WeChat's errcode, the HTTP status, or why it was given up. */
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  /** The resident's nickname, masked (`王**`). */
  recipient: string;
}

const WEEK = 7 * 24 * 3600_000;
const SHOWN = 50;

/** One round trip: the counts, the latest sends and the dead letters. */
export async function sendLog(db: Db, actor: Principal, now = Date.now()): Promise<SendLog> {
  assertAdmin(actor);
  const entries = () =>
    db
      .select({
        // Aliased: inside db.batch D1 keys columns by name, and both tables have a created_at.
        notificationId: notificationSends.notificationId,
        kind: notifications.kind,
        status: notificationSends.status,
        tries: notificationSends.tries,
        lastError: notificationSends.lastError,
        createdAt: sql<number>`${notificationSends.createdAt}`.as("send_created_at"),
        updatedAt: notificationSends.updatedAt,
        nickname: users.nickname,
      })
      .from(notificationSends)
      .innerJoin(notifications, eq(notifications.id, notificationSends.notificationId))
      .leftJoin(users, eq(users.id, notifications.userId));
  const [byStatus, latest, dead] = await db.batch([
    db.select({ status: notificationSends.status, n: count() }).from(notificationSends).where(gte(notificationSends.createdAt, now - WEEK)).groupBy(notificationSends.status),
    entries().orderBy(desc(notificationSends.createdAt), desc(notificationSends.notificationId)).limit(SHOWN),
    entries().where(eq(notificationSends.status, "dead")).orderBy(desc(notificationSends.updatedAt)).limit(SHOWN),
  ]);
  const counts = Object.fromEntries(SEND_STATUSES.map((s) => [s, 0])) as Record<SendStatus, number>;
  for (const row of byStatus) counts[row.status] = row.n;
  const entry = ({ nickname, ...row }: (typeof latest)[number]): SendEntry => ({ ...row, recipient: maskName(nickname) });
  return { counts, latest: latest.map(entry), dead: dead.map(entry) };
}
