import { beijingMidnight, shanghaiDate, toShanghaiIso, type ManualHoursBody, type MyHours } from "@renxing/shared";
import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { assertAdmin } from "../auth/roles";
import { residentBatch, signedInUserId, type Bearer } from "../auth/session-batch";
import type { Db } from "../db/client";
import { insertSelect } from "../db/insert-select";
import { serviceHours, users } from "../db/schema";
import type { Principal } from "../env";
import { notFound, validationFailed } from "../http/errors";
import { volunteerName } from "./names";
import { auditInsertWhen, staffActor } from "./audit";
import { newId } from "../lib/ids";
import { csvCell } from "../lib/csv";

/** What the contract credits for each kind of service. */
export const WISH_CREDIT_MINUTES = 60;
export const RIDE_CREDIT_MINUTES = 120;

/** A resident's total service minutes, as a query to put in a batch. */
export function totalMinutesQuery(db: Db, userId: string | SQL) {
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
  return insertSelect(
    db,
    serviceHours,
    {
      id: newId("hrs"),
      userId: sql`claimer_user_id`,
      source: "wish",
      sourceId: sql`id`,
      minutes: WISH_CREDIT_MINUTES,
      title: sql`'微心愿：' || title`,
      at: completedAt,
      createdAt: completedAt,
    },
    sql`
      from wishes
      where id = ${wishId} and status = 'completed' and completed_at = ${completedAt}
        and claimer_kind = 'volunteer' and claimer_user_id is not null`,
  ).onConflictDoNothing();
}

/** Credits the driver of a ride completed at `completedAt`, once per ride (see creditWishClaimer). */
export function creditRideDriver(db: Db, rideId: string, completedAt: number) {
  return insertSelect(
    db,
    serviceHours,
    {
      id: newId("hrs"),
      userId: sql`driver_user_id`,
      source: "ride",
      sourceId: sql`id`,
      minutes: RIDE_CREDIT_MINUTES,
      title: sql`'爱心送考：' || exam_date`,
      at: completedAt,
      createdAt: completedAt,
    },
    sql`
      from rides
      where id = ${rideId} and status = 'completed' and completed_at = ${completedAt} and driver_user_id is not null`,
  ).onConflictDoNothing();
}

/**
 * Credits every checked-out task sign-up matching `which` (over alias `s`) with its
 * `credited_minutes`, once per sign-up, in the same batch as the check-out.
 */
export function creditTaskSignups(db: Db, which: SQL, at: number) {
  return insertSelect(
    db,
    serviceHours,
    {
      // Made in SQL: one statement credits many sign-ups.
      id: sql`'hrs_' || lower(hex(randomblob(10)))`,
      userId: sql`s.user_id`,
      source: "task",
      sourceId: sql`s.id`,
      minutes: sql`s.credited_minutes`,
      title: sql`'志愿任务：' || t.title`,
      at: sql`s.checked_in_at`,
      createdAt: at,
    },
    sql`
      from task_signups s join tasks t on t.id = s.task_id
      where s.status = 'checked_out' and s.credited_minutes > 0 and ${which}`,
  ).onConflictDoNothing();
}

/** `/me/hours`: the total and every record, newest first, in one round trip with the session check. */
export async function myHours(db: Db, bearer: Bearer): Promise<MyHours> {
  const userId = signedInUserId(bearer);
  const [, [total, records]] = await residentBatch(db, bearer, [
    totalMinutesQuery(db, userId),
    db
      .select({ source: serviceHours.source, minutes: serviceHours.minutes, title: serviceHours.title, at: serviceHours.at })
      .from(serviceHours)
      .where(eq(serviceHours.userId, userId))
      .orderBy(desc(serviceHours.at))
      .limit(500),
  ]);
  return { totalMinutes: total[0]?.totalMinutes ?? 0, records: records.map((r) => ({ ...r, at: toShanghaiIso(r.at) })) };
}

