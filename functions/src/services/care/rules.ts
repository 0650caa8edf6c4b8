import { CARE_RISK_INTERVAL_DAYS } from "@renxing/shared";
import { sql, type SQL } from "drizzle-orm";
import { notFound } from "../../http/errors";

export const DAY = 24 * 3600_000;

/** The days between visits for a risk level held in SQL (a column or a bound value). */
export function intervalMs(riskLevel: SQL): SQL<number> {
  const cases = Object.entries(CARE_RISK_INTERVAL_DAYS).map(([level, days]) => sql`when ${level} then ${days * DAY}`);
  return sql<number>`(case ${riskLevel} ${sql.join(cases, sql` `)} end)`;
}

/**
 * The one answer for a recipient the caller may not see, whether it exists or not: a grid worker
 * of another grid, an unpaired volunteer and an unknown id all get the same 404, so nobody learns
 * that an elder is registered somewhere.
 */
export const recipientNotFound = () => notFound("找不到这位关爱对象");

/** The staff console's page of a recipient: where staff notices open. */
export const recipientConsolePage = (recipientId: string) => `/console/care/${recipientId}`;
