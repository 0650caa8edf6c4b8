import { CommentBody, ListQuery, MeetingBody, PaymentBody, PledgeBody, ProgressBody, SuggestionBody } from "@renxing/shared";
import { Hono } from "hono";
import { adminOnly, requireAuth, residentOf, residentOnly, staffOf } from "../auth/middleware";
import { bearer } from "../auth/session-batch";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { jsonBody, queryParams } from "../http/input";
import { listComments, postComment } from "../services/deliberations/comments";
import { recordPayment, recordPledge } from "../services/deliberations/funding";
import { recordMeeting } from "../services/deliberations/meetings";
import { recordProgress } from "../services/deliberations/progress";
import { mySuggestions, postSuggestion } from "../services/deliberations/suggestions";

const originOf = (url: string) => new URL(url).origin;

/**
 * The deliberation hall's records (居民议事厅): residents' comments and suggestions, and what
 * staff record on a topic: consultation meetings, pledges and payments, progress updates.
 * The topics themselves, their stages and the votes are in ./deliberations.ts.
 */
export const deliberationRecordRoutes = new Hono<AppEnv>()
  .get("/deliberations/:id/comments", async (c) => c.json(await listComments(getDb(c.env.DB), c.req.param("id"), queryParams(c, ListQuery))))
  .post("/deliberations/:id/comments", requireAuth, residentOnly, idempotent, async (c) =>
    c.json(await postComment(getDb(c.env.DB), c.env, residentOf(c), c.req.param("id"), await jsonBody(c, CommentBody)), 201),
  )
  .post("/suggestions", requireAuth, residentOnly, idempotent, async (c) => c.json(await postSuggestion(getDb(c.env.DB), c.env, residentOf(c), await jsonBody(c, SuggestionBody)), 201))
  .get("/me/suggestions", bearer, async (c) => c.json(await mySuggestions(getDb(c.env.DB), c.get("bearer"), queryParams(c, ListQuery))))
  .post("/admin/deliberations/:id/meetings", requireAuth, adminOnly, idempotent, async (c) =>
    c.json(await recordMeeting(getDb(c.env.DB), staffOf(c), c.req.param("id"), await jsonBody(c, MeetingBody)), 201),
  )
  .post("/admin/deliberations/:id/pledges", requireAuth, adminOnly, idempotent, async (c) =>
    c.json(await recordPledge(getDb(c.env.DB), staffOf(c), c.req.param("id"), await jsonBody(c, PledgeBody)), 201),
  )
  .post("/admin/deliberations/:id/payments", requireAuth, adminOnly, idempotent, async (c) =>
    c.json(await recordPayment(getDb(c.env.DB), staffOf(c), c.req.param("id"), await jsonBody(c, PaymentBody)), 201),
  )
  .post("/admin/deliberations/:id/progress", requireAuth, adminOnly, idempotent, async (c) =>
    c.json(await recordProgress(getDb(c.env.DB), staffOf(c), c.req.param("id"), await jsonBody(c, ProgressBody), originOf(c.req.url)), 201),
  );
