import { DevLoginBody, StaffLoginBody, WechatLoginBody } from "@renxing/shared";
import { Hono } from "hono";
import { requireAuth } from "../auth/middleware";
import { revokeSession } from "../auth/sessions";
import { code2Session } from "../services/wechat/login";
import { getDb } from "../db/client";
import { isDevelopment, type AppEnv } from "../env";
import { notFound } from "../http/errors";
import { jsonBody } from "../http/input";
import { loginResident } from "../services/residents";
import { loginStaff, logoutStaff } from "../services/staff";

export const authRoutes = new Hono<AppEnv>()
  // Lets the H5 build decide whether to show its development sign-in screen.
  .get("/auth/methods", (c) => c.json({ wechat: true, devLogin: isDevelopment(c.env) }))
  .post("/auth/wechat", async (c) => {
    const { code } = await jsonBody(c, WechatLoginBody);
    const { openid } = await code2Session(c.env, code);
    return c.json(await loginResident(getDb(c.env.DB), openid, "微信用户"));
  })
  .post("/auth/dev-login", async (c) => {
    // Development only: in production this route does not exist for anyone.
    if (!isDevelopment(c.env)) throw notFound();
    const { openid, nickname } = await jsonBody(c, DevLoginBody);
    return c.json(await loginResident(getDb(c.env.DB), `dev:${openid}`, nickname));
  })
  .post("/auth/staff-login", async (c) => {
    const { username, password } = await jsonBody(c, StaffLoginBody);
    const { token, staff } = await loginStaff(getDb(c.env.DB), username, password);
    return c.json({ token, staff });
  })
  .post("/auth/logout", requireAuth, async (c) => {
    const db = getDb(c.env.DB);
    const p = c.get("principal");
    if (p.kind === "staff") await logoutStaff(db, p);
    else await revokeSession(db, p.tokenHash);
    return c.body(null, 204);
  });
