import { getTableName, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { deliberationComments, reports, rides, suggestions, teamApplications, uploads, wishes } from "../../db/schema";
import { ApiError } from "../../http/errors";

/** Every per-account quota counts what was created in the last 24 hours, not per calendar day. */
export const QUOTA_WINDOW_MS = 24 * 3600_000;

interface Quota {
  limit: number;
  /** The owner and creation time of the rows counted: the rows themselves are the counter. */
  owner: SQLiteColumn;
  createdAt: SQLiteColumn;
  message: string;
}

/**
 * What one resident may create in any 24 hours: several times what a busy neighbour needs, far
 * below what a script sends. Cancelled and rejected rows count too, or cancel-and-repost would
 * get round the limit.
 */
export const QUOTAS = {
  upload: { limit: 30, owner: uploads.userId, createdAt: uploads.createdAt, message: "今天上传的照片已达30张，请明天再上传" },
  wish: { limit: 10, owner: wishes.userId, createdAt: wishes.createdAt, message: "今天发布的心愿已达10个，请明天再发布" },
  rideBooking: { limit: 10, owner: rides.bookerUserId, createdAt: rides.createdAt, message: "今天提交的送考预约已达10个，请明天再预约" },
  report: { limit: 10, owner: reports.userId, createdAt: reports.createdAt, message: "今天提交的诉求已达10条，请明天再提交" },
  teamApplication: { limit: 10, owner: teamApplications.userId, createdAt: teamApplications.createdAt, message: "今天提交的入队申请已达10份，请明天再申请" },
  deliberationComment: { limit: 20, owner: deliberationComments.userId, createdAt: deliberationComments.createdAt, message: "今天发表的议事意见已达20条，请明天再发表" },
  suggestion: { limit: 5, owner: suggestions.userId, createdAt: suggestions.createdAt, message: "今天提交的建议已达5条，请明天再提交" },
} satisfies Record<string, Quota>;

export type QuotaName = keyof typeof QUOTAS;

/**
 * Holds while `userId` may create one more `name` at `now`. Put it in the WHERE of the creating
 * statement (insert … select), so parallel requests cannot all see room for one more.
 *
 * @example insertSelect(db, uploads, { key, userId, contentType, bytes, createdAt: now }, sql`where ${withinQuota("upload", resident.id, now)}`)
 */
export function withinQuota(name: QuotaName, userId: string, now: number): SQL {
  const q: Quota = QUOTAS[name];
  const table = sql.identifier(getTableName(q.owner.table));
  return sql`(select count(*) from ${table} where ${table}.${sql.identifier(q.owner.name)} = ${userId}
    and ${table}.${sql.identifier(q.createdAt.name)} > ${now - QUOTA_WINDOW_MS}) < ${q.limit}`;
}

/**
 * A read of `withinQuota` for the same `db.batch` as a guarded insert: when the insert wrote
 * nothing, it tells whether the quota was the reason.
 */
export function readQuota(db: Db, name: QuotaName, userId: string, now: number) {
  return db.select({ within: sql<number>`${withinQuota(name, userId, now)}`.as("within_quota") }).from(sql`(select 1)`);
}

export const quotaExceeded = (name: QuotaName) => new ApiError(429, "RATE_LIMITED", QUOTAS[name].message);
