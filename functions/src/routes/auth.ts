import { DevLoginBody, StaffLoginBody, WechatLoginBody } from "@renxing/shared";
import { Hono } from "hono";
import { requireAuth } from "../auth/middleware";
import { revokeSession } from "../auth/sessions";
import { code2Session } from "../auth/wechat";
import { getDb } from "../db/client";
import { isProduction, type AppEnv } from "../env";
import { notFound } from "../http/errors";
import { jsonBody } from "../http/input";
import { auditInsert, staffActor } from "../services/audit";
import { loginResident } from "../services/residents";
import { loginStaff } from "../services/staff";

export const authRoutes = new Hono<AppEnv>()
  // Lets the H5 build decide whether to show its development sign-in screen.
  .get("/auth/methods", (c) => c.json({ wechat: true, devLogin: !isProduction(c.env) }))
  .post("/auth/wechat", async (c) => {
    const { code } = await jsonBody(c, WechatLoginBody);
    const { openid } = await code2Session(c.env, code);
    return c.json(await loginResident(getDb(c.env.DB), openid, "微信用户"));
  })
  .post("/auth/dev-login", async (c) => {
    // Development only: in production this route does not exist for anyone.
    if (isProduction(c.env)) throw notFound();
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
    const revoke = revokeSession(db, p.tokenHash);
    if (p.kind === "staff") {
      await db.batch([revoke, auditInsert(db, { actor: staffActor(p), action: "staff.logout", outcome: "ok" })]);
    } else {
      await revoke;
    }
    return c.body(null, 204);
  });
