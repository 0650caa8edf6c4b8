import { Hono } from "hono";
import type { AppEnv } from "../env";
import { errorJson } from "../http/errors";

/** GET /health: really asks D1, so a broken binding shows here rather than on a resident's phone. */
export const healthRoutes = new Hono<AppEnv>().get("/health", async (c) => {
  try {
    await c.env.DB.prepare("select 1").first();
    return c.json({ ok: true, db: "ok" });
  } catch (err) {
    console.error(JSON.stringify({ msg: "health: D1 unreachable", error: String(err) }));
    return errorJson(c, 503, { code: "DB_UNAVAILABLE", message: "数据库暂时不可用" });
  }
});
