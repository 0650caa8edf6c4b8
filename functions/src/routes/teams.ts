import { AdminApplicationsQuery, ApplicationDecisionBody, TeamApplicationBody } from "@renxing/shared";
import { Hono } from "hono";
import { adminOnly, requireAuth, residentOf, residentOnly } from "../auth/middleware";
import { bearer } from "../auth/session-batch";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { jsonBody, queryParams } from "../http/input";
import { applyToTeam, decideApplication, getTeam, leaveTeam, listApplicationsForReview, listMyApplications, listTeams } from "../services/teams";

export const teamRoutes = new Hono<AppEnv>()
  .get("/teams", async (c) => c.json({ items: await listTeams(getDb(c.env.DB)), nextCursor: null }))
  .get("/teams/:id", async (c) => c.json(await getTeam(getDb(c.env.DB), c.req.param("id"))))
  .post("/teams/:id/applications", requireAuth, residentOnly, idempotent, async (c) => {
    const resident = residentOf(c);
    const body = await jsonBody(c, TeamApplicationBody);
    return c.json(await applyToTeam(getDb(c.env.DB), resident, c.req.param("id"), body), 201);
  })
  .get("/me/applications", bearer, async (c) => c.json(await listMyApplications(getDb(c.env.DB), c.get("bearer"))))
  .delete("/teams/:id/membership", requireAuth, async (c) => {
    await leaveTeam(getDb(c.env.DB), residentOf(c), c.req.param("id"));
    return c.body(null, 204);
  })
  .get("/admin/applications", requireAuth, adminOnly, async (c) => {
    const query = queryParams(c, AdminApplicationsQuery);
    return c.json(await listApplicationsForReview(getDb(c.env.DB), c.get("principal"), query));
  })
  .post("/admin/applications/:id/decision", requireAuth, adminOnly, async (c) => {
    const body = await jsonBody(c, ApplicationDecisionBody);
    return c.json(await decideApplication(getDb(c.env.DB), c.get("principal"), c.req.param("id"), body));
  });
