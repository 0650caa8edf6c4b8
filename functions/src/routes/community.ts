import { Hono } from "hono";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { listGrids, listPartners } from "../services/community";

export const communityRoutes = new Hono<AppEnv>()
  .get("/grids", async (c) => c.json({ items: await listGrids(getDb(c.env.DB)) }))
  .get("/partners", async (c) => c.json({ items: await listPartners(getDb(c.env.DB)) }));