/** An admin records hours by hand (backfill, offline service); audited in the same batch. */
export async function addManualHours(db: Db, actor: Principal, body: ManualHoursBody, now = Date.now()) {
  assertAdmin(actor);
  const id = newId("hrs");
  const [inserted] = await db.batch([
    insertSelect(
      db,
      serviceHours,
      { id, userId: sql`u.id`, source: "manual", minutes: body.minutes, title: body.title, at: Date.parse(body.at), createdBy: actor.id, createdAt: now },
      sql`from users u where u.id = ${body.userId}`,
    ).returning({ id: serviceHours.id }),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "hours.manual", target: { kind: "user", id: body.userId }, outcome: "ok", detail: { minutes: body.minutes, title: body.title } },
      sql`exists (select 1 from service_hours where id = ${id})`,
      now,
    ),
  ]);
  if (inserted.length === 0) throw notFound("找不到这位居民");
  return { id, userId: body.userId, source: "manual" as const, minutes: body.minutes, title: body.title, at: toShanghaiIso(Date.parse(body.at)) };
}

const DAY_MS = 24 * 3600_000;

/** A `from`/`to` date range (inclusive, Asia/Shanghai) as epoch bounds; default the last 365 days. */
export function hoursRange(query: { from?: string; to?: string }, now = Date.now()) {
  const to = query.to ?? shanghaiDate(now);
  const from = query.from ?? shanghaiDate(beijingMidnight(to) - 364 * DAY_MS);
  const start = beijingMidnight(from);
  const end = beijingMidnight(to) + DAY_MS;
  if (start >= end) throw validationFailed([{ field: "from", message: "开始日期不能晚于结束日期" }]);
  return { from, to, start, end };
}

/** Ledger rows in a range with the volunteer's name and teams, for the CSV and the totals. */
function ledgerRows(db: Db, start: number, end: number) {
  return db
    .select({
      userId: serviceHours.userId,
      volunteer: volunteerName(users).as("volunteer"),
      team: sql<string>`coalesce((select group_concat(t.name, '、') from team_members m join teams t on t.id = m.team_id where m.user_id = ${serviceHours.userId} and m.status = 'active'), '')`.as("team"),
      source: serviceHours.source,
      title: serviceHours.title,
      at: serviceHours.at,
      minutes: serviceHours.minutes,
    })
    .from(serviceHours)
    .innerJoin(users, eq(users.id, serviceHours.userId))
    .where(and(gte(serviceHours.at, start), lt(serviceHours.at, end)))
    .orderBy(asc(serviceHours.at));
}

/**
 * The office export: UTF-8 with a BOM (so Excel reads the Chinese), CRLF lines, the columns of
 * api.md. Admins only.
 */
export async function hoursCsv(db: Db, actor: Principal, query: { from?: string; to?: string }, now = Date.now()) {
  assertAdmin(actor);
  const range = hoursRange(query, now);
  const rows = await ledgerRows(db, range.start, range.end);
  const lines = [["volunteer", "team", "source", "title", "date", "minutes"].join(",")];
  for (const r of rows) lines.push([r.volunteer, r.team, r.source, r.title, shanghaiDate(r.at), r.minutes].map(csvCell).join(","));
  return { filename: `service-hours_${range.from}_${range.to}.csv`, body: `\uFEFF${lines.join("\r\n")}\r\n` };
}

/** Totals per volunteer and per month for the console (one query, summed here). Admins only. */
export async function hoursSummary(db: Db, actor: Principal, query: { from?: string; to?: string }, now = Date.now()) {
  assertAdmin(actor);
  const range = hoursRange(query, now);
  const rows = await ledgerRows(db, range.start, range.end);
  const perVolunteer = new Map<string, { userId: string; volunteer: string; team: string; minutes: number; records: number }>();
  const perMonth = new Map<string, number>();
  for (const r of rows) {
    const v = perVolunteer.get(r.userId) ?? { userId: r.userId, volunteer: r.volunteer, team: r.team, minutes: 0, records: 0 };
    v.minutes += r.minutes;
    v.records += 1;
    perVolunteer.set(r.userId, v);
    const month = shanghaiDate(r.at).slice(0, 7);
    perMonth.set(month, (perMonth.get(month) ?? 0) + r.minutes);
  }
  return {
    ...range,
    totalMinutes: rows.reduce((sum, r) => sum + r.minutes, 0),
    volunteers: [...perVolunteer.values()].sort((a, b) => b.minutes - a.minutes),
    months: [...perMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, minutes]) => ({ month, minutes })),
  };
}
