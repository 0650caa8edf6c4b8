import {
  ACTIVE_RIDE_STATUSES,
  shanghaiDate,
  toShanghaiIso,
  type DriverProfile,
  type DriverProfileBody,
  type DriverStatus,
  type ExamSession,
  type ExamSessionBody,
  type OpenRide,
  type Page,
  type Ride,
  type RideBookingBody,
  type RideProgressBody,
  type RideStatus,
} from "@renxing/shared";
import { and, asc, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { assertAdmin } from "../auth/roles";
import { residentBatch, signedInBatch, signedInUserId, type Bearer } from "../auth/session-batch";
import { chunkedInsert } from "../db/chunked";
import type { Db } from "../db/client";
import { insertSelect } from "../db/insert-select";
import { driverProfiles, examSessions, examVenues, grids, notifications, notificationSends, rides, users } from "../db/schema";
import type { Principal, ResidentPrincipal } from "../env";
import { ApiError, forbidden, notFound } from "../http/errors";
import { decodeCursor, olderThan, toPage } from "../lib/cursor";
import { newId } from "../lib/ids";
import { volunteerName } from "./names";
import { auditInsertWhen, staffActor } from "./audit";
import { creditRideDriver } from "./hours";
import { driverInGoodStanding, releaseAssignedRides } from "./driver-standing";
import { quotaExceeded, readQuota, withinQuota } from "./limits/quotas";
import { aboutRide, RIDE_KINDS, rideAssigned, rideProgress } from "./notifications/messages";
import { notify } from "./notifications/notify";

/** Two rides of one driver must have pickups at least this far apart. */
export const SCHEDULE_GAP_MS = 2 * 60 * 60 * 1000;
export const RETENTION_DAYS = 30;

const active = sql.join(ACTIVE_RIDE_STATUSES.map((s) => sql`${s}`), sql`, `);
const missingRide = () => notFound("找不到这个预约");

// ---------------------------------------------------------------- exam sessions

function toSession(s: typeof examSessions.$inferSelect, venues: (typeof examVenues.$inferSelect)[]): ExamSession {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    examDates: JSON.parse(s.examDates) as string[],
    bookingOpensAt: toShanghaiIso(s.bookingOpensAt),
    bookingClosesAt: toShanghaiIso(s.bookingClosesAt),
    venues: venues.filter((v) => v.sessionId === s.id).map((v) => ({ id: v.id, name: v.name, address: v.address })),
  };
}

/** Sessions whose last exam date is today or later, soonest first, with venues: one round trip. */
export async function listExamSessions(db: Db, now = Date.now()): Promise<ExamSession[]> {
  const today = shanghaiDate(now);
  const [sessions, venues] = await db.batch([
    db.select().from(examSessions).where(gte(examSessions.lastExamDate, today)).orderBy(sql`json_extract(${examSessions.examDates}, '$[0]')`),
    db
      .select({ id: examVenues.id, sessionId: examVenues.sessionId, name: examVenues.name, address: examVenues.address, sortOrder: examVenues.sortOrder })
      .from(examVenues)
      .innerJoin(examSessions, eq(examSessions.id, examVenues.sessionId))
      .where(gte(examSessions.lastExamDate, today))
      .orderBy(asc(examVenues.sortOrder)),
  ]);
  return sessions.map((s) => toSession(s, venues));
}

/**
 * An admin opens an exam session with its dates, booking window and venues, in one batch; the
 * venues are chunked (30 of them pass D1's 100-parameter limit) and the audit entry is written
 * only if the session really is.
 */
export async function createExamSession(db: Db, actor: Principal, body: ExamSessionBody, now = Date.now()): Promise<ExamSession> {
  assertAdmin(actor);
  const id = newId("exs");
  const dates = [...new Set(body.examDates)].sort();
  const session = {
    id,
    name: body.name,
    kind: body.kind,
    examDates: JSON.stringify(dates),
    lastExamDate: dates[dates.length - 1]!,
    bookingOpensAt: Date.parse(body.bookingOpensAt),
    bookingClosesAt: Date.parse(body.bookingClosesAt),
    erasedAt: null,
    createdBy: actor.id,
    createdAt: now,
  };
  const venues = body.venues.map((v, i) => ({ id: newId("ven"), sessionId: id, name: v.name, address: v.address, sortOrder: i + 1 }));
  await db.batch([
    db.insert(examSessions).values(session),
    ...chunkedInsert(db, examVenues, venues),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "exam_session.create", target: { kind: "exam_session", id }, outcome: "ok", detail: { name: body.name } },
      sql`exists (select 1 from exam_sessions where id = ${id})`,
      now,
    ),
  ]);
  return toSession(session, venues);
}

