import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { sessions, staff, users } from "../db/schema";
import type { Principal } from "../env";
import { hashToken, newToken } from "./tokens";

export const RESIDENT_SESSION_MS = 30 * 24 * 60 * 60 * 1000;
export const STAFF_SESSION_MS = 12 * 60 * 60 * 1000;

export type SessionSubject = { userId: string } | { staffId: string };

/**
 * Mints a token for a user or staff member. Returns the token (given to the client once) and the
 * insert to run, so callers can put it in the same `db.batch` as the rest of a login.
 */
export async function newSession(db: Db, subject: SessionSubject, now: number) {
  const token = newToken();
  const ttl = "staffId" in subject ? STAFF_SESSION_MS : RESIDENT_SESSION_MS;
  const insert = db.insert(sessions).values({
    tokenHash: await hashToken(token),
    userId: "userId" in subject ? subject.userId : null,
    staffId: "staffId" in subject ? subject.staffId : null,
    expiresAt: now + ttl,
    createdAt: now,
  });
  return { token, insert };
}

/**
 * The session row of a token hash, unless revoked or expired: a statement to run alone or to put
 * first in a read's own batch (auth/session-batch.ts).
 */
export function sessionQuery(db: Db, tokenHash: string, now: number) {
  return db
    .select({
      userId: sessions.userId,
      // For WeChat calls made on the resident's behalf (the content check), without another query.
      openid: users.openid,
      staffId: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      gridId: staff.gridId,
    })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .leftJoin(staff, eq(staff.id, sessions.staffId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>["get"]>>;

/** Who a session row belongs to; null when there is no row (unknown, revoked or expired). */
export function principalOf(row: SessionRow, tokenHash: string): Principal | null {
  if (!row) return null;
  if (row.userId && row.openid) return { kind: "user", id: row.userId, openid: row.openid, tokenHash };
  if (row.staffId && row.username && row.role) {
    return { kind: "staff", id: row.staffId, username: row.username, displayName: row.displayName ?? row.username, role: row.role, gridId: row.gridId, tokenHash };
  }
  return null;
}

/** Who a bearer token belongs to, in one query; null when unknown, revoked or expired. */
export async function resolveSession(db: Db, token: string, now: number): Promise<Principal | null> {
  const tokenHash = await hashToken(token);
  return principalOf(await sessionQuery(db, tokenHash, now).get(), tokenHash);
}

/** Ends a session; the token stops working at once. */
export function revokeSession(db: Db, tokenHash: string) {
  return db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}
