import { count, countDistinct, desc, eq, gte, sql } from "drizzle-orm";
import { staffGridScope } from "../auth/grid-scope";
import type { Db } from "../db/client";
import type { StaffPrincipal } from "../env";
import { beijingMidnight, shanghaiDate, type RideStatus, type WishStatus } from "@renxing/shared";
import { grids, partners, rides, serviceHours, teamApplications, teamMembers, users, wishes } from "../db/schema";

export interface DashboardFigures {
  residents: number;
  volunteers: number;
  pendingApplications: number;
  residentsThisWeek: number;
  grids: number;
  partners: number;
  wishesByStatus: Partial<Record<WishStatus, number>>;
  ridesByStatus: Partial<Record<RideStatus, number>>;
  minutesThisMonth: number;
  recentResidents: { nickname: string; gridName: string | null; createdAt: number }[];
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The 概览 figures in one batched round trip. Counts are the community's; the wishes by status
 * and the newly registered residents (people, by nickname) are a grid worker's own grid only.
 */
export async function dashboardFigures(db: Db, staff: StaffPrincipal, now = Date.now()): Promise<DashboardFigures> {
  const monthStart = beijingMidnight(`${shanghaiDate(now).slice(0, 7)}-01`);
  const [residents, volunteers, pending, thisWeek, gridCount, partnerCount, recent, wishCounts, rideCounts, minutes] = await db.batch([
    db.select({ n: count() }).from(users),
    db.select({ n: countDistinct(teamMembers.userId) }).from(teamMembers).where(eq(teamMembers.status, "active")),
    db.select({ n: count() }).from(teamApplications).where(eq(teamApplications.status, "pending")),
    db.select({ n: count() }).from(users).where(gte(users.createdAt, now - WEEK_MS)),
    db.select({ n: count() }).from(grids),
    db.select({ n: count() }).from(partners),
    db
      .select({ nickname: users.nickname, gridName: grids.name, createdAt: users.createdAt })
      .from(users)
      .leftJoin(grids, eq(grids.id, users.gridId))
      .where(staffGridScope(staff, users.gridId))
      .orderBy(desc(users.createdAt))
      .limit(5),
    db.select({ status: wishes.status, n: count() }).from(wishes).where(staffGridScope(staff, wishes.gridId)).groupBy(wishes.status),
    db.select({ status: rides.status, n: count() }).from(rides).groupBy(rides.status),
    db.select({ total: sql<number>`coalesce(sum(${serviceHours.minutes}), 0)` }).from(serviceHours).where(gte(serviceHours.at, monthStart)),
  ]);
  return {
    residents: residents[0]?.n ?? 0,
    volunteers: volunteers[0]?.n ?? 0,
    pendingApplications: pending[0]?.n ?? 0,
    residentsThisWeek: thisWeek[0]?.n ?? 0,
    grids: gridCount[0]?.n ?? 0,
    partners: partnerCount[0]?.n ?? 0,
    recentResidents: recent,
    wishesByStatus: Object.fromEntries(wishCounts.map((r) => [r.status, r.n])),
    ridesByStatus: Object.fromEntries(rideCounts.map((r) => [r.status, r.n])),
    minutesThisMonth: minutes[0]?.total ?? 0,
  };
}