// ---------------------------------------------------------------- ride views

const driverUser = alias(users, "driver_user");

/** A ride with the names it is shown with; joined columns aliased (see the note in teams.ts). */
function rideQuery(db: Db) {
  return db
    .select({
      ride: rides,
      venueName: sql<string>`${examVenues.name}`.as("venue_name"),
      sessionName: sql<string>`${examSessions.name}`.as("session_name"),
      gridName: sql<string | null>`${grids.name}`.as("grid_name"),
      driverName: volunteerName(driverUser).as("driver_name"),
      driverPhone: sql<string | null>`${driverUser.phone}`.as("driver_phone"),
      driverPlate: sql<string | null>`${driverProfiles.plateNumber}`.as("driver_plate"),
    })
    .from(rides)
    .innerJoin(examVenues, eq(examVenues.id, rides.venueId))
    .innerJoin(examSessions, eq(examSessions.id, rides.sessionId))
    .leftJoin(grids, eq(grids.id, rides.gridId))
    .leftJoin(driverUser, eq(driverUser.id, rides.driverUserId))
    .leftJoin(driverProfiles, eq(driverProfiles.userId, rides.driverUserId));
}

type RideRow = Awaited<ReturnType<ReturnType<typeof rideQuery>["all"]>>[number];

function toOpenRide(r: RideRow): OpenRide {
  return {
    id: r.ride.id,
    examDate: r.ride.examDate,
    pickupAt: toShanghaiIso(r.ride.pickupAt),
    venue: { id: r.ride.venueId, name: r.venueName },
    passengers: r.ride.passengers,
    gridName: r.gridName,
  };
}

function toRide(r: RideRow): Ride {
  const x = r.ride;
  const steps: [RideStatus, number | null][] = [
    ["requested", x.createdAt],
    ["assigned", x.assignedAt],
    ["picked_up", x.pickedUpAt],
    ["arrived", x.arrivedAt],
    ["completed", x.completedAt],
    ["cancelled", x.cancelledAt],
  ];
  return {
    ...toOpenRide(r),
    sessionId: x.sessionId,
    sessionName: r.sessionName,
    status: x.status,
    pickupAddress: x.pickupAddress,
    studentName: x.studentName,
    guardianName: x.guardianName,
    guardianPhone: x.guardianPhone,
    notes: x.notes,
    driver: x.driverUserId ? { userId: x.driverUserId, name: r.driverName ?? "", phone: r.driverPhone, plateNumber: r.driverPlate ?? "" } : null,
    timeline: steps.filter(([, at]) => at !== null).map(([status, at]) => ({ status, at: toShanghaiIso(at!) })),
    createdAt: toShanghaiIso(x.createdAt),
  };
}

/**
 * Address, phone and names reach only the booker, admins (grid workers have no part in rides),
 * and the ride's driver while it is theirs to drive: never once cancelled, and without good
 * standing (see driver-standing.ts) only a trip already under way.
 */
function canSeeRide(r: RideRow, viewer: Principal, driverInStanding: boolean): boolean {
  if (viewer.kind === "staff") return viewer.role === "admin";
  if (r.ride.bookerUserId === viewer.id) return true;
  if (r.ride.driverUserId !== viewer.id) return false;
  return r.ride.status === "picked_up" || r.ride.status === "arrived" || (driverInStanding && r.ride.status !== "cancelled");
}

/** The viewer's standing as a driver, read in the same batch as the ride. */
const standingQuery = (db: Db, userId: string | SQL) => db.select({ ok: sql<number>`${driverInGoodStanding(userId)}`.as("ok") }).from(sql`(select 1)`);

// ---------------------------------------------------------------- families

/**
 * A family books a ride, in one round trip. The insert itself checks that the venue belongs to
 * the session, the booking window is open, the date is one of the session's exam dates and the
 * family is within its daily quota; the partial unique index refuses a second active booking for
 * the same student, session and date.
 */
