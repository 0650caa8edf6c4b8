import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashToken } from "../src/auth/tokens";
import { admin, gridWorker, openWish, volunteer } from "./fixtures";
import { api } from "./helpers";

/**
 * The one-round-trip reads look the session up in the same batch as their answer, so the answer
 * is read before anyone knows whose token it is. These pin down that a dead or foreign token
 * still gets only the refusal, exactly as when the session was looked up first.
 */
const RESIDENT_READS = ["/me", "/me/hours", "/me/wishes", "/me/claimed-wishes", "/me/applications", "/me/rides", "/me/driver-rides"];
// With a token, the public reads of one thing check it too: a dead one is 401, as before.
const READS = [...RESIDENT_READS, "/tasks", "/tasks/tsk_missing", "/wishes/wsh_missing", "/rides/open", "/rides/rde_missing"];

const EXPIRED = { error: { code: "UNAUTHENTICATED", message: "登录已过期，请重新登录" } };

async function expire(token: string) {
  await env.DB.prepare("update sessions set expires_at = ? where token_hash = ?").bind(Date.now() - 1, await hashToken(token)).run();
}

describe("reads with the session checked in their own batch", () => {
  it("an expired token gets 401 and nothing else, on every one", async () => {
    const vol = await volunteer("expired-reader");
    await expire(vol.token);
    for (const path of READS) {
      const res = await api("GET", path, { token: vol.token });
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 401, body: EXPIRED });
    }
  });

  it("a logged-out token gets 401 and nothing else, on every one", async () => {
    const vol = await volunteer("revoked-reader");
    expect((await api("POST", "/auth/logout", { token: vol.token })).status).toBe(204);
    for (const path of READS) {
      const res = await api("GET", path, { token: vol.token });
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 401, body: EXPIRED });
    }
  });

  it("a token of the right shape that was never issued gets 401 and nothing else", async () => {
    for (const path of READS) {
      const res = await api("GET", path, { token: "never-issued-token-aaaaaaaaaaaaaaaa" });
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 401, body: EXPIRED });
    }
  });

  it("a malformed or missing token on a resident's read is 401 请先登录", async () => {
    for (const path of RESIDENT_READS) {
      for (const headers of [{}, { authorization: "Bearer short" }, { authorization: "Basic abc" }] as Record<string, string>[]) {
        const res = await api("GET", path, { headers });
        expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 401, body: { error: { code: "UNAUTHENTICATED", message: "请先登录" } } });
      }
    }
  });

  it("staff tokens on a resident's own read get 403 and no resident's data", async () => {
    const tokens = [await admin(), (await gridWorker("reads-gw", "grd_renxing_05")).token];
    for (const token of tokens) {
      for (const path of RESIDENT_READS) {
        const res = await api("GET", path, { token });
        expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 403, body: { error: { code: "FORBIDDEN", message: "请使用居民账号登录小程序" } } });
      }
    }
  });

  it("each caller reads their own rows: /tasks shows my sign-up to me only, /me/wishes my wishes only", async () => {
    const [me, other] = [await volunteer("reads-me"), await volunteer("reads-other")];
    const startsAt = new Date(Date.now() + 24 * 3600_000).toISOString();
    const endsAt = new Date(Date.now() + 26 * 3600_000).toISOString();
    const body = { title: "社区义诊", description: "为老人测血压血糖", location: "社区活动室", startsAt, endsAt, capacity: 10 };
    const taskId = (await api("POST", "/admin/tasks", { token: await admin(), body })).body.id as string;
    expect((await api("POST", `/tasks/${taskId}/signup`, { token: me.token })).status).toBe(201);
    const mySignupSeenBy = async (token?: string) =>
      ((await api("GET", "/tasks", { token })).body.items as { id: string; mySignup: unknown }[]).find((t) => t.id === taskId)?.mySignup;
    expect(await mySignupSeenBy(me.token)).toEqual({ status: "signed_up", creditedMinutes: null });
    expect(await mySignupSeenBy(other.token)).toBeNull();
    expect(await mySignupSeenBy(await admin())).toBeNull();
    expect(await mySignupSeenBy()).toBeNull();

    const wishId = await openWish(me.token);
    expect((await api("GET", "/me/wishes", { token: me.token })).body.items.map((w: { id: string }) => w.id)).toEqual([wishId]);
    expect((await api("GET", "/me/wishes", { token: other.token })).body.items).toEqual([]);
  });

  it("the wish wall ignores tokens, a dead one included", async () => {
    const vol = await volunteer("wall-reader");
    await expire(vol.token);
    expect((await api("GET", "/wishes", { token: vol.token })).status).toBe(200);
  });
});
