import { CareRecipientBody, CareRecipientsQuery, CareRecipientUpdateBody, CareStatsQuery, VisitBody } from "@renxing/shared";
import { Hono } from "hono";
import { adminOnly, requireAuth, residentOf, residentOnly, staffOnly } from "../auth/middleware";
import { bearer } from "../auth/session-batch";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { jsonBody, queryParams } from "../http/input";
import {
  careRecipientForStaff,
  careStats,
  listCareRecipients,
  listVisits,
  myCare,
  overdueCare,
  pairVolunteer,
  recordVisit,
  registerCareRecipient,
  unpairVolunteer,
  updateCareRecipient,
} from "../services/care";

/**
 * Care for elders living alone (关爱独居老人): staff register and pair, paired volunteers visit.
 * The literal `/admin/care/overdue` and `/admin/care/stats` live apart from `/admin/care-recipients/:id`.
 */
export const careRoutes = new Hono<AppEnv>()
  .get("/me/care", bearer, async (c) => c.json(await myCare(getDb(c.env.DB), c.get("bearer"))))
  .post("/care/:recipientId/visits", requireAuth, residentOnly, idempotent, async (c) => {
    const body = await jsonBody(c, VisitBody);
    const { visit, created } = await recordVisit(getDb(c.env.DB), residentOf(c), c.req.param("recipientId"), body, Date.now());
    return c.json(visit, created ? 201 : 200);
  })
  .get("/care/:recipientId/visits", requireAuth, async (c) => c.json(await listVisits(getDb(c.env.DB), c.get("principal"), c.req.param("recipientId"))))
  .get("/admin/care-recipients", requireAuth, staffOnly, async (c) =>
    c.json(await listCareRecipients(getDb(c.env.DB), c.get("principal"), queryParams(c, CareRecipientsQuery), Date.now())),
  )
  .post("/admin/care-recipients", requireAuth, staffOnly, idempotent, async (c) =>
    c.json(await registerCareRecipient(getDb(c.env.DB), c.get("principal"), await jsonBody(c, CareRecipientBody), Date.now()), 201),
  )
  .get("/admin/care-recipients/:id", requireAuth, staffOnly, async (c) => c.json(await careRecipientForStaff(getDb(c.env.DB), c.get("principal"), c.req.param("id"), Date.now())))
  .put("/admin/care-recipients/:id", requireAuth, staffOnly, async (c) =>
    c.json(await updateCareRecipient(getDb(c.env.DB), c.get("principal"), c.req.param("id"), await jsonBody(c, CareRecipientUpdateBody), Date.now())),
  )
  .post("/admin/care-recipients/:id/pairings/:userId", requireAuth, adminOnly, async (c) => {
    await pairVolunteer(getDb(c.env.DB), c.get("principal"), c.req.param("id"), c.req.param("userId"), Date.now());
    return c.body(null, 204);
  })
  .delete("/admin/care-recipients/:id/pairings/:userId", requireAuth, adminOnly, async (c) => {
    await unpairVolunteer(getDb(c.env.DB), c.get("principal"), c.req.param("id"), c.req.param("userId"), Date.now());
    return c.body(null, 204);
  })
  .get("/admin/care/overdue", requireAuth, staffOnly, async (c) => c.json(await overdueCare(getDb(c.env.DB), c.get("principal"), Date.now())))
  .get("/admin/care/stats", requireAuth, staffOnly, async (c) => c.json(await careStats(getDb(c.env.DB), c.get("principal"), queryParams(c, CareStatsQuery), Date.now())));
