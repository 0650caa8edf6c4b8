import type { StaffLoginResponse } from "@renxing/shared";
import { and, eq, lt, sql } from "drizzle-orm";
import { decoyHash, verifyPassword } from "../auth/password";
import { newSession, revokeSession } from "../auth/sessions";
import type { Db } from "../db/client";
import { loginThrottle, staff } from "../db/schema";
import type { StaffPrincipal } from "../env";
import { ApiError } from "../http/errors";
import { auditInsert, auditInsertWhen, staffActor } from "./audit";

/** 5 failed sign-ins for one username within 15 minutes lock it until the window has passed. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export const badCredentials = () => new ApiError(401, "UNAUTHENTICATED", "用户名或密码不正确");
const tooManyAttempts = () => new ApiError(429, "RATE_LIMITED", "密码错误次数过多，请15分钟后再试");

export interface StaffSession extends StaffLoginResponse {
  displayName: string;
}

/**
 * Checks a staff username and password and opens a session; used by the API and the console.
 * Two round trips: (1) restart an expired window, take an attempt slot, read the account;
 * (2) record the outcome. Taking the slot is one guarded UPDATE, so parallel guesses cannot
 * exceed the limit. Every outcome is audited; an unknown username costs the same hashing.
 */
export async function loginStaff(db: Db, username: string, password: string, now = Date.now()): Promise<StaffSession> {
  const [, slot, member] = await db.batch([
    db
      .insert(loginThrottle)
      .values({ username, windowStartedAt: now, failures: 0 })
      .onConflictDoUpdate({
        target: loginThrottle.username,
        set: { windowStartedAt: now, failures: 0 },
        setWhere: lt(loginThrottle.windowStartedAt, now - LOGIN_WINDOW_MS),
      }),
    db
      .update(loginThrottle)
      .set({ failures: sql`${loginThrottle.failures} + 1` })
      .where(and(eq(loginThrottle.username, username), lt(loginThrottle.failures, LOGIN_MAX_FAILURES)))
      .returning({ failures: loginThrottle.failures }),
    db.select().from(staff).where(eq(staff.username, username)),
  ]);
  const account = member[0];
  const actor = { kind: "anonymous" as const, id: account?.id, label: username };

  if (slot.length === 0) {
    await auditInsert(db, { actor, action: "staff.login", outcome: "denied", detail: { reason: "rate_limited" } }, now);
    throw tooManyAttempts();
  }
  const ok = await verifyPassword(password, account?.passwordHash ?? (await decoyHash()));
  if (!account || !ok) {
    await auditInsert(db, { actor, action: "staff.login", outcome: "failed" }, now);
    throw badCredentials();
  }
  const session = await newSession(db, { staffId: account.id }, now);
  await db.batch([
    session.insert,
    db.update(loginThrottle).set({ failures: 0 }).where(eq(loginThrottle.username, username)),
    auditInsert(db, { actor: staffActor(account), action: "staff.login", outcome: "ok" }, now),
  ]);
  return { token: session.token, staff: { id: account.id, username: account.username, role: account.role }, displayName: account.displayName };
}

/**
 * Ends a staff session, from the API or the console, and audits it in the same batch. The entry
 * goes first and only while the session still exists, so two logouts racing with one token (a
 * double click) record one logout, not two.
 *
 * @example await logoutStaff(db, c.get("staff"))
 */
export async function logoutStaff(db: Db, member: StaffPrincipal, now = Date.now()) {
  await db.batch([
    auditInsertWhen(db, { actor: staffActor(member), action: "staff.logout", outcome: "ok" }, sql`exists (select 1 from sessions where token_hash = ${member.tokenHash})`, now),
    revokeSession(db, member.tokenHash),
  ]);
}
