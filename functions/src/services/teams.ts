import { toShanghaiIso, type AdminApplication, type ApplicationDecisionBody, type ApplicationStatus, type MyApplication, type Page, type Team, type TeamApplicationBody } from "@renxing/shared";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { assertAdmin } from "../auth/roles";
import { residentBatch, signedInUserId, type Bearer } from "../auth/session-batch";
import type { Db } from "../db/client";
import { insertSelect } from "../db/insert-select";
import { teamApplications, teamMembers, teams, users } from "../db/schema";
import type { Principal, ResidentPrincipal } from "../env";
import { ApiError, notFound } from "../http/errors";
import { decodeCursor, olderThan, toPage } from "../lib/cursor";
import { newId } from "../lib/ids";
import { auditInsertWhen, staffActor } from "./audit";
import { applicationDecided } from "./notifications/messages";
import { notify } from "./notifications/notify";
import { endDrivingWithLastTeam } from "./driver-standing";
import { quotaExceeded, readQuota, withinQuota } from "./limits/quotas";

const memberCount = sql<number>`(select count(*) from ${teamMembers} where ${teamMembers.teamId} = ${teams.id} and ${teamMembers.status} = 'active')`;

const teamColumns = {
  id: teams.id,
  name: teams.name,
  slogan: teams.slogan,
  description: teams.description,
  memberCount,
  minBirthYear: teams.minBirthYear,
  maxBirthYear: teams.maxBirthYear,
};

export function listTeams(db: Db): Promise<Team[]> {
  return db.select(teamColumns).from(teams).orderBy(asc(teams.sortOrder));
}

export async function getTeam(db: Db, teamId: string): Promise<Team> {
  const team = await db.select(teamColumns).from(teams).where(eq(teams.id, teamId)).get();
  if (!team) throw notFound("找不到这支队伍");
  return team;
}

/** "1950–1979 年出生", "1986 年及以后出生", or null when anyone may join. */
export function birthYearRule(team: Pick<Team, "minBirthYear" | "maxBirthYear">): string | null {
  const { minBirthYear: min, maxBirthYear: max } = team;
  if (min && max) return `${min}–${max} 年出生`;
  if (min) return `${min} 年及以后出生`;
  if (max) return `${max} 年及以前出生`;
  return null;
}

/**
 * A resident applies to a team, in one round trip. The insert itself checks that the team exists,
 * the birth year fits, the resident is not already a member and is within the daily quota; the
 * partial unique index allows one pending application per resident and team, so parallel
 * duplicates make one row. When nothing was inserted, the reads in the same batch say why.
 */
export async function applyToTeam(db: Db, resident: ResidentPrincipal, teamId: string, body: TeamApplicationBody, now = Date.now()) {
  const id = newId("app");
  const [inserted, quota, teamRows, memberRows, pendingRows] = await db.batch([
    insertSelect(
      db,
      teamApplications,
      {
        id,
        teamId: sql`t.id`,
        userId: resident.id,
        realName: body.realName,
        phone: body.phone,
        birthYear: body.birthYear,
        skills: JSON.stringify(body.skills),
        availability: body.availability,
        motivation: body.motivation,
        status: "pending",
        createdAt: now,
      },
      sql`
        from teams t
        where t.id = ${teamId}
          and (t.min_birth_year is null or ${body.birthYear} >= t.min_birth_year)
          and (t.max_birth_year is null or ${body.birthYear} <= t.max_birth_year)
          and not exists (select 1 from team_members m where m.team_id = t.id and m.user_id = ${resident.id} and m.status = 'active')
          and ${withinQuota("teamApplication", resident.id, now)}`,
    )
      .onConflictDoNothing()
      .returning({ id: teamApplications.id }),
    readQuota(db, "teamApplication", resident.id, now),
    db.select({ minBirthYear: teams.minBirthYear, maxBirthYear: teams.maxBirthYear }).from(teams).where(eq(teams.id, teamId)),
    db.select({ one: sql`1` }).from(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, resident.id), eq(teamMembers.status, "active"))),
    db.select({ id: teamApplications.id }).from(teamApplications).where(and(eq(teamApplications.teamId, teamId), eq(teamApplications.userId, resident.id), eq(teamApplications.status, "pending"))),
  ]);
  if (inserted.length === 1) return { id, status: "pending" as const };

  const team = teamRows[0];
  if (!team) throw notFound("找不到这支队伍");
  if (memberRows.length > 0) throw new ApiError(409, "ALREADY_MEMBER", "你已经是这支队伍的队员了");
  if (pendingRows.length > 0) throw new ApiError(409, "ALREADY_APPLIED", "你已提交过申请，请耐心等待审核");
  if (!quota[0]?.within) throw quotaExceeded("teamApplication");
  throw new ApiError(422, "NOT_ELIGIBLE", `这支队伍只接受${birthYearRule(team) ?? "符合条件的居民"}的居民加入`);
}

