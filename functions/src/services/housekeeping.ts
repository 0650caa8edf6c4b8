import { lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { idempotencyKeys, loginThrottle, rateLimits, sessions } from "../db/schema";
import { ATTEMPT_WINDOW_KEEP_MS } from "./limits/attempts";
import { LOGIN_WINDOW_MS } from "./staff";

/** Stored first responses are kept this long for retries; a client retries within minutes. */
export const IDEMPOTENCY_KEEP_MS = 2 * 24 * 3600_000;

/**
 * Daily clean-up of rows nobody can use any more: expired sessions, old idempotency records,
 * sign-in throttle windows and attempt-limit windows that have passed. One round trip.
 */
export async function sweepExpired(db: Db, now = Date.now()) {
  const [s, k, t, a] = await db.batch([
    db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.tokenHash }),
    db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_KEEP_MS)).returning({ key: idempotencyKeys.key }),
    db.delete(loginThrottle).where(lt(loginThrottle.windowStartedAt, now - LOGIN_WINDOW_MS)).returning({ username: loginThrottle.username }),
    db.delete(rateLimits).where(lt(rateLimits.windowStartedAt, now - ATTEMPT_WINDOW_KEEP_MS)).returning({ scope: rateLimits.scope }),
  ]);
  return { sessions: s.length, idempotencyKeys: k.length, loginWindows: t.length, attemptWindows: a.length };
}
