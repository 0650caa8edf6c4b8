import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { getDb } from "../db/client";
import { idempotencyKeys } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

const KEY = /^[A-Za-z0-9_.:-]{1,100}$/;
/** A reservation with no answer after this long belongs to a request that died; a retry may take it. */
export const IN_PROGRESS_STALE_MS = 60_000;

/**
 * Honours `Idempotency-Key` on a creating POST (after `requireAuth`): the first request with a key
 * reserves it in one guarded insert, runs, and stores its response; a repeat from the same caller
 * gets that response back and creates nothing. A repeat while the first is still running is 409.
 * Server errors (5xx) are not stored, so the client may retry them with the same key.
 *
 * @example app.post("/admin/hours", requireAuth, adminOnly, idempotent, handler)
 */
export const idempotent = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (key === undefined) return next();
  if (!KEY.test(key)) throw new ApiError(400, "VALIDATION_FAILED", "Idempotency-Key 格式不正确", [{ field: "Idempotency-Key", message: "1–100 个字母、数字或 _.:-" }]);

  const db = getDb(c.env.DB);
  const p = c.get("principal");
  const callerId = `${p.kind}:${p.id}`;
  const reservedAt = Date.now();
  // A Worker can die between reserving and storing its answer; without a takeover its key would
  // answer 409 until the daily sweep. The guarded upsert lets exactly one retry take a stale row.
  const reserved = await db
    .insert(idempotencyKeys)
    .values({ callerId, key, method: c.req.method, path: c.req.path, createdAt: reservedAt })
    .onConflictDoUpdate({
      target: [idempotencyKeys.callerId, idempotencyKeys.key],
      set: { method: sql`excluded.method`, path: sql`excluded.path`, createdAt: sql`excluded.created_at` },
      setWhere: and(isNull(idempotencyKeys.status), lt(idempotencyKeys.createdAt, reservedAt - IN_PROGRESS_STALE_MS)),
    })
    .returning({ key: idempotencyKeys.key });

  if (reserved.length === 0) {
    const first = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.callerId, callerId), eq(idempotencyKeys.key, key))).get();
    if (!first || first.status === null) throw new ApiError(409, "REQUEST_IN_PROGRESS", "相同的请求正在处理中，请稍候");
    if (first.method !== c.req.method || first.path !== c.req.path) {
      throw new ApiError(422, "IDEMPOTENCY_KEY_REUSED", "这个 Idempotency-Key 已用于另一个请求");
    }
    return new Response(first.body, { status: first.status, headers: { "content-type": "application/json; charset=UTF-8", "idempotent-replayed": "true" } });
  }

  await next();
  // Only while the reservation is still ours: a retry that took it over owns the stored answer.
  const where = and(eq(idempotencyKeys.callerId, callerId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.createdAt, reservedAt));
  if (c.res.status >= 500) {
    await db.delete(idempotencyKeys).where(where);
  } else {
    await db.update(idempotencyKeys).set({ status: c.res.status, body: await c.res.clone().text() }).where(where);
  }
});
