import { toShanghaiIso, type Open311KeyItem } from "@renxing/shared";
import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { assertAdmin } from "../auth/roles";
import { hashToken, newToken } from "../auth/tokens";
import type { Db } from "../db/client";
import { open311Keys, staff } from "../db/schema";
import type { Principal } from "../env";
import { ApiError, forbidden, notFound } from "../http/errors";
import { newId } from "../lib/ids";
import { auditInsert, auditInsertWhen, staffActor } from "./audit";
import { lockedOut, readLockOut, recordFailedAttempt, type AttemptLimit } from "./limits/attempts";

/** Every key starts so, so a leaked one is recognisable in a log or a repository scan. */
export const OPEN311_KEY_PREFIX = "rx311_";

/**
 * How many POSTs one key may make: far more than a district platform forwards to one community
 * in an hour, and a ceiling on what a leaked key can file before an admin revokes it.
 */
export const OPEN311_POSTS: AttemptLimit = {
  max: 60,
  windowMs: 3600_000,
  message: (minutes) => `提交过于频繁（每个密钥每小时最多60条），请${minutes}分钟后再试`,
};
const POSTS_SCOPE = "open311_post";

/** The Open311 client a key belongs to, as the report's filer. */
export interface Open311Client {
  keyId: string;
  name: string;
}

/**
 * Issues a key for an Open311 client. The plain key is in the answer once and never again: only
 * its SHA-256 is stored.
 *
 * @example const { key } = await issueOpen311Key(db, admin, "皇姑区指挥平台") // "rx311_…"
 */
export async function issueOpen311Key(db: Db, actor: Principal, name: string, now = Date.now()) {
  assertAdmin(actor);
  const id = newId("o3k");
  const key = OPEN311_KEY_PREFIX + newToken();
  await db.batch([
    db.insert(open311Keys).values({ id, name, keyHash: await hashToken(key), createdBy: actor.id, createdAt: now }),
    auditInsert(db, { actor: staffActor(actor), action: "open311_key.issue", target: { kind: "open311_key", id }, outcome: "ok", detail: { name } }, now),
  ]);
  return { id, name, key };
}

/**
 * Revokes a key: from now on it gets 403. The audit entry goes first in the batch with the same
 * guard as the UPDATE (a batch is one transaction), so of two parallel revokes only the one that
 * revoked is audited. Unknown → 404; already revoked → 409.
 */
export async function revokeOpen311Key(db: Db, actor: Principal, id: string, now = Date.now()): Promise<Open311KeyItem> {
  assertAdmin(actor);
  const live = and(eq(open311Keys.id, id), isNull(open311Keys.revokedAt));
  const [, revoked, found] = await db.batch([
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "open311_key.revoke", target: { kind: "open311_key", id }, outcome: "ok" },
      sql`exists (select 1 from ${open311Keys} where ${live})`,
      now,
    ),
    db.update(open311Keys).set({ revokedAt: now }).where(live).returning({ id: open311Keys.id }),
    db.select({ id: open311Keys.id }).from(open311Keys).where(eq(open311Keys.id, id)),
  ]);
  if (!found[0]) throw notFound("找不到这个密钥");
  if (!revoked[0]) throw new ApiError(409, "INVALID_TRANSITION", "这个密钥已经停用");
  const [item] = await keyItems(db, eq(open311Keys.id, id));
  return item!;
}

/** Every key issued, newest first, with who issued it; never a key or its hash. */
export async function listOpen311Keys(db: Db, actor: Principal): Promise<Open311KeyItem[]> {
  assertAdmin(actor);
  return keyItems(db);
}

async function keyItems(db: Db, where?: SQL): Promise<Open311KeyItem[]> {
  const rows = await db
    .select({
      id: open311Keys.id,
      name: open311Keys.name,
      createdAt: open311Keys.createdAt,
      createdBy: staff.displayName,
      revokedAt: open311Keys.revokedAt,
      lastUsedAt: open311Keys.lastUsedAt,
    })
    .from(open311Keys)
    .innerJoin(staff, eq(staff.id, open311Keys.createdBy))
    .where(where)
    .orderBy(desc(open311Keys.createdAt), desc(open311Keys.id));
  return rows.map((k) => ({
    ...k,
    createdAt: toShanghaiIso(k.createdAt),
    revokedAt: k.revokedAt === null ? null : toShanghaiIso(k.revokedAt),
    lastUsedAt: k.lastUsedAt === null ? null : toShanghaiIso(k.lastUsedAt),
  }));
}

/**
 * The client behind `apiKey`, for one POST, in one batch: the live key is stamped as used, and
 * the POST is counted against the key's hourly limit. Every POST counts, not only failed ones:
 * the attempt limit is the key's rate limit. No key, an unknown or a revoked one → 403; past the
 * limit → 429.
 */
export async function open311Client(db: Db, apiKey: string | undefined, now = Date.now()): Promise<Open311Client> {
  if (!apiKey) throw forbidden("缺少 api_key：请向社区管理员申请密钥");
  const keyHash = await hashToken(apiKey);
  const live = and(eq(open311Keys.keyHash, keyHash), isNull(open311Keys.revokedAt));
  const [used, counted, lockOut] = await db.batch([
    db.update(open311Keys).set({ lastUsedAt: now }).where(live).returning({ keyId: open311Keys.id, name: open311Keys.name }),
    recordFailedAttempt(db, OPEN311_POSTS, POSTS_SCOPE, keyHash, sql`exists (select 1 from ${open311Keys} where ${live})`, now),
    readLockOut(db, OPEN311_POSTS, POSTS_SCOPE, keyHash, now),
  ]);
  const client = used[0];
  if (!client) throw forbidden("api_key 无效或已停用");
  if (!counted[0]) throw lockedOut(OPEN311_POSTS, lockOut[0]?.windowStartedAt ?? now, now);
  return client;
}
