import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { driverProfiles, rides } from "../db/schema";
import { auditInsertEach, auditInsertWhen, type AuditEntry } from "./audit";

/**
 * Driving exam-day rides is volunteering: a driver may be given a ride, list open rides or read
 * a ride's address only while their profile is `verified` AND they belong to a team right now.
 * This is the SQL form, for the guarded statements and the reads in the same batch.
 *
 * @example db.update(rides).set({ driverUserId }).where(and(eq(rides.id, rideId), driverInGoodStanding(driverUserId)))
 */
export function driverInGoodStanding(userId: string | SQL): SQL {
  return sql`exists (
    select 1 from driver_profiles p
    where p.user_id = ${userId} and p.status = 'verified'
      and exists (select 1 from team_members m where m.user_id = p.user_id and m.status = 'active'))`;
}

/** The reason a driver reads when their profile ended because they left their last team. */
export const LEFT_LAST_TEAM = "已退出志愿队伍";

/**
 * Statements for the caller's batch that hand a driver's rides not yet picked up back to the
 * families' queue (`requested`, no driver) when `condition` holds as they run, with one
 * `ride.release` audit entry per ride. A child already in the car stays with its driver.
 */
export function releaseAssignedRides(db: Db, driverUserId: string, actor: AuditEntry["actor"], condition: SQL, now: number) {
  const theirs = sql`driver_user_id = ${driverUserId} and status = 'assigned' and ${condition}`;
  return [
    // Before the update: afterwards the rides no longer name the driver.
    auditInsertEach(db, { actor, action: "ride.release", outcome: "ok", detail: { driverUserId } }, "ride", sql`select id from rides where ${theirs}`, now),
    db.update(rides).set({ status: "requested", driverUserId: null, assignedAt: null, updatedAt: now }).where(theirs),
  ] as const;
}

/**
 * Statements for `leaveTeam`'s batch: when `leftNow` (the membership just ended) left the
 * resident in no team, their driver registration is revoked with the reason 已退出志愿队伍,
 * audited, and their rides not yet picked up go back to the queue. They may register again
 * after joining a team.
 */
export function endDrivingWithLastTeam(db: Db, userId: string, leftNow: SQL, now: number) {
  const inNoTeam = sql`not exists (select 1 from team_members where user_id = ${userId} and status = 'active')`;
  const revokedNow = sql`exists (select 1 from driver_profiles where user_id = ${userId} and status = 'revoked' and reason = ${LEFT_LAST_TEAM} and decided_at = ${now})`;
  const actor = { kind: "user" as const, id: userId };
  return [
    db
      .update(driverProfiles)
      .set({ status: "revoked", reason: LEFT_LAST_TEAM, decidedBy: null, decidedAt: now, updatedAt: now })
      .where(and(eq(driverProfiles.userId, userId), inArray(driverProfiles.status, ["pending", "verified"]), leftNow, inNoTeam)),
    auditInsertWhen(db, { actor, action: "driver.revoke", target: { kind: "user", id: userId }, outcome: "ok", detail: { reason: LEFT_LAST_TEAM } }, revokedNow, now),
    ...releaseAssignedRides(db, userId, actor, revokedNow, now),
  ] as const;
}