// Inside db.batch, D1 returns rows keyed by column name: selected columns must not share a name
// (teams.id next to team_applications.id would overwrite it), hence teamId from the application.
const applicationColumns = {
  id: teamApplications.id,
  teamId: teamApplications.teamId,
  teamName: teams.name,
  status: teamApplications.status,
  reason: teamApplications.reason,
  createdAt: teamApplications.createdAt,
  decidedAt: teamApplications.decidedAt,
};

type ApplicationRow = { id: string; teamId: string; teamName: string; status: ApplicationStatus; reason: string | null; createdAt: number; decidedAt: number | null };

function toMyApplication(r: ApplicationRow): MyApplication {
  return {
    id: r.id,
    team: { id: r.teamId, name: r.teamName },
    status: r.status,
    reason: r.reason,
    createdAt: toShanghaiIso(r.createdAt),
    decidedAt: r.decidedAt === null ? null : toShanghaiIso(r.decidedAt),
  };
}

/** The resident's own applications, newest first, with the reason when one was rejected. */
export async function listMyApplications(db: Db, bearer: Bearer): Promise<Page<MyApplication>> {
  const mine = db
    .select(applicationColumns)
    .from(teamApplications)
    .innerJoin(teams, eq(teams.id, teamApplications.teamId))
    .where(eq(teamApplications.userId, signedInUserId(bearer)))
    .orderBy(desc(teamApplications.createdAt))
    .limit(100);
  const [, [rows]] = await residentBatch(db, bearer, [mine]);
  return { items: rows.map(toMyApplication), nextCursor: null };
}

/**
 * A member leaves a team; not being one is 404. Leaving the last team ends driving in the same
 * batch (see `endDrivingWithLastTeam`): a former volunteer keeps no access to families' rides.
 */
export async function leaveTeam(db: Db, resident: ResidentPrincipal, teamId: string, now = Date.now()) {
  const leftNow = sql`exists (select 1 from team_members where team_id = ${teamId} and user_id = ${resident.id} and status = 'left' and left_at = ${now})`;
  const [left] = await db.batch([
    db
      .update(teamMembers)
      .set({ status: "left", leftAt: now })
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, resident.id), eq(teamMembers.status, "active")))
      .returning({ teamId: teamMembers.teamId }),
    ...endDrivingWithLastTeam(db, resident.id, leftNow, now),
  ]);
  if (left.length === 0) throw notFound("你不是这支队伍的队员");
}

const adminApplicationColumns = {
  ...applicationColumns,
  userId: teamApplications.userId,
  nickname: users.nickname,
  realName: teamApplications.realName,
  phone: teamApplications.phone,
  birthYear: teamApplications.birthYear,
  skills: teamApplications.skills,
  availability: teamApplications.availability,
  motivation: teamApplications.motivation,
};

function adminApplicationsQuery(db: Db) {
  return db
    .select(adminApplicationColumns)
    .from(teamApplications)
    .innerJoin(teams, eq(teams.id, teamApplications.teamId))
    .innerJoin(users, eq(users.id, teamApplications.userId));
}

type AdminApplicationRow = ApplicationRow & { userId: string; nickname: string; realName: string; phone: string; birthYear: number; skills: string; availability: string; motivation: string };

