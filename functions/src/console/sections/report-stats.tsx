import { ReportStatsQuery } from "@renxing/shared";
import { Hono, type Context } from "hono";
import { getDb } from "../../db/client";
import { validate } from "../../http/input";
import { csvDocument } from "../../lib/csv";
import { reportStats } from "../../services/reports/stats";
import { page } from "../page";
import { ReportStatsPage, statsCsvTable } from "../pages/report-stats";
import type { ConsoleEnv } from "../session";

/** The from/to dates the page and its CSV share; an empty field takes the default (the last 30 days). */
const statsOf = (c: Context<ConsoleEnv>) =>
  reportStats(getDb(c.env.DB), c.get("staff"), validate(ReportStatsQuery, { from: c.req.query("from") || undefined, to: c.req.query("to") || undefined }), Date.now());

/**
 * 诉求统计: per grid for a date range (grid workers: the grids the service lets them see). Mounted
 * before the reports section, whose /reports/:id would otherwise take /reports/stats.
 */
export const reportStatsSection = new Hono<ConsoleEnv>()
  .get("/reports/stats", (c) => page(c, "/console/reports/stats", "诉求统计", async () => <ReportStatsPage stats={await statsOf(c)} />))
  .get("/reports/stats.csv", async (c) => {
    const stats = await statsOf(c);
    const { header, rows } = statsCsvTable(stats);
    return c.body(csvDocument(header, rows), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="report-stats_${stats.from}_${stats.to}.csv"`,
      "cache-control": "no-store",
    });
  });
