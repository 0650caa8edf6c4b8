import { Hono } from "hono";
import { getDb } from "../../db/client";
import { listAudit } from "../../services/audit";
import { page } from "../page";
import { AuditPage } from "../pages/audit";
import type { ConsoleEnv } from "../session";

/** 审计日志: every sign-in, decision and refused request, newest first. */
export const auditSection = new Hono<ConsoleEnv>().get("/audit", (c) =>
  page(c, "/console/audit", "审计日志", async () => <AuditPage page={await listAudit(getDb(c.env.DB), { cursor: c.req.query("cursor") })} />),
);
