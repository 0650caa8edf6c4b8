import { beijingMidnight, CARE_RISK_LEVELS, shanghaiDate, VISIT_FLAGS, type CareRiskLevel, type VisitFlag } from "@renxing/shared";
import { asc, sql } from "drizzle-orm";
import { staffGridScope } from "../../auth/grid-scope";
import { assertStaff } from "../../auth/roles";
import type { Db } from "../../db/client";
import { grids } from "../../db/schema";
import type { Principal } from "../../env";
import { validationFailed } from "../../http/errors";
import { DAY, intervalMs } from "./rules";
import type { CareGridStats, CareStats } from "./types";

/** The default range: the last 30 days, today included (as 诉求统计). */
const DEFAULT_DAYS = 30;

const countWhen = (condition: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

/**
 * 关爱统计 per grid the caller may see (a grid worker: theirs; an admin: all nine, in order) and
 * in total, for `from`–`to` (inclusive Beijing dates, default the last 30 days).
 *
 * - recipients: active recipients now, by risk level;
 * - visits / visited / flaggedVisits / flags: visits whose `visitedAt` falls in the range;
 * - on time: each `visited` visit answers the due date set by the `visited` visit before it (or by
 *   the registration) plus the interval of the elder's risk level now. A due date in the range
 *   counts in `dueInRange`; it was met (`onTime`) when that visit came on or before it. A due date
 *   in the range that has passed with no visit yet (an active recipient's `nextDueAt` before now)
 *   counts as due and missed. `onTimeRate` = onTime / dueInRange, null when nothing fell due.
 *
 * One round trip: a batch of three grouped queries.
 *
 * @example await careStats(db, actor, { from: "2026-11-01", to: "2026-11-30" }, Date.now())
 */
export async function careStats(db: Db, actor: Principal, range: { from?: string; to?: string }, now = Date.now()): Promise<CareStats> {
  assertStaff(actor);
  const to = range.to ?? shanghaiDate(now);
  const from = range.from ?? shanghaiDate(beijingMidnight(to) - (DEFAULT_DAYS - 1) * DAY);
  if (from > to) throw validationFailed([{ field: "from", message: "开始日期不能晚于结束日期" }]);
  const start = beijingMidnight(from);
  const end = beijingMidnight(to) + DAY;
  const inRange = (column: ReturnType<typeof sql>) => sql`${column} >= ${start} and ${column} < ${end}`;

  const gridScope = (column: string) => staffGridScope(actor, sql.raw(column)) ?? sql`1`;

  const [gridRows, recipientRows, visitRows, flagRows, dueRows] = await db.batch([
    db.select({ gridId: grids.id, gridName: grids.name }).from(grids).where(staffGridScope(actor, grids.id)).orderBy(asc(grids.sortOrder)),
    db
      .select({ gridId: sql<string>`r.grid_id`.as("grid_id"), riskLevel: sql<CareRiskLevel>`r.risk_level`.as("risk_level"), count: sql<number>`count(*)`.as("n") })
      .from(sql`care_recipients r`)
      .where(sql`r.active = 1 and ${gridScope("r.grid_id")}`)
      .groupBy(sql`r.grid_id, r.risk_level`),
    db
      .select({
        gridId: sql<string>`r.grid_id`.as("grid_id"),
        visits: sql<number>`count(*)`.as("visits"),
        visited: countWhen(sql`v.outcome = 'visited'`).as("visited"),
        flaggedVisits: countWhen(sql`json_array_length(v.flags) > 0`).as("flagged"),
      })
      .from(sql`care_visits v join care_recipients r on r.id = v.recipient_id`)
      .where(sql`${inRange(sql`v.visited_at`)} and ${gridScope("r.grid_id")}`)
      .groupBy(sql`r.grid_id`),
    db
      .select({ gridId: sql<string>`r.grid_id`.as("grid_id"), flag: sql<VisitFlag>`f.value`.as("flag"), count: sql<number>`count(*)`.as("n") })
      .from(sql`care_visits v join care_recipients r on r.id = v.recipient_id join json_each(v.flags) f`)
      .where(sql`${inRange(sql`v.visited_at`)} and ${gridScope("r.grid_id")}`)
      .groupBy(sql`r.grid_id, f.value`),
    db
      .select({
        gridId: sql<string>`d.grid_id`.as("grid_id"),
        due: sql<number>`count(*)`.as("due"),
        onTime: countWhen(sql`d.met`).as("on_time"),
      })
      .from(
        sql`(
          select r.grid_id, v.visited_at <= coalesce(lag(v.visited_at) over w, r.created_at) + ${intervalMs(sql`r.risk_level`)} as met,
                 coalesce(lag(v.visited_at) over w, r.created_at) + ${intervalMs(sql`r.risk_level`)} as due_at
          from care_visits v join care_recipients r on r.id = v.recipient_id
          where v.outcome = 'visited'
          window w as (partition by v.recipient_id order by v.visited_at, v.id)
          union all
          select r.grid_id, 0 as met, r.next_due_at as due_at from care_recipients r where r.active = 1 and r.next_due_at < ${now}
        ) d`,
      )
      .where(sql`${inRange(sql`d.due_at`)} and ${gridScope("d.grid_id")}`)
      .groupBy(sql`d.grid_id`),
  ]);

  const visitsOf = new Map(visitRows.map((row) => [row.gridId, row]));
  const dueOf = new Map(dueRows.map((row) => [row.gridId, row]));
  const perGrid: CareGridStats[] = gridRows.map(({ gridId, gridName }) => {
    const v = visitsOf.get(gridId);
    const d = dueOf.get(gridId);
    const mine = <T extends { gridId: string; count: number }>(rows: T[]) => rows.filter((row) => row.gridId === gridId);
    return {
      gridId,
      gridName,
      ...numbers({
        recipients: Object.fromEntries(CARE_RISK_LEVELS.map((level) => [level, Number(mine(recipientRows).find((r) => r.riskLevel === level)?.count ?? 0)])) as Record<CareRiskLevel, number>,
        visits: Number(v?.visits ?? 0),
        visited: Number(v?.visited ?? 0),
        flaggedVisits: Number(v?.flaggedVisits ?? 0),
        flags: Object.fromEntries(VISIT_FLAGS.map((flag) => [flag, Number(mine(flagRows).find((r) => r.flag === flag)?.count ?? 0)])) as Record<VisitFlag, number>,
        dueInRange: Number(d?.due ?? 0),
        onTime: Number(d?.onTime ?? 0),
      }),
    };
  });
  const sum = (pick: (g: CareGridStats) => number) => perGrid.reduce((total, g) => total + pick(g), 0);
  const total = numbers({
    recipients: Object.fromEntries(CARE_RISK_LEVELS.map((level) => [level, sum((g) => g.recipients[level])])) as Record<CareRiskLevel, number>,
    visits: sum((g) => g.visits),
    visited: sum((g) => g.visited),
    flaggedVisits: sum((g) => g.flaggedVisits),
    flags: Object.fromEntries(VISIT_FLAGS.map((flag) => [flag, sum((g) => g.flags[flag])])) as Record<VisitFlag, number>,
    dueInRange: sum((g) => g.dueInRange),
    onTime: sum((g) => g.onTime),
  });
  return { from, to, grids: perGrid, total };
}

type Counts = Omit<CareGridStats, "gridId" | "gridName" | "onTimeRate" | "recipients"> & { recipients: Record<CareRiskLevel, number> };

function numbers(counts: Counts): Omit<CareGridStats, "gridId" | "gridName"> {
  const total = CARE_RISK_LEVELS.reduce((n, level) => n + counts.recipients[level], 0);
  return {
    ...counts,
    recipients: { ...counts.recipients, total },
    onTimeRate: counts.dueInRange === 0 ? null : Math.round((counts.onTime / counts.dueInRange) * 1000) / 1000,
  };
}
