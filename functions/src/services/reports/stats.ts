import { beijingMidnight, shanghaiDate, type ReportStats } from "@renxing/shared";
import { asc, sql } from "drizzle-orm";
import { assertStaff } from "../../auth/roles";
import type { Db } from "../../db/client";
import { grids } from "../../db/schema";
import type { Principal } from "../../env";
import { validationFailed } from "../../http/errors";

export type GridReportStats = ReportStats & { gridId: string; gridName: string };

export interface ReportStatsResult {
  from: string;
  to: string;
  total: ReportStats;
  grids: GridReportStats[];
}

const DAY = 24 * 3600_000;
const HOUR = 3600_000;
/** The default range: the last 30 days, today included. */
const DEFAULT_DAYS = 30;

/** Resolved and not reopened since: a reopened report is being handled again. */
const resolved = sql`r.resolved_at is not null and r.status in ('resolved', 'closed')`;
const countWhen = (condition: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

/**
 * 诉求统计: for the reports CREATED between `from` and `to` (inclusive Beijing dates, by default
 * the last 30 days ending today), per grid (all nine, in their order, also those without
 * reports) and in total. Staff only; every grid for every staff member, as the numbers carry no
 * personal data. On time: accepted by `acceptBy`, resolved by `resolveBy` (the deadline a
 * reopen set); ratings by the last one given; hazards: `safety_hazard` received and resolved.
 *
 * One grouped query over the grids, the total summed from its rows.
 *
 * @example await reportStats(db, staff, { from: "2026-11-01", to: "2026-11-30" })
 */
export async function reportStats(db: Db, actor: Principal, query: { from?: string; to?: string }, now = Date.now()): Promise<ReportStatsResult> {
  assertStaff(actor);
  const to = query.to ?? shanghaiDate(now);
  const from = query.from ?? shanghaiDate(beijingMidnight(to) - (DEFAULT_DAYS - 1) * DAY);
  if (from > to) throw validationFailed([{ field: "from", message: "开始日期不能晚于结束日期" }]);
  const start = beijingMidnight(from);
  const end = beijingMidnight(to) + DAY;

  const rows = await db
    .select({
      gridId: grids.id,
      gridName: grids.name,
      received: sql<number>`count(r.id)`,
      acceptedOnTime: countWhen(sql`r.accepted_at <= r.accept_by`),
      resolvedOnTime: countWhen(sql`${resolved} and r.resolved_at <= r.resolve_by`),
      resolvedCount: countWhen(resolved),
      resolveMs: sql<number>`coalesce(sum(case when ${resolved} then r.resolved_at - r.created_at else 0 end), 0)`,
      rated: countWhen(sql`r.rating is not null`),
      satisfied: countWhen(sql`r.rating = 'satisfied'`),
      basicallySatisfied: countWhen(sql`r.rating = 'basically_satisfied'`),
      dissatisfied: countWhen(sql`r.rating = 'dissatisfied'`),
      reopened: countWhen(sql`r.reopen_count > 0`),
      open: countWhen(sql`r.status in ('submitted', 'accepted')`),
      hazardsFound: countWhen(sql`r.category = 'safety_hazard'`),
      hazardsFixed: countWhen(sql`r.category = 'safety_hazard' and ${resolved}`),
    })
    .from(grids)
    .leftJoin(sql`reports r`, sql`r.grid_id = ${grids.id} and r.created_at >= ${start} and r.created_at < ${end}`)
    .groupBy(grids.id)
    .orderBy(asc(grids.sortOrder));

  const perGrid = rows.map(({ gridId, gridName, ...counts }) => ({ gridId, gridName, ...statsOf(counts) }));
  const sum = (key: keyof (typeof rows)[number]) => rows.reduce((total, row) => total + Number(row[key]), 0);
  const total = statsOf({
    received: sum("received"),
    acceptedOnTime: sum("acceptedOnTime"),
    resolvedOnTime: sum("resolvedOnTime"),
    resolvedCount: sum("resolvedCount"),
    resolveMs: sum("resolveMs"),
    rated: sum("rated"),
    satisfied: sum("satisfied"),
    basicallySatisfied: sum("basicallySatisfied"),
    dissatisfied: sum("dissatisfied"),
    reopened: sum("reopened"),
    open: sum("open"),
    hazardsFound: sum("hazardsFound"),
    hazardsFixed: sum("hazardsFixed"),
  });
  return { from, to, total, grids: perGrid };
}

type Counts = Omit<ReportStats, "avgResolveHours"> & { resolvedCount: number; resolveMs: number };

/** The counts in the contract's order; the average in hours to one decimal, null without any. */
function statsOf(c: Counts): ReportStats {
  return {
    received: Number(c.received),
    acceptedOnTime: Number(c.acceptedOnTime),
    resolvedOnTime: Number(c.resolvedOnTime),
    avgResolveHours: c.resolvedCount > 0 ? Math.round((c.resolveMs / c.resolvedCount / HOUR) * 10) / 10 : null,
    rated: Number(c.rated),
    satisfied: Number(c.satisfied),
    basicallySatisfied: Number(c.basicallySatisfied),
    dissatisfied: Number(c.dissatisfied),
    reopened: Number(c.reopened),
    open: Number(c.open),
    hazardsFound: Number(c.hazardsFound),
    hazardsFixed: Number(c.hazardsFixed),
  };
}