function toAdminApplication(r: AdminApplicationRow): AdminApplication {
  return {
    ...toMyApplication(r),
    applicant: { userId: r.userId, nickname: r.nickname, realName: r.realName, phone: r.phone, birthYear: r.birthYear },
    skills: JSON.parse(r.skills) as string[],
    availability: r.availability,
    motivation: r.motivation,
  };
}

/** Applications for staff review, newest first, with the applicant's full contact details. Admins only. */
export async function listApplicationsForReview(
  db: Db,
  actor: Principal,
  query: { status?: ApplicationStatus; limit: number; cursor?: string },
): Promise<Page<AdminApplication>> {
  assertAdmin(actor);
  const rows = await adminApplicationsQuery(db)
    .where(and(query.status ? eq(teamApplications.status, query.status) : undefined, olderThan(teamApplications.createdAt, teamApplications.id, decodeCursor(query.cursor))))
    .orderBy(desc(teamApplications.createdAt), desc(teamApplications.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
  return { items: page.items.map(toAdminApplication), nextCursor: page.nextCursor };
}

/**
 * An admin approves or rejects a pending application, in one round trip: the guarded UPDATE only
 * moves a `pending` row; the membership and the audit entry are written only if this very
 * decision (same admin, same instant) is the one that landed. Deciding twice is 409.
 */
export async function decideApplication(db: Db, actor: Principal, applicationId: string, decision: ApplicationDecisionBody, now = Date.now()): Promise<AdminApplication> {
  assertAdmin(actor);
  const status = decision.approve ? "approved" : "rejected";
  const thisDecision = sql`id = ${applicationId} and status = ${status} and decided_by = ${actor.id} and decided_at = ${now}`;
  const audit = auditInsertWhen(db, {
    actor: staffActor(actor),
    action: decision.approve ? "application.approve" : "application.reject",
    target: { kind: "application", id: applicationId },
    outcome: "ok",
    ...(decision.reason ? { detail: { reason: decision.reason } } : {}),
  }, sql`exists (select 1 from team_applications where ${thisDecision})`, now);

  const [updated, , , view] = await db.batch([
    db
      .update(teamApplications)
      .set({ status, reason: decision.approve ? (decision.reason ?? null) : decision.reason!, decidedBy: actor.id, decidedAt: now })
      .where(and(eq(teamApplications.id, applicationId), eq(teamApplications.status, "pending")))
      .returning({ id: teamApplications.id }),
    insertSelect(
      db,
      teamMembers,
      { teamId: sql`team_id`, userId: sql`user_id`, status: "active", applicationId: sql`id`, joinedAt: now },
      sql`from team_applications where ${thisDecision} and status = 'approved'`,
    )
      .onConflictDoUpdate({
        target: [teamMembers.teamId, teamMembers.userId],
        set: { status: "active", applicationId: sql`excluded.application_id`, joinedAt: sql`excluded.joined_at`, leftAt: null },
      }),
    audit,
    adminApplicationsQuery(db).where(eq(teamApplications.id, applicationId)),
    ...notify(db, applicationDecided(applicationId, sql`(select user_id from team_applications where ${thisDecision})`, decision.approve, decision.reason, now), now),
  ]);
  if (updated.length === 0) {
    if (view.length === 0) throw notFound("找不到这份申请");
    throw new ApiError(409, "INVALID_TRANSITION", "这份申请已经处理过了");
  }
  return toAdminApplication(view[0]!);
}

/** Active members of every team with their join date, for the console. Admins only. */
export async function listMembers(db: Db, actor: Principal) {
  assertAdmin(actor);
  return db
    .select({
      teamId: teamMembers.teamId,
      teamName: teams.name,
      userId: teamMembers.userId,
      nickname: users.nickname,
      // The name and phone they applied with; the profile's when the application is gone.
      realName: sql<string | null>`coalesce(${teamApplications.realName}, ${users.realName})`.as("member_real_name"),
      phone: sql<string | null>`coalesce(${teamApplications.phone}, ${users.phone})`.as("member_phone"),
      joinedAt: teamMembers.joinedAt,
    })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .leftJoin(teamApplications, eq(teamApplications.id, teamMembers.applicationId))
    .where(eq(teamMembers.status, "active"))
    .orderBy(asc(teams.sortOrder), desc(teamMembers.joinedAt));
}
