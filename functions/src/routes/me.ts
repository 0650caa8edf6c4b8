import { UpdateMeBody } from "@renxing/shared";
import { Hono } from "hono";
import { requireAuth, residentOf } from "../auth/middleware";
import { bearer } from "../auth/session-batch";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { jsonBody } from "../http/input";
import { getMe, updateMe } from "../services/residents";

export const meRoutes = new Hono<AppEnv>()
  .get("/me", bearer, async (c) => c.json(await getMe(getDb(c.env.DB), c.get("bearer"))))
  .put("/me", requireAuth, async (c) => {
    const me = residentOf(c);
    const patch = await jsonBody(c, UpdateMeBody);
    return c.json(await updateMe(getDb(c.env.DB), me.id, patch));
  });
