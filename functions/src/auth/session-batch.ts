import { sql, type SQL } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { createMiddleware } from "hono/factory";
import type { Db } from "../db/client";
import type { Principal, ResidentPrincipal } from "../env";
import { bearerToken, notAResident, sessionEnded } from "./middleware";
import { principalOf, sessionQuery } from "./sessions";
import { hashToken } from "./tokens";

/**
 * Reads in one D1 round trip. Every D1 call is a network trip, so instead of looking the session
 * up and then reading, a read puts the session lookup first in its own `db.batch` and finds its
 * user through `signedInUserId`, a subquery on the same token hash. The batch is correct whatever
 * the token turns out to be (a dead token's subquery finds no user), and the caller is refused
 * after it, exactly as `requireAuth` and `residentOf` would have, before any row is used.
 *
 * @example
 * .get("/me/hours", bearer, async (c) => c.json(await myHours(getDb(c.env.DB), c.get("bearer"))))
 * // in the service:
 * const [resident, [total]] = await residentBatch(db, bearer, [totalMinutesQuery(db, signedInUserId(bearer))]);
 */
export interface Bearer {
  tokenHash: string;
  /** The moment the session must still be valid at. */
  now: number;
}

/** A sent token, parsed and hashed but not looked up; 401 when missing or malformed. */
export const bearer = createMiddleware<{ Variables: { bearer: Bearer } }>(async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  c.set("bearer", { tokenHash: await hashToken(token), now: Date.now() });
  await next();
});

/**
 * As `bearer` when a token is sent, null when none is. A token that is sent but malformed or dead
 * is still 401 (the batch helpers refuse it), so a client notices its expired login.
 */
export const optionalBearer = createMiddleware<{ Variables: { bearer: Bearer | null } }>(async (c, next) => {
  const header = c.req.header("authorization");
  c.set("bearer", header ? { tokenHash: await hashToken(bearerToken(header)), now: Date.now() } : null);
  await next();
});

/** The signed-in user's id, as SQL for a statement batched after the session lookup; null for staff. */
export const signedInUserId = (b: Bearer): SQL => sql`(select user_id from sessions where token_hash = ${b.tokenHash} and expires_at > ${b.now})`;

type Statements = readonly [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

/** Runs `statements` in one batch after the session lookup; 401 for an unknown, revoked or expired token. */
export async function signedInBatch<T extends Statements>(db: Db, b: Bearer, statements: T): Promise<[Principal, BatchResponse<T>]> {
  const [session, ...rows] = await db.batch([sessionQuery(db, b.tokenHash, b.now), ...statements]);
  const principal = principalOf(session[0], b.tokenHash);
  if (!principal) throw sessionEnded();
  return [principal, rows as unknown as BatchResponse<T>];
}

/** As `signedInBatch`, for a resident's own reads: staff tokens get 403. */
export async function residentBatch<T extends Statements>(db: Db, b: Bearer, statements: T): Promise<[ResidentPrincipal, BatchResponse<T>]> {
  const [principal, rows] = await signedInBatch(db, b, statements);
  if (principal.kind !== "user") throw notAResident();
  return [principal, rows];
}

/** For reads open to anyone that show a signed-in caller more: without a token, no lookup at all. */
export async function viewerBatch<T extends Statements>(db: Db, b: Bearer | null, statements: T): Promise<[Principal | null, BatchResponse<T>]> {
  if (!b) return [null, (await db.batch(statements)) as BatchResponse<T>];
  return signedInBatch(db, b, statements);
}
