import { REPORT_CATEGORY_RULES, REPORT_LEVELS, shanghaiDate, type ReportCategory, type ReportLevel } from "@renxing/shared";
import { sql, type SQL } from "drizzle-orm";
import { reports } from "../../db/schema";
import type { StaffPrincipal } from "../../env";

const HOUR = 3600_000;

/** The deadlines of a report filed (or reopened) at `from`, by its category's defaults. */
export function deadlines(category: ReportCategory, from: number) {
  const rule = REPORT_CATEGORY_RULES[category];
  return { acceptBy: from + rule.acceptHours * HOUR, resolveBy: from + rule.resolveHours * HOUR };
}

/** The level above `level`, or null past `district`. */
export function levelAbove(level: ReportLevel): ReportLevel | null {
  return REPORT_LEVELS[REPORT_LEVELS.indexOf(level) + 1] ?? null;
}

/** `level` one up, in SQL: what an escalation writes whatever the level was when it ran. */
export const levelAboveSql = sql`case ${reports.level} when 'grid' then 'community' when 'community' then 'street' when 'street' then 'district' end`;

/**
 * May `actor` act on the report (accept, note, escalate, resolve, reject)? Community admins at
 * any level; a grid worker only at `grid`, in their own grid. As SQL over `reports`, for the
 * guard of the very UPDATE that acts.
 */
export function staffMayHandle(actor: StaffPrincipal): SQL {
  if (actor.role === "admin") return sql`1`;
  if (actor.gridId === null) return sql`0`;
  return sql`(${reports.level} = 'grid' and ${reports.gridId} = ${actor.gridId})`;
}

/**
 * May `actor` see the report at all? Admins see every report; a grid worker sees their grid's at
 * `grid`, and the ones they accepted or escalated themselves (to follow them up).
 */
export function staffMaySee(actor: StaffPrincipal): SQL {
  if (actor.role === "admin") return sql`1`;
  if (actor.gridId === null) return sql`0`;
  return sql`(${reports.gridId} = ${actor.gridId} and (${reports.level} = 'grid' or ${reports.handlerStaffId} = ${actor.id}
    or exists (select 1 from report_events e where e.report_id = ${reports.id} and e.kind = 'escalated' and e.actor_kind = 'staff' and e.actor_id = ${actor.id})))`;
}

/** Waiting past a deadline: not accepted by `acceptBy`, or accepted and not resolved by `resolveBy`. */
export const overdueSql = (now: number) =>
  sql`((${reports.status} = 'submitted' and ${reports.acceptBy} < ${now}) or (${reports.status} = 'accepted' and ${reports.resolveBy} < ${now}))`;

/** The case number's day part: the Beijing date without dashes, `20261130`. */
export const refDay = (now: number) => shanghaiDate(now).replaceAll("-", "");

/** The mini-program page of a report. */
export const reportPage = (reportId: string) => `/pages/report-detail/index?id=${reportId}`;
