import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getDb } from "../src/db/client";
import { accessToken } from "../src/services/wechat/access-token";

/** The fake WeChat counts `stable_token` calls per appid; each test uses an appid of its own. */
async function tokenCalls(appid: string): Promise<number> {
  const res = await fetch(new URL(`/__calls?appid=${appid}`, env.WECHAT_API_BASE));
  return ((await res.json()) as { calls: number }).calls;
}
const withAppid = (appid: string) => ({ ...env, WECHAT_APPID: appid });

describe("WeChat access token", () => {
  it("20 parallel callers cause one stable_token call and all get the same token", async () => {
    const appid = "wx-slowtoken-parallel";
    const db = getDb(env.DB);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => accessToken(db, withAppid(appid))));
    expect([...new Set(tokens)]).toHaveLength(1);
    expect(await tokenCalls(appid)).toBe(1);
    // Cached: the next caller does not ask WeChat again.
    expect(await accessToken(db, withAppid(appid))).toBe(tokens[0]);
    expect(await tokenCalls(appid)).toBe(1);
  });

  it("a token WeChat refused is refreshed once, however many callers saw it refused", async () => {
    const appid = "wx-slowtoken-stale";
    const db = getDb(env.DB);
    const first = await accessToken(db, withAppid(appid));
    const fresh = await Promise.all(Array.from({ length: 5 }, () => accessToken(db, withAppid(appid), { stale: first })));
    expect(new Set(fresh).size).toBe(1);
    expect(fresh[0]).not.toBe(first);
    expect(await tokenCalls(appid)).toBe(2);
  });

  it("is refreshed 5 minutes before it expires", async () => {
    const appid = "wx-token-expiry";
    const db = getDb(env.DB);
    const start = Date.now();
    const first = await accessToken(db, withAppid(appid), { now: () => start });
    // The fake's tokens last 7200 s: at 7200 s − 6 min it is still good, at 7200 s − 4 min it is not.
    expect(await accessToken(db, withAppid(appid), { now: () => start + (7200 - 360) * 1000 })).toBe(first);
    const second = await accessToken(db, withAppid(appid), { now: () => start + (7200 - 240) * 1000 });
    expect(second).not.toBe(first);
    expect(await tokenCalls(appid)).toBe(2);
  });
});