export async function bookRide(db: Db, resident: ResidentPrincipal, body: RideBookingBody, now = Date.now()) {
  const id = newId("rid");
  const [inserted, quota, sessionRows, duplicateRows] = await db.batch([
    insertSelect(
      db,
      rides,
      {
        id,
        sessionId: sql`s.id`,
        venueId: sql`v.id`,
        examDate: body.examDate,
        pickupAt: Date.parse(body.pickupAt),
        pickupAddress: body.pickupAddress,
        studentName: body.studentName,
        guardianName: body.guardianName,
        guardianPhone: body.guardianPhone,
        passengers: body.passengers,
        notes: body.notes ?? null,
        status: "requested",
        bookerUserId: sql`u.id`,
        gridId: sql`u.grid_id`,
        createdAt: now,
        updatedAt: now,
      },
      sql`
        from exam_sessions s
        join exam_venues v on v.session_id = s.id and v.id = ${body.venueId}
        join users u on u.id = ${resident.id}
        where s.id = ${body.sessionId}
          and ${now} between s.booking_opens_at and s.booking_closes_at
          and exists (select 1 from json_each(s.exam_dates) d where d.value = ${body.examDate})
          and ${withinQuota("rideBooking", resident.id, now)}`,
    )
      .onConflictDoNothing()
      .returning({ id: rides.id }),
    readQuota(db, "rideBooking", resident.id, now),
    db
      .select({ id: examSessions.id, venueId: sql<string | null>`${examVenues.id}`.as("venue_id") })
      .from(examSessions)
      .leftJoin(examVenues, and(eq(examVenues.sessionId, examSessions.id), eq(examVenues.id, body.venueId)))
      .where(eq(examSessions.id, body.sessionId)),
    db
      .select({ id: rides.id })
      .from(rides)
      .where(
        and(
          eq(rides.sessionId, body.sessionId),
          eq(rides.examDate, body.examDate),
          eq(rides.bookerUserId, resident.id),
          eq(rides.studentName, body.studentName),
          inArray(rides.status, [...ACTIVE_RIDE_STATUSES]),
        ),
      ),
  ]);
  if (inserted.length === 1) return { id, status: "requested" as const };
  const session = sessionRows[0];
  if (!session) throw notFound("找不到这个考试场次");
  if (!session.venueId) throw new ApiError(400, "VALIDATION_FAILED", "所选考点不属于这个考试场次", [{ field: "venueId", message: "请重新选择考点" }]);
  if (duplicateRows.length > 0) throw new ApiError(409, "DUPLICATE_BOOKING", "这位考生在这一天已经有预约了");
  if (!quota[0]?.within) throw quotaExceeded("rideBooking");
  throw new ApiError(422, "BOOKING_CLOSED", "不在预约时间内，或所选日期不是考试日");
}

/** The family's own bookings, soonest pickup first, with full detail. */
export async function listMyRides(db: Db, bearer: Bearer): Promise<Page<Ride>> {
  const [, [rows]] = await residentBatch(db, bearer, [rideQuery(db).where(eq(rides.bookerUserId, signedInUserId(bearer))).orderBy(desc(rides.pickupAt)).limit(100)]);
  return { items: rows.map(toRide), nextCursor: null };
}

/** One ride, for the booker, its driver or an admin; 404 for everyone else. One round trip with the session check. */
export async function getRide(db: Db, bearer: Bearer, rideId: string): Promise<Ride> {
  // A staff session has no user, so no standing as a driver either.
  const [viewer, [view, standing]] = await signedInBatch(db, bearer, [rideQuery(db).where(eq(rides.id, rideId)), standingQuery(db, signedInUserId(bearer))]);
  const row = view[0];
  if (!row || !canSeeRide(row, viewer, Boolean(standing[0]?.ok))) throw missingRide();
  return toRide(row);
}

