import { Hono } from "hono";
import { getDb } from "../../db/client";
import { dashboardFigures } from "../../services/dashboard";
import { page } from "../page";
import { DashboardPage } from "../pages/dashboard";
import type { ConsoleEnv } from "../session";

/** 概览: the figures a staff member sees first after signing in. */
export const dashboardSection = new Hono<ConsoleEnv>().get("/", (c) =>
  page(c, "/console", "概览", async () => <DashboardPage figures={await dashboardFigures(getDb(c.env.DB), c.get("staff"))} />),
);
