import type { Me, UpdateMeBody } from "@renxing/shared";
import { and, asc, eq, exists, sql, type SQL } from "drizzle-orm";
import { residentBatch, signedInUserId, type Bearer } from "../auth/session-batch";
import { newSession } from "../auth/sessions";
import type { Db } from "../db/client";
import { driverProfiles, grids, partnerRepresentatives, partners, representatives, teamMembers, teams, users } from "../db/schema";
import { ApiError, notFound, validationFailed } from "../http/errors";
import { newId } from "../lib/ids";
import { maskPhone } from "../lib/mask";
import { totalMinutesQuery } from "./hours";

/** What `/me` is built from; later features add their queries here (teams, driver, hours). */
function meQueries(db: Db, userId: string | SQL) {
  return [
    db
      .select({
        id: users.id,
        nickname: users.nickname,
        realName: users.realName,
        phone: users.phone,
        gridId: users.gridId,
        gridName: grids.name,
      })
      .from(users)
      .leftJoin(grids, eq(grids.id, users.gridId))
      .where(eq(users.id, userId)),
    db
      .select({ id: teams.id, name: teams.name })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(and(eq(teamMembers.userId, userId), eq(teamMembers.status, "active")))
      .orderBy(asc(teams.sortOrder)),
    db
      .select({ id: partners.id, name: partners.name })
      .from(partnerRepresentatives)
      .innerJoin(partners, eq(partners.id, partnerRepresentatives.partnerId))
      .where(eq(partnerRepresentatives.userId, userId))
      .limit(1),
    totalMinutesQuery(db, userId),
    db.select({ status: driverProfiles.status }).from(driverProfiles).where(eq(driverProfiles.userId, userId)),
    db.select({ userId: representatives.userId }).from(representatives).where(eq(representatives.userId, userId)),
  ] as const;
}

/** What a batch of these queries resolves to, element by element. */
type Results<T extends readonly unknown[]> = { -readonly [K in keyof T]: Awaited<T[K]> };
type MeRows = Results<ReturnType<typeof meQueries>>;

/** The `/me` body; the owner also gets the full `phone` (the contract masks it for others only). */
export type MeView = Me & { phone: string | null; gridName: string | null };

function toMe([userRows, teamRows, partnerRows, minutesRows, driverRows, representativeRows]: MeRows): MeView {
  const u = userRows[0];
  if (!u) throw notFound("账号不存在");
  return {
    id: u.id,
    nickname: u.nickname,
    realName: u.realName,
    phone: u.phone,
    phoneMasked: maskPhone(u.phone),
    gridId: u.gridId,
    gridName: u.gridName,
    roles: [
      "resident",
      // A volunteer is whoever belongs to at least one team right now.
      ...(teamRows.length > 0 ? (["volunteer"] as const) : []),
      // Driving is volunteering: a verified driver outside every team is no driver (driver-standing.ts).
      ...(driverRows[0]?.status === "verified" && teamRows.length > 0 ? (["driver"] as const) : []),
      ...(partnerRows.length > 0 ? (["partner"] as const) : []),
      // 居民代表: named by an admin, they vote on topics in the deliberation hall.
      ...(representativeRows.length > 0 ? (["representative"] as const) : []),
    ],
    teams: teamRows,
    driver: driverRows[0] ?? null,
    partner: partnerRows[0] ?? null,
    totalServiceMinutes: minutesRows[0]?.totalMinutes ?? 0,
  };
}

/** `/me` in one round trip, the session checked in the same batch. */
export async function getMe(db: Db, bearer: Bearer): Promise<MeView> {
  const [, rows] = await residentBatch(db, bearer, meQueries(db, signedInUserId(bearer)));
  return toMe(rows as MeRows);
}

/**
 * Signs a resident in by openid, creating the account on first sight. The upsert is one statement,
 * so two first logins at once still make one account. Two round trips: upsert, then session + `/me`.
 */
export async function loginResident(db: Db, openid: string, nickname: string, now = Date.now()) {
  const [user] = await db
    .insert(users)
    .values({ id: newId("usr"), openid, nickname, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: users.openid, set: { openid: sql`excluded.openid` } })
    .returning({ id: users.id });
  if (!user) throw new ApiError(500, "INTERNAL", "登录失败，请稍后再试");
  const session = await newSession(db, { userId: user.id }, now);
  const [, ...meRows] = await db.batch([session.insert, ...meQueries(db, user.id)]);
  return { token: session.token, user: toMe(meRows as MeRows) };
}

/**
 * Applies a profile edit and returns the new `/me`, in one round trip. The grid is checked inside
 * the UPDATE itself, so an unknown grid changes nothing and answers 400.
 */
export async function updateMe(db: Db, userId: string, patch: UpdateMeBody, now = Date.now()): Promise<MeView> {
  const set: Partial<typeof users.$inferInsert> = { updatedAt: now };
  if (patch.nickname !== undefined) set.nickname = patch.nickname;
  if (patch.realName !== undefined) set.realName = patch.realName;
  if (patch.phone !== undefined) set.phone = patch.phone;
  if (patch.gridId !== undefined) set.gridId = patch.gridId;

  const gridKnown = patch.gridId ? exists(db.select({ one: sql`1` }).from(grids).where(eq(grids.id, patch.gridId))) : undefined;
  const update = db
    .update(users)
    .set(set)
    .where(and(eq(users.id, userId), gridKnown))
    .returning({ id: users.id });
  const [updated, ...meRows] = await db.batch([update, ...meQueries(db, userId)]);
  if (updated.length === 0) throw validationFailed([{ field: "gridId", message: "所选网格不存在" }]);
  return toMe(meRows as MeRows);
}