/** The booker or an admin cancel a ride nobody has picked up yet; to grid workers no ride exists. */
export async function cancelRide(db: Db, actor: Principal, rideId: string, now = Date.now()): Promise<Ride> {
  const who = actor.kind === "user" ? eq(rides.bookerUserId, actor.id) : actor.role === "admin" ? undefined : sql`0`;
  const [cancelled, , view] = await db.batch([
    db
      .update(rides)
      .set({ status: "cancelled", cancelledAt: now, updatedAt: now })
      .where(and(eq(rides.id, rideId), inArray(rides.status, ["requested", "assigned"]), who))
      .returning({ id: rides.id }),
    auditInsertWhen(
      db,
      { actor: actor.kind === "staff" ? staffActor(actor) : { kind: "user", id: actor.id }, action: "ride.cancel", target: { kind: "ride", id: rideId }, outcome: "ok" },
      sql`exists (select 1 from rides where id = ${rideId} and status = 'cancelled' and cancelled_at = ${now})`,
      now,
    ),
    rideQuery(db).where(eq(rides.id, rideId)),
  ]);
  const row = view[0];
  // A driver is told the ride is not theirs to cancel (403), unless it is already cancelled.
  if (!row || !canSeeRide(row, actor, true)) throw missingRide();
  if (cancelled.length === 0) {
    if (actor.kind === "user" && row.ride.bookerUserId !== actor.id) throw forbidden("只有预约人可以取消");
    throw new ApiError(409, "INVALID_TRANSITION", "司机已接到考生，不能再取消了");
  }
  return toRide(row);
}

// ---------------------------------------------------------------- drivers

function toDriverProfile(p: typeof driverProfiles.$inferSelect, name: string | null, phone: string | null): DriverProfile {
  return {
    userId: p.userId,
    name: name ?? "",
    phone,
    plateNumber: p.plateNumber,
    seats: p.seats,
    licenseYears: p.licenseYears,
    status: p.status,
    reason: p.reason,
    updatedAt: toShanghaiIso(p.updatedAt),
  };
}

/**
 * A volunteer registers (or changes) their car. Any change goes back to `pending` for an admin to
 * verify again. One statement; not being a volunteer is 403.
 */
export async function saveDriverProfile(db: Db, resident: ResidentPrincipal, body: DriverProfileBody, now = Date.now()) {
  const saved = await insertSelect(
    db,
    driverProfiles,
    { userId: resident.id, plateNumber: body.plateNumber, seats: body.seats, licenseYears: body.licenseYears, status: "pending", createdAt: now, updatedAt: now },
    sql`where exists (select 1 from team_members where user_id = ${resident.id} and status = 'active')`,
  )
    .onConflictDoUpdate({
      target: driverProfiles.userId,
      set: { plateNumber: body.plateNumber, seats: body.seats, licenseYears: body.licenseYears, status: "pending", reason: null, decidedBy: null, decidedAt: null, updatedAt: now },
    })
    .returning({ status: driverProfiles.status });
  if (saved.length === 0) throw forbidden("加入志愿队伍后才能登记为爱心司机", "NOT_A_VOLUNTEER");
  return { status: "pending" as const };
}

const notVerified = () => forbidden("通过爱心司机认证后才能接单", "NOT_A_VERIFIED_DRIVER");

/** Rides waiting for a driver, soonest first, for drivers in good standing only: no address, phone or names. */
export async function listOpenRides(db: Db, bearer: Bearer, now = Date.now()): Promise<Page<OpenRide>> {
  const [, [standing, open]] = await residentBatch(db, bearer, [
    standingQuery(db, signedInUserId(bearer)),
    rideQuery(db)
      .where(and(eq(rides.status, "requested"), gte(rides.pickupAt, now)))
      .orderBy(asc(rides.pickupAt))
      .limit(100),
  ]);
  if (!standing[0]?.ok) throw notVerified();
  return { items: open.map(toOpenRide), nextCursor: null };
}

/**
 * The rides this driver has taken, soonest first, with full detail for the day: the same rides
 * `canSeeRide` lets them open, so cancelled ones are left out.
 */
export async function listMyDriverRides(db: Db, bearer: Bearer): Promise<Page<Ride>> {
  const me = signedInUserId(bearer);
  const theirsToDrive = sql`(${rides.status} in ('picked_up', 'arrived') or (${rides.status} <> 'cancelled' and ${driverInGoodStanding(me)}))`;
  const [, [rows]] = await residentBatch(db, bearer, [rideQuery(db).where(and(eq(rides.driverUserId, me), theirsToDrive)).orderBy(asc(rides.pickupAt)).limit(100)]);
  return { items: rows.map(toRide), nextCursor: null };
}

