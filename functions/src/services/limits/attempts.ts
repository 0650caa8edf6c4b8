import { and, eq, gte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { rateLimits } from "../../db/schema";
import { ApiError } from "../../http/errors";

/**
 * A limit on failed attempts: `max` failures within `windowMs` of the first one lock the subject
 * out of the scope until that window has passed. Counted in D1 `rate_limits`, one row per
 * (scope, subject), so every Worker instance sees the same count.
 */
export interface AttemptLimit {
  max: number;
  windowMs: number;
  /** What the locked-out person is told; `minutes` is how long until they may try again. */
  message: (minutes: number) => string;
}

/** Enough for a volunteer who mistypes the organiser's code; far too few to walk 10⁶ codes. */
export const CHECK_IN_ATTEMPTS: AttemptLimit = {
  max: 5,
  windowMs: 10 * 60_000,
  message: (minutes) => `签到码错误次数过多，请${minutes}分钟后再试`,
};

/** The daily sweep deletes windows older than this; no attempt limit has a longer window. */
export const ATTEMPT_WINDOW_KEEP_MS = 24 * 3600_000;

const ours = (scope: string, subject: string) => and(eq(rateLimits.scope, scope), eq(rateLimits.subject, subject));
const windowOpenAt = (limit: AttemptLimit, now: number) => gte(rateLimits.windowStartedAt, now - limit.windowMs + 1);

/**
 * Holds while `subject` is not locked out of `scope` at `now`. Put it in the WHERE of the guarded
 * statement the attempt would change, in the same batch as `recordFailedAttempt`, so parallel
 * attempts see each other's failures.
 *
 * @example db.update(taskSignups).set(…).where(and(codeMatches, notLockedOut(CHECK_IN_ATTEMPTS, `check_in:${taskId}`, userId, now)))
 */
export function notLockedOut(limit: AttemptLimit, scope: string, subject: string, now: number): SQL {
  return sql`not exists (select 1 from ${rateLimits} where ${ours(scope, subject)} and ${rateLimits.count} >= ${limit.max} and ${windowOpenAt(limit, now)})`;
}

/**
 * Counts one failed attempt when `failed` holds, in one guarded upsert: a passed window starts
 * again at 1, and a full window takes no more. Returns a row only when this failure was counted;
 * none means the subject was already locked out (or `failed` did not hold).
 */
export function recordFailedAttempt(db: Db, limit: AttemptLimit, scope: string, subject: string, failed: SQL, now: number) {
  const passed = sql`${rateLimits.windowStartedAt} <= ${now - limit.windowMs}`;
  // SQLite needs a WHERE in an insert … select before ON CONFLICT, and here it is the guard.
  return insertSelect(db, rateLimits, { scope, subject, windowStartedAt: now, count: 1 }, sql`where ${failed}`)
    .onConflictDoUpdate({
      target: [rateLimits.scope, rateLimits.subject],
      set: {
        windowStartedAt: sql`case when ${passed} then excluded.window_started_at else ${rateLimits.windowStartedAt} end`,
        count: sql`case when ${passed} then 1 else ${rateLimits.count} + 1 end`,
      },
      setWhere: sql`${passed} or ${rateLimits.count} < ${limit.max}`,
    })
    .returning({ count: rateLimits.count });
}

/** The open lock-out of `subject`, if any, as a read for the same batch: when its window began. */
export function readLockOut(db: Db, limit: AttemptLimit, scope: string, subject: string, now: number) {
  return db
    .select({ windowStartedAt: rateLimits.windowStartedAt })
    .from(rateLimits)
    .where(and(ours(scope, subject), gte(rateLimits.count, limit.max), windowOpenAt(limit, now)));
}

/** 429 `RATE_LIMITED`, telling the person in whole minutes when they may try again. */
export function lockedOut(limit: AttemptLimit, windowStartedAt: number, now: number) {
  const minutes = Math.max(1, Math.ceil((windowStartedAt + limit.windowMs - now) / 60_000));
  return new ApiError(429, "RATE_LIMITED", limit.message(minutes));
}
