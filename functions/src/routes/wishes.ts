import {
  AdminWishBody,
  AdminWishesQuery,
  AssignRepresentativeBody,
  ClaimWishBody,
  ConfirmWishBody,
  FulfilWishBody,
  PublicWishesQuery,
  ReviewWishBody,
  WishBody,
} from "@renxing/shared";
import { Hono } from "hono";
import { adminOnly, staffOnly, requireAuth, residentOf, residentOnly } from "../auth/middleware";
import { bearer, optionalBearer } from "../auth/session-batch";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { jsonBody, queryParams } from "../http/input";
import {
  addPartnerRepresentative,
  cancelWish,
  claimWish,
  confirmWish,
  fulfilWish,
  getWish,
  listClaimedByMe,
  listMyWishes,
  listPublicWishes,
  listWishesForStaff,
  postWish,
  recordWishOnBehalf,
  releaseWish,
  reviewWish,
} from "../services/wishes";

export const wishRoutes = new Hono<AppEnv>()
  .get("/wishes", async (c) => c.json(await listPublicWishes(getDb(c.env.DB), queryParams(c, PublicWishesQuery))))
  .post("/wishes", requireAuth, residentOnly, idempotent, async (c) => {
    const resident = residentOf(c);
    return c.json(await postWish(getDb(c.env.DB), c.env, resident, await jsonBody(c, WishBody)), 201);
  })
  .get("/me/wishes", bearer, async (c) => c.json(await listMyWishes(getDb(c.env.DB), c.get("bearer"))))
  .get("/me/claimed-wishes", bearer, async (c) => c.json(await listClaimedByMe(getDb(c.env.DB), c.get("bearer"))))
  .get("/wishes/:id", optionalBearer, async (c) => c.json(await getWish(getDb(c.env.DB), c.get("bearer"), c.req.param("id"))))
  .post("/wishes/:id/claim", requireAuth, async (c) => {
    const resident = residentOf(c);
    const body = await jsonBody(c, ClaimWishBody, { optional: true });
    return c.json(await claimWish(getDb(c.env.DB), resident, c.req.param("id"), body));
  })
  .post("/wishes/:id/release", requireAuth, async (c) => c.json(await releaseWish(getDb(c.env.DB), residentOf(c), c.req.param("id"))))
  .post("/wishes/:id/fulfil", requireAuth, async (c) => {
    const resident = residentOf(c);
    return c.json(await fulfilWish(getDb(c.env.DB), resident, c.req.param("id"), await jsonBody(c, FulfilWishBody), new URL(c.req.url).origin));
  })
  .post("/wishes/:id/confirm", requireAuth, async (c) => {
    const resident = residentOf(c);
    return c.json(await confirmWish(getDb(c.env.DB), resident, c.req.param("id"), await jsonBody(c, ConfirmWishBody)));
  })
  .post("/wishes/:id/cancel", requireAuth, async (c) => c.json(await cancelWish(getDb(c.env.DB), residentOf(c), c.req.param("id"))))
  .get("/admin/wishes", requireAuth, staffOnly, async (c) => c.json(await listWishesForStaff(getDb(c.env.DB), c.get("principal"), queryParams(c, AdminWishesQuery))))
  .post("/admin/wishes", requireAuth, staffOnly, idempotent, async (c) => {
    const body = await jsonBody(c, AdminWishBody);
    return c.json(await recordWishOnBehalf(getDb(c.env.DB), c.get("principal"), body), 201);
  })
  .post("/admin/wishes/:id/review", requireAuth, staffOnly, async (c) => {
    const body = await jsonBody(c, ReviewWishBody);
    return c.json(await reviewWish(getDb(c.env.DB), c.get("principal"), c.req.param("id"), body));
  })
  .post("/admin/partners/:id/representatives", requireAuth, adminOnly, async (c) => {
    const { userId } = await jsonBody(c, AssignRepresentativeBody);
    return c.json(await addPartnerRepresentative(getDb(c.env.DB), c.get("principal"), c.req.param("id"), userId));
  });