/** The booker, only when `change` shows this very request moved the ride: whom its notification tells. */
const familyWhen = (rideId: string, change: SQL) => sql`(select booker_user_id from rides where id = ${rideId} and ${change})`;

/**
 * Gives a requested ride to a driver, in one round trip: the guarded UPDATE checks the ride is
 * still open, the driver is verified with enough seats, and has no other active ride with a pickup
 * within 2 hours. Used by a driver accepting and by an admin assigning; reads in the same batch
 * explain a refusal. Of parallel accepts, exactly one wins.
 */
async function giveRide(db: Db, rideId: string, driverUserId: string, by: Principal, now: number): Promise<Ride> {
  const conflict = sql`exists (
    select 1 from rides o
    where o.driver_user_id = ${driverUserId} and o.status in (${active}) and o.id <> ${rideId}
      and abs(o.pickup_at - (select pickup_at from rides where id = ${rideId})) < ${SCHEDULE_GAP_MS})`;
  const [given, , profile, standing, clash, view] = await db.batch([
    db
      .update(rides)
      .set({ status: "assigned", driverUserId, assignedAt: now, updatedAt: now })
      .where(
        and(
          eq(rides.id, rideId),
          eq(rides.status, "requested"),
          sql`exists (select 1 from driver_profiles p where p.user_id = ${driverUserId} and p.status = 'verified' and p.seats >= ${rides.passengers})`,
          driverInGoodStanding(driverUserId),
          sql`not ${conflict}`,
        ),
      )
      .returning({ id: rides.id }),
    auditInsertWhen(
      db,
      {
        actor: by.kind === "staff" ? staffActor(by) : { kind: "user", id: by.id },
        action: by.kind === "staff" ? "ride.assign" : "ride.accept",
        target: { kind: "ride", id: rideId },
        outcome: "ok",
        detail: { driverUserId },
      },
      sql`exists (select 1 from rides where id = ${rideId} and driver_user_id = ${driverUserId} and assigned_at = ${now})`,
      now,
    ),
    db.select({ status: driverProfiles.status, seats: driverProfiles.seats }).from(driverProfiles).where(eq(driverProfiles.userId, driverUserId)),
    standingQuery(db, driverUserId),
    db.select({ clash: sql<number>`${conflict}`.as("clash") }).from(sql`(select 1)`),
    rideQuery(db).where(eq(rides.id, rideId)),
    ...notify(db, rideAssigned(rideId, familyWhen(rideId, sql`status = 'assigned' and driver_user_id = ${driverUserId} and assigned_at = ${now}`), driverUserId, now), now),
  ]);
  const row = view[0];
  if (!row) throw missingRide();
  if (given.length === 1) return toRide(row);
  const byAdmin = by.kind === "staff";
  if (profile[0]?.status !== "verified") {
    if (byAdmin) throw new ApiError(422, "NOT_A_VERIFIED_DRIVER", "这位司机还没有通过认证");
    throw notVerified();
  }
  if (!standing[0]?.ok) {
    if (byAdmin) throw new ApiError(422, "NOT_A_VERIFIED_DRIVER", "这位司机已不在任何志愿队伍中，不能派单");
    throw forbidden("加入志愿队伍后才能接单", "NOT_A_VERIFIED_DRIVER");
  }
  if (row.ride.status !== "requested" || (row.ride.driverUserId && row.ride.driverUserId !== driverUserId)) {
    throw new ApiError(409, "RIDE_NOT_OPEN", "这个预约已被其他司机接单或已取消");
  }
  if (profile[0].seats < row.ride.passengers) throw new ApiError(422, "NOT_ENOUGH_SEATS", `这单有${row.ride.passengers}位乘客，车上座位不够`);
  if (clash[0]?.clash) throw new ApiError(409, "DRIVER_SCHEDULE_CONFLICT", "与已接的另一单接送时间相隔不到2小时");
  throw new ApiError(409, "RIDE_NOT_OPEN", "这个预约暂时不能接单");
}

export function acceptRide(db: Db, resident: ResidentPrincipal, rideId: string, now = Date.now()) {
  return giveRide(db, rideId, resident.id, resident, now);
}

