import { Hono } from "hono";
import { getDb } from "../../db/client";
import { sendLog } from "../../services/notifications/send-log";
import { page } from "../page";
import { NotificationsPage } from "../pages/notifications";
import type { ConsoleEnv } from "../session";

/** 通知: how the WeChat subscribe messages fared (admins only, see NAV). */
export const notificationsSection = new Hono<ConsoleEnv>().get("/notifications", (c) =>
  page(c, "/console/notifications", "通知", async () => <NotificationsPage log={await sendLog(getDb(c.env.DB), c.get("staff"))} />),
);
