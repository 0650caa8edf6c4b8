import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { wechatTokens } from "../../db/schema";
import type { Env } from "../../env";

/**
 * WeChat's access token, from `stable_token`, shared by every Worker instance through D1.
 *
 * WeChat allows a limited number of token calls a day and every call may invalidate the last
 * token handed out, so exactly one caller refreshes at a time: it takes a short lease with one
 * guarded update; everyone else waits for the token it stores. A token is used until 5 minutes
 * before it expires. A send that WeChat answers with 40001/42001 forces one refresh (`stale`).
 */

const EARLY_MS = 5 * 60_000;
const LEASE_MS = 10_000;
const POLL_MS = 150;
const TIMEOUT_MS = 5000;

export class WechatUnavailable extends Error {
  constructor(readonly reason: string) {
    super(`WeChat unavailable: ${reason}`);
  }
}

/**
 * The last token this isolate saw, per appid: most calls need no D1 round trip at all. A token
 * another isolate refreshed meanwhile makes WeChat answer 40001 here once, which `stale` handles.
 */
const remembered = new Map<string, { token: string; expiresAt: number }>();

/** A token valid for at least 5 more minutes; `stale` is one WeChat just refused. */
export async function accessToken(db: Db, env: Env, options: { stale?: string; now?: () => number } = {}): Promise<string> {
  const now = options.now ?? Date.now;
  // One row per app: the token belongs to the appid that asked for it.
  const name = env.WECHAT_APPID ?? "";
  const known = remembered.get(name);
  if (known && known.token !== options.stale && known.expiresAt - EARLY_MS > now()) return known.token;
  return sharedToken(db, env, name, options.stale, now);
}

/** The token in D1, or a new one from the single caller holding the refresh lease. */
async function sharedToken(db: Db, env: Env, name: string, stale: string | undefined, now: () => number): Promise<string> {
  const deadline = now() + LEASE_MS + TIMEOUT_MS;
  for (;;) {
    const t = now();
    const row = await db.select().from(wechatTokens).where(eq(wechatTokens.name, name)).get();
    if (row?.token && row.token !== stale && row.expiresAt - EARLY_MS > t) {
      remembered.set(name, { token: row.token, expiresAt: row.expiresAt });
      return row.token;
    }
    if (await takeLease(db, name, t, stale)) return refresh(db, env, name, t, stale !== undefined && row?.token === stale);
    if (t > deadline) throw new WechatUnavailable("token refresh did not finish");
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * One guarded upsert: true for the single caller that may ask WeChat now. The guard repeats the
 * freshness check, so a caller that read the row just before another stored a new token does not
 * refresh it again.
 */
async function takeLease(db: Db, name: string, now: number, stale: string | undefined): Promise<boolean> {
  const needsToken = or(
    isNull(wechatTokens.token),
    lt(wechatTokens.expiresAt, now + EARLY_MS + 1),
    stale === undefined ? undefined : eq(wechatTokens.token, stale),
  );
  const taken = await db
    .insert(wechatTokens)
    .values({ name, token: null, expiresAt: 0, refreshingUntil: now + LEASE_MS, updatedAt: now })
    .onConflictDoUpdate({
      target: wechatTokens.name,
      set: { refreshingUntil: now + LEASE_MS, updatedAt: now },
      setWhere: and(or(isNull(wechatTokens.refreshingUntil), lt(wechatTokens.refreshingUntil, now)), needsToken),
    })
    .returning({ name: wechatTokens.name });
  return taken.length === 1;
}

async function refresh(db: Db, env: Env, name: string, now: number, force: boolean): Promise<string> {
  try {
    const { token, expiresInSeconds } = await stableToken(env, force);
    const expiresAt = now + expiresInSeconds * 1000;
    await db.update(wechatTokens).set({ token, expiresAt, refreshingUntil: null, updatedAt: now }).where(eq(wechatTokens.name, name));
    remembered.set(name, { token, expiresAt });
    return token;
  } catch (err) {
    // Free the lease at once so the next caller may try, instead of everyone waiting it out.
    await db.update(wechatTokens).set({ refreshingUntil: null }).where(and(eq(wechatTokens.name, name), sql`${wechatTokens.refreshingUntil} is not null`));
    throw err;
  }
}

async function stableToken(env: Env, force: boolean): Promise<{ token: string; expiresInSeconds: number }> {
  if (!env.WECHAT_APPID || !env.WECHAT_SECRET) throw new WechatUnavailable("WECHAT_APPID / WECHAT_SECRET not configured");
  let reply: { access_token?: string; expires_in?: number; errcode?: number };
  try {
    const res = await fetch(new URL("/cgi-bin/stable_token", env.WECHAT_API_BASE), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credential", appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET, force_refresh: force }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    reply = await res.json();
  } catch (err) {
    throw new WechatUnavailable(`stable_token: ${String(err)}`);
  }
  if (!reply.access_token || !reply.expires_in) throw new WechatUnavailable(`stable_token errcode ${reply.errcode ?? "none"}`);
  return { token: reply.access_token, expiresInSeconds: reply.expires_in };
}