export function assignRide(db: Db, actor: Principal, rideId: string, driverUserId: string, now = Date.now()) {
  assertAdmin(actor);
  return giveRide(db, rideId, driverUserId, actor, now);
}

const NEXT: Record<RideProgressBody["status"], { from: RideStatus; column: SQL; set: (now: number) => Partial<typeof rides.$inferInsert> }> = {
  picked_up: { from: "assigned", column: sql`picked_up_at`, set: (now) => ({ pickedUpAt: now }) },
  arrived: { from: "picked_up", column: sql`arrived_at`, set: (now) => ({ arrivedAt: now }) },
  completed: { from: "arrived", column: sql`completed_at`, set: (now) => ({ completedAt: now }) },
};

/**
 * The assigned driver reports progress, strictly in order (picked up → arrived → completed).
 * Completing credits the driver 120 minutes in the same batch, once.
 */
export async function progressRide(db: Db, resident: ResidentPrincipal, rideId: string, body: RideProgressBody, now = Date.now()): Promise<Ride> {
  const step = NEXT[body.status];
  const [moved, ...rest] = await db.batch([
    db
      .update(rides)
      .set({ status: body.status, ...step.set(now), updatedAt: now })
      // Setting off with a child needs good standing; finishing a trip under way does not.
      .where(and(eq(rides.id, rideId), eq(rides.status, step.from), eq(rides.driverUserId, resident.id), body.status === "picked_up" ? driverInGoodStanding(resident.id) : undefined))
      .returning({ id: rides.id }),
    creditRideDriver(db, rideId, now),
    ...notify(db, rideProgress(rideId, familyWhen(rideId, sql`status = ${body.status} and driver_user_id = ${resident.id} and ${step.column} = ${now}`), body.status, now), now),
    standingQuery(db, resident.id),
    rideQuery(db).where(eq(rides.id, rideId)),
  ]);
  const standing = rest[rest.length - 2] as { ok: number }[];
  const view = rest[rest.length - 1] as RideRow[];
  const row = view[0];
  if (!row) throw missingRide();
  // The guarded update proved this is their trip: a driver may finish one already under way.
  if (moved.length === 1) return toRide(row);
  if (!canSeeRide(row, resident, Boolean(standing[0]?.ok))) throw missingRide();
  if (row.ride.driverUserId !== resident.id) throw forbidden("只有接单司机可以更新进度");
  throw new ApiError(409, "INVALID_TRANSITION", "请按顺序更新进度：已接到考生 → 已送达考点 → 完成");
}

// ---------------------------------------------------------------- staff

export async function listRidesForAdmin(db: Db, actor: Principal, query: { status?: RideStatus; examDate?: string; limit: number; cursor?: string }): Promise<Page<Ride>> {
  assertAdmin(actor);
  const rows = await rideQuery(db)
    .where(
      and(
        query.status ? eq(rides.status, query.status) : undefined,
        query.examDate ? eq(rides.examDate, query.examDate) : undefined,
        olderThan(rides.createdAt, rides.id, decodeCursor(query.cursor)),
      ),
    )
    .orderBy(desc(rides.createdAt), desc(rides.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => ({ at: r.ride.createdAt, id: r.ride.id }));
  return { items: page.items.map(toRide), nextCursor: page.nextCursor };
}

export async function listDrivers(db: Db, actor: Principal, query: { status?: DriverStatus; limit: number; cursor?: string }): Promise<Page<DriverProfile>> {
  assertAdmin(actor);
  const rows = await db
    .select({ profile: driverProfiles, name: volunteerName(users).as("driver_name"), phone: users.phone })
    .from(driverProfiles)
    .innerJoin(users, eq(users.id, driverProfiles.userId))
    .where(and(query.status ? eq(driverProfiles.status, query.status) : undefined, olderThan(driverProfiles.updatedAt, driverProfiles.userId, decodeCursor(query.cursor))))
    .orderBy(desc(driverProfiles.updatedAt), desc(driverProfiles.userId))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => ({ at: r.profile.updatedAt, id: r.profile.userId }));
  return { items: page.items.map((r) => toDriverProfile(r.profile, r.name, r.phone)), nextCursor: page.nextCursor };
}

/**
 * An admin decides on a driver: a pending registration is verified or rejected; refusing a
 * verified driver revokes them (a reason is required for both refusals). Revoking hands their
 * rides not yet picked up back to the queue in the same batch. Every change is audited only if
 * it landed; deciding a rejected or revoked profile again is 409.
 */
