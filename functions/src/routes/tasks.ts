import { CheckInBody, HoursRangeQuery, ManualHoursBody, TaskBody } from "@renxing/shared";
import { Hono } from "hono";
import { adminOnly, requireAuth, residentOf, residentOnly } from "../auth/middleware";
import { bearer, optionalBearer } from "../auth/session-batch";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { jsonBody, queryParams } from "../http/input";
import { addManualHours, hoursCsv, hoursSummary, myHours } from "../services/hours";
import { checkIn, checkOut, createTask, getTaskForBearer, listUpcomingTasks, signUp, taskRoster, withdraw } from "../services/tasks";

export const taskRoutes = new Hono<AppEnv>()
  .get("/tasks", optionalBearer, async (c) => c.json(await listUpcomingTasks(getDb(c.env.DB), c.get("bearer"))))
  .get("/tasks/:id", optionalBearer, async (c) => c.json(await getTaskForBearer(getDb(c.env.DB), c.get("bearer"), c.req.param("id"))))
  .post("/tasks/:id/signup", requireAuth, residentOnly, idempotent, async (c) => c.json(await signUp(getDb(c.env.DB), residentOf(c), c.req.param("id")), 201))
  .delete("/tasks/:id/signup", requireAuth, async (c) => {
    await withdraw(getDb(c.env.DB), residentOf(c), c.req.param("id"));
    return c.body(null, 204);
  })
  .post("/tasks/:id/check-in", requireAuth, async (c) => {
    const resident = residentOf(c);
    return c.json(await checkIn(getDb(c.env.DB), resident, c.req.param("id"), await jsonBody(c, CheckInBody)));
  })
  .post("/tasks/:id/check-out", requireAuth, async (c) => c.json(await checkOut(getDb(c.env.DB), residentOf(c), c.req.param("id"))))
  .get("/me/hours", bearer, async (c) => c.json(await myHours(getDb(c.env.DB), c.get("bearer"))))
  .post("/admin/tasks", requireAuth, adminOnly, idempotent, async (c) => {
    const body = await jsonBody(c, TaskBody);
    return c.json(await createTask(getDb(c.env.DB), c.get("principal"), body), 201);
  })
  .get("/admin/tasks/:id/roster", requireAuth, adminOnly, async (c) => c.json({ items: await taskRoster(getDb(c.env.DB), c.get("principal"), c.req.param("id")), nextCursor: null }))
  .post("/admin/hours", requireAuth, adminOnly, idempotent, async (c) => {
    const body = await jsonBody(c, ManualHoursBody);
    return c.json(await addManualHours(getDb(c.env.DB), c.get("principal"), body), 201);
  })
  .get("/admin/hours/summary", requireAuth, adminOnly, async (c) => c.json(await hoursSummary(getDb(c.env.DB), c.get("principal"), queryParams(c, HoursRangeQuery))))
  .get("/admin/hours.csv", requireAuth, adminOnly, async (c) => {
    const csv = await hoursCsv(getDb(c.env.DB), c.get("principal"), queryParams(c, HoursRangeQuery));
    return c.body(csv.body, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${csv.filename}"`,
      "cache-control": "no-store",
    });
  });
