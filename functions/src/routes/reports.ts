import { AdminReportBody, AdminReportsQuery, EscalateReportBody, PublicReportsQuery, RateReportBody, RejectReportBody, ReportBody, ReportNoteBody, ResolveReportBody } from "@renxing/shared";
import { Hono } from "hono";
import { requireAuth, residentOf, residentOnly, staffOf, staffOnly } from "../auth/middleware";
import { bearer, optionalBearer } from "../auth/session-batch";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { jsonBody, queryParams } from "../http/input";
import { fileReport } from "../services/reports/file";
import { acceptReport, escalateReport, noteReport, rejectReport, resolveReport } from "../services/reports/handle";
import { getReport, listMyReports, listPublicReports, listReportsForStaff, reportCategories } from "../services/reports/read";
import { rateReport, withdrawReport } from "../services/reports/resident";

const originOf = (url: string) => new URL(url).origin;

/**
 * Community reports (网格诉求): residents file, rate and withdraw; staff handle them by level.
 * Every step answers with the view the caller gets from GET /reports/:id afterwards.
 */
export const reportRoutes = new Hono<AppEnv>()
  .get("/report-categories", (c) => c.json(reportCategories()))
  .post("/reports", requireAuth, residentOnly, idempotent, async (c) => {
    const filed = await fileReport(getDb(c.env.DB), c.env, { kind: "resident", resident: residentOf(c) }, await jsonBody(c, ReportBody), originOf(c.req.url));
    return c.json(filed, 201);
  })
  .get("/reports", async (c) => c.json(await listPublicReports(getDb(c.env.DB), queryParams(c, PublicReportsQuery))))
  .get("/me/reports", bearer, async (c) => c.json(await listMyReports(getDb(c.env.DB), c.get("bearer"))))
  .get("/reports/:id", optionalBearer, async (c) => c.json(await getReport(getDb(c.env.DB), c.get("bearer"), c.req.param("id"))))
  .post("/reports/:id/withdraw", requireAuth, residentOnly, async (c) => {
    const resident = residentOf(c);
    return c.json(await withdrawReport(getDb(c.env.DB), resident, c.req.param("id")));
  })
  .post("/reports/:id/rate", requireAuth, residentOnly, async (c) => {
    const resident = residentOf(c);
    return c.json(await rateReport(getDb(c.env.DB), resident, c.req.param("id"), await jsonBody(c, RateReportBody)));
  })
  .post("/admin/reports", requireAuth, staffOnly, idempotent, async (c) => {
    const { reporter, ...body } = await jsonBody(c, AdminReportBody);
    const filed = await fileReport(getDb(c.env.DB), c.env, { kind: "staff", staff: staffOf(c), reporter }, body, originOf(c.req.url));
    return c.json(filed, 201);
  })
  .get("/admin/reports", requireAuth, staffOnly, async (c) => c.json(await listReportsForStaff(getDb(c.env.DB), c.get("principal"), queryParams(c, AdminReportsQuery))))
  .post("/admin/reports/:id/accept", requireAuth, staffOnly, async (c) => c.json(await acceptReport(getDb(c.env.DB), c.get("principal"), c.req.param("id"))))
  .post("/admin/reports/:id/notes", requireAuth, staffOnly, async (c) => c.json(await noteReport(getDb(c.env.DB), c.get("principal"), c.req.param("id"), await jsonBody(c, ReportNoteBody))))
  .post("/admin/reports/:id/escalate", requireAuth, staffOnly, async (c) => c.json(await escalateReport(getDb(c.env.DB), c.get("principal"), c.req.param("id"), await jsonBody(c, EscalateReportBody))))
  .post("/admin/reports/:id/resolve", requireAuth, staffOnly, async (c) => c.json(await resolveReport(getDb(c.env.DB), c.get("principal"), c.req.param("id"), await jsonBody(c, ResolveReportBody), originOf(c.req.url))))
  .post("/admin/reports/:id/reject", requireAuth, staffOnly, async (c) => c.json(await rejectReport(getDb(c.env.DB), c.get("principal"), c.req.param("id"), await jsonBody(c, RejectReportBody))));
