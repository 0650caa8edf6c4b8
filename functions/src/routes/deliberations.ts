import { AdvanceBody, AnswerBody, DeliberationBody, DeliberationsQuery, ObjectionBody, VoteBody } from "@renxing/shared";
import { Hono } from "hono";
import { adminOnly, requireAuth, residentOf, residentOnly } from "../auth/middleware";
import { bearer, optionalBearer } from "../auth/session-batch";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { jsonBody, queryParams } from "../http/input";
import { advanceDeliberation } from "../services/deliberations/advance";
import { answerObjection, lodgeObjection } from "../services/deliberations/objections";
import { getDeliberation, listDeliberations } from "../services/deliberations/read";
import { nameRepresentative, removeRepresentative } from "../services/deliberations/representatives";
import { createDeliberation } from "../services/deliberations/topics";
import { castVote } from "../services/deliberations/votes";

/**
 * The deliberation hall's governance (居民议事厅): the public list and topic page, admins moving
 * topics stage by stage, representatives voting, objections during publicity. Meetings, comments,
 * crowdfunding, progress and suggestions live in their own routes.
 */
export const deliberationRoutes = new Hono<AppEnv>()
  .get("/deliberations", async (c) => c.json(await listDeliberations(getDb(c.env.DB), queryParams(c, DeliberationsQuery))))
  .get("/deliberations/:id", optionalBearer, async (c) => c.json(await getDeliberation(getDb(c.env.DB), c.get("bearer"), c.req.param("id"))))
  .post("/deliberations/:id/votes", bearer, async (c) => {
    const body = await jsonBody(c, VoteBody);
    return c.json(await castVote(getDb(c.env.DB), c.get("bearer"), c.req.param("id"), body, Date.now()), 201);
  })
  .post("/deliberations/:id/objections", requireAuth, residentOnly, idempotent, async (c) => {
    const body = await jsonBody(c, ObjectionBody);
    return c.json(await lodgeObjection(getDb(c.env.DB), c.env, residentOf(c), c.req.param("id"), body, Date.now()), 201);
  })
  .post("/admin/deliberations", requireAuth, adminOnly, idempotent, async (c) =>
    c.json(await createDeliberation(getDb(c.env.DB), c.get("principal"), await jsonBody(c, DeliberationBody), Date.now()), 201),
  )
  .post("/admin/deliberations/:id/advance", requireAuth, adminOnly, async (c) =>
    c.json(await advanceDeliberation(getDb(c.env.DB), c.get("principal"), c.req.param("id"), await jsonBody(c, AdvanceBody), Date.now())),
  )
  .post("/admin/deliberations/:id/objections/:oid/answer", requireAuth, adminOnly, async (c) =>
    c.json(await answerObjection(getDb(c.env.DB), c.get("principal"), c.req.param("id"), c.req.param("oid"), await jsonBody(c, AnswerBody), Date.now())),
  )
  .post("/admin/representatives/:userId", requireAuth, adminOnly, async (c) => {
    await nameRepresentative(getDb(c.env.DB), c.get("principal"), c.req.param("userId"), Date.now());
    return c.body(null, 204);
  })
  .delete("/admin/representatives/:userId", requireAuth, adminOnly, async (c) => {
    await removeRepresentative(getDb(c.env.DB), c.get("principal"), c.req.param("userId"), Date.now());
    return c.body(null, 204);
  });
