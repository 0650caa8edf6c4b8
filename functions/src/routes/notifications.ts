import { ListQuery, MarkReadBody, SubscriptionsBody } from "@renxing/shared";
import { Hono } from "hono";
import { requireAuth, residentOf } from "../auth/middleware";
import { bearer } from "../auth/session-batch";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { jsonBody, queryParams } from "../http/input";
import { addSubscriptions, listMyNotifications, markRead, mySubscriptions, unreadCount } from "../services/notifications/inbox";
import { templatesOf } from "../services/wechat/templates";

export const notificationRoutes = new Hono<AppEnv>()
  .get("/me/notifications", bearer, async (c) => c.json(await listMyNotifications(getDb(c.env.DB), c.get("bearer"), queryParams(c, ListQuery))))
  .get("/me/notifications/unread-count", bearer, async (c) => c.json(await unreadCount(getDb(c.env.DB), c.get("bearer"))))
  .post("/me/notifications/read", requireAuth, async (c) => {
    const resident = residentOf(c);
    await markRead(getDb(c.env.DB), resident, await jsonBody(c, MarkReadBody));
    return c.body(null, 204);
  })
  .get("/me/subscriptions", bearer, async (c) => c.json(await mySubscriptions(getDb(c.env.DB), c.get("bearer"), templatesOf(c.env))))
  .post("/me/subscriptions", requireAuth, async (c) => {
    const resident = residentOf(c);
    const body = await jsonBody(c, SubscriptionsBody);
    return c.json(await addSubscriptions(getDb(c.env.DB), resident, body, templatesOf(c.env)));
  });
