import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env";
import worker from "../src/index";
import { consoleLogin, consolePage } from "./console-helpers";
import { admin, wishBody } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

/**
 * WeChat's content check of a wish's title and story, against the fake WeChat
 * (test/fake-wechat.ts): `【违规】` → risky, `【待审】` → review, `【超时】` → answers after 8 s.
 */

/** POST /wishes with some bindings changed for this one request (WeChat unreachable, check off). */
async function postWishWith(token: string, body: object, bindings: Partial<Env>) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request("http://localhost/api/v1/wishes", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
    { ...env, ...bindings },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, body: (await res.json()) as any };
}

const wishesOf = (userId: string) => rows<{ id: string; status: string; content_check: string | null }>("select id, status, content_check from wishes where user_id = ?", userId);

async function adminView(wishId: string) {
  const list = await api("GET", "/admin/wishes?status=pending_review&limit=100", { token: await admin() });
  expect(list.status).toBe(200);
  return (list.body.items as { id: string; contentCheck: string | null }[]).find((w) => w.id === wishId);
}

async function queueRow(wishId: string) {
  const { cookie } = await consoleLogin();
  const queue = await consolePage("/wishes", { cookie });
  expect(queue.status).toBe(200);
  const row = new RegExp(`<tr data-wish="${wishId}"[^>]*>([\\s\\S]*?)</tr>`).exec(queue.html);
  expect(row).not.toBeNull();
  return row![1]!;
}

describe("content check of a posted wish", () => {
  it("risky text is refused with 422 CONTENT_REJECTED and nothing is saved", async () => {
    const { token, user } = await residentLogin("cc-risky");
    const res = await api("POST", "/wishes", { token, body: wishBody({ story: "孩子的书包坏了【违规】想换一个新的书包。" }) });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ error: { code: "CONTENT_REJECTED", message: "内容包含不适宜公开的信息，请修改后再提交" } });
    expect(await wishesOf(user.id)).toEqual([]);
  });

  it("ordinary text passes: saved for review without a flag", async () => {
    const { token, user } = await residentLogin("cc-pass");
    const res = await api("POST", "/wishes", { token, body: wishBody() });
    expect(res.status).toBe(201);
    expect(await wishesOf(user.id)).toEqual([{ id: res.body.id, status: "pending_review", content_check: "pass" }]);
    expect((await adminView(res.body.id))?.contentCheck).toBe("pass");
    expect(await queueRow(res.body.id)).not.toContain("需人工复核");
  });

  it("text WeChat wants reviewed is saved, not public, and flagged in the console queue and the admin view", async () => {
    const { token, user } = await residentLogin("cc-review");
    const res = await api("POST", "/wishes", { token, body: wishBody({ title: "想要一个书包【待审】" }) });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), status: "pending_review" });
    expect(await wishesOf(user.id)).toEqual([{ id: res.body.id, status: "pending_review", content_check: "review" }]);
    expect((await api("GET", `/wishes/${res.body.id}`)).status).toBe(404);
    expect((await adminView(res.body.id))?.contentCheck).toBe("review");
    expect(await queueRow(res.body.id)).toContain("需人工复核：微信内容安全");
  });

  it("WeChat unreachable: the wish is saved for review and flagged, never published unchecked", async () => {
    const { token, user } = await residentLogin("cc-unreachable");
    // Port 9 (discard) has nothing listening, as in wechat.test.ts. workerd logs the refused
    // connection as an uncaught exception although the check catches it.
    const res = await postWishWith(token, wishBody(), { WECHAT_API_BASE: "http://127.0.0.1:9" });
    expect(res.status).toBe(201);
    expect(await wishesOf(user.id)).toEqual([{ id: res.body.id, status: "pending_review", content_check: "unavailable" }]);
    expect((await adminView(res.body.id))?.contentCheck).toBe("unavailable");
    expect(await queueRow(res.body.id)).toContain("需人工复核：微信内容安全");
  });

  it("WeChat too slow: after 3 s the wish is saved for review and flagged", async () => {
    const { token, user } = await residentLogin("cc-slow");
    const started = Date.now();
    const res = await api("POST", "/wishes", { token, body: wishBody({ story: "孩子的书包坏了【超时】想换一个新的书包。" }) });
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(7000);
    expect(await wishesOf(user.id)).toEqual([{ id: res.body.id, status: "pending_review", content_check: "unavailable" }]);
  });

  it("a token WeChat no longer accepts is refreshed once and the check goes through", async () => {
    const { token, user } = await residentLogin("cc-stale");
    expect((await api("POST", "/wishes", { token, body: wishBody({ title: "第一个心愿" }) })).status).toBe(201);
    const cached = (await rows<{ token: string }>("select token from wechat_tokens"))[0]!.token;
    await fetch(new URL("/__expire", env.WECHAT_API_BASE), { method: "POST", body: JSON.stringify({ token: cached }) });
    const res = await api("POST", "/wishes", { token, body: wishBody({ title: "第二个心愿【待审】" }) });
    expect(res.status).toBe(201);
    expect((await wishesOf(user.id)).map((w) => w.content_check).sort()).toEqual(["pass", "review"]);
    expect((await rows<{ token: string }>("select token from wechat_tokens"))[0]!.token).not.toBe(cached);
  });

  it('CONTENT_CHECK = "off" (local development) saves the wish with "off" and asks WeChat nothing', async () => {
    const { token, user } = await residentLogin("cc-off");
    const res = await postWishWith(token, wishBody({ story: "孩子的书包坏了【违规】想换一个新的书包。" }), { CONTENT_CHECK: "off", WECHAT_API_BASE: "http://127.0.0.1:9" });
    expect(res.status).toBe(201);
    expect(await wishesOf(user.id)).toEqual([{ id: res.body.id, status: "pending_review", content_check: "off" }]);
  });
});
