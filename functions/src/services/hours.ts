import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { serviceHours } from "../db/schema";
import { newId } from "../lib/ids";

/** What the contract credits for each kind of service. */
export const WISH_CREDIT_MINUTES = 60;
export const RIDE_CREDIT_MINUTES = 120;

/** A resident's total service minutes, as a query to put in a batch. */
export function totalMinutesQuery(db: Db, userId: string) {
  return db
    .select({ totalMinutes: sql<number>`coalesce(sum(${serviceHours.minutes}), 0)` })
    .from(serviceHours)
    .where(eq(serviceHours.userId, userId));
}

/**
 * Credits the volunteer who claimed a wish, in the same batch as the transition to `completed`:
 * written only when that transition (this `completedAt`) landed, and at most once per wish
 * (unique source + source_id), however often the confirmation is repeated.
 */
export function creditWishClaimer(db: Db, wishId: string, completedAt: number) {
  // insert … select: columns in the table's order (drizzle inserts every column of the table).
  return db
    .insert(serviceHours)
    .select(sql`
      select ${newId("hrs")}, claimer_user_id, 'wish', id, ${WISH_CREDIT_MINUTES}, '微心愿：' || title, ${completedAt}, null, ${completedAt}
      from wishes
      where id = ${wishId} and status = 'completed' and completed_at = ${completedAt}
        and claimer_kind = 'volunteer' and claimer_user_id is not null`)
    .onConflictDoNothing();
}

/** Credits the driver of a ride completed at `completedAt`, once per ride (see creditWishClaimer). */
export function creditRideDriver(db: Db, rideId: string, completedAt: number) {
  // insert … select: columns in the table's order (drizzle inserts every column of the table).
  return db
    .insert(serviceHours)
    .select(sql`
      select ${newId("hrs")}, driver_user_id, 'ride', id, ${RIDE_CREDIT_MINUTES}, '爱心送考：' || exam_date, ${completedAt}, null, ${completedAt}
      from rides
      where id = ${rideId} and status = 'completed' and completed_at = ${completedAt} and driver_user_id is not null`)
    .onConflictDoNothing();
}
