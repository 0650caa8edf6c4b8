import { ReportStatsQuery } from "@renxing/shared";
import { Hono } from "hono";
import { requireAuth, staffOnly } from "../auth/middleware";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { queryParams } from "../http/input";
import { reportStats } from "../services/reports/stats";

/**
 * 诉求统计 per grid and in total. Its own app, mounted before the reports routes: a literal
 * `/admin/reports/stats` must never be read as a report id.
 */
export const reportStatsRoutes = new Hono<AppEnv>().get("/admin/reports/stats", requireAuth, staffOnly, async (c) =>
  c.json(await reportStats(getDb(c.env.DB), c.get("principal"), queryParams(c, ReportStatsQuery))),
);
