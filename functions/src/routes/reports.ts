import { ReportBody } from "@renxing/shared";
import { Hono } from "hono";
import { requireAuth, residentOf, residentOnly } from "../auth/middleware";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { jsonBody } from "../http/input";
import { fileReport } from "../services/reports/file";
import { acceptReport } from "../services/reports/handle";

/** Community reports (网格诉求): residents file, rate and withdraw; staff handle them by level. */
export const reportRoutes = new Hono<AppEnv>()
  .post("/reports", requireAuth, residentOnly, idempotent, async (c) => {
    const filed = await fileReport(getDb(c.env.DB), c.env, { kind: "resident", resident: residentOf(c) }, await jsonBody(c, ReportBody), new URL(c.req.url).origin);
    return c.json(filed, 201);
  })
  .post("/admin/reports/:id/accept", requireAuth, async (c) => {
    const row = await acceptReport(getDb(c.env.DB), c.get("principal"), c.req.param("id"));
    return c.json({ id: row.id, ref: row.ref, status: row.status, level: row.level });
  });