export async function verifyDriver(db: Db, actor: Principal, userId: string, decision: { approve: boolean; reason?: string }, now = Date.now()): Promise<DriverProfile> {
  assertAdmin(actor);
  const reason = decision.reason || null;
  const decidedNow = (status: DriverStatus) =>
    sql`exists (select 1 from driver_profiles where user_id = ${userId} and status = ${status} and decided_by = ${actor.id} and decided_at = ${now} and reason is ${reason})`;
  const audit = (action: string, status: DriverStatus) =>
    auditInsertWhen(db, { actor: staffActor(actor), action, target: { kind: "user", id: userId }, outcome: "ok", ...(reason ? { detail: { reason } } : {}) }, decidedNow(status), now);
  const [decided, ...rest] = await db.batch([
    db
      .update(driverProfiles)
      .set({ status: decision.approve ? "verified" : sql`case when ${driverProfiles.status} = 'verified' then 'revoked' else 'rejected' end`, reason, decidedBy: actor.id, decidedAt: now, updatedAt: now })
      .where(and(eq(driverProfiles.userId, userId), inArray(driverProfiles.status, decision.approve ? ["pending"] : ["pending", "verified"])))
      .returning({ userId: driverProfiles.userId }),
    ...(decision.approve
      ? [audit("driver.verify", "verified")]
      : [audit("driver.reject", "rejected"), audit("driver.revoke", "revoked"), ...releaseAssignedRides(db, userId, staffActor(actor), decidedNow("revoked"), now)]),
    db
      .select({ profile: driverProfiles, name: volunteerName(users).as("driver_name"), phone: users.phone })
      .from(driverProfiles)
      .innerJoin(users, eq(users.id, driverProfiles.userId))
      .where(eq(driverProfiles.userId, userId)),
  ]);
  const view = rest[rest.length - 1] as { profile: typeof driverProfiles.$inferSelect; name: string | null; phone: string | null }[];
  const row = view[0];
  if (!row) throw notFound("找不到这位司机的登记");
  if (decided.length === 0) throw new ApiError(409, "INVALID_TRANSITION", "这份司机登记已经审核过了");
  return toDriverProfile(row.profile, row.name, row.phone);
}

// ---------------------------------------------------------------- retention

/**
 * Erases pickup address, guardian phone, names and notes from the rides of every session whose
 * last exam was 30 or more days ago, and the notifications about those rides, keeping the
 * anonymous rest (dates, venues, statuses, passengers) for counts. Runs from the Worker's cron
 * trigger; safe to run again.
 */
export async function eraseExpiredRideData(db: Db, now = Date.now()) {
  const cutoff = shanghaiDate(now - RETENTION_DAYS * 24 * 3600_000);
  const due = sql`select id from exam_sessions where last_exam_date <= ${cutoff} and erased_at is null`;
  const kinds = sql.join(RIDE_KINDS.map((k) => sql`${k}`), sql`, `);
  const rideNotices = sql`select n.id from notifications n join rides r on r.session_id in (${due})
    where n.kind in (${kinds}) and ${aboutRide(sql`n.event_key`, sql`n.kind`, sql`r.id`)}`;
  const [erased] = await db.batch([
    db
      .update(rides)
      .set({ pickupAddress: null, studentName: null, guardianName: null, guardianPhone: null, notes: null, erasedAt: now })
      .where(and(sql`${rides.sessionId} in (${due})`, sql`${rides.erasedAt} is null`))
      .returning({ id: rides.id }),
    // Their notifications go too: the driver's phone, the student's exam. Sends first (they point at them).
    db.delete(notificationSends).where(sql`${notificationSends.notificationId} in (${rideNotices})`),
    db.delete(notifications).where(sql`${notifications.id} in (${rideNotices})`),
    db.update(examSessions).set({ erasedAt: now }).where(sql`${examSessions.id} in (${due})`),
    auditInsertWhen(db, { actor: { kind: "system", label: "retention" }, action: "ride.erase_personal_data", outcome: "ok" }, sql`exists (select 1 from exam_sessions where erased_at = ${now})`, now),
  ]);
  return { ridesErased: erased.length };
}
