import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { api, count, rows } from "./helpers";

describe("WeChat login against a local server playing jscode2session", () => {
  it("a good code signs the resident in, once per openid", async () => {
    const res = await api("POST", "/auth/wechat", { body: { code: "ok:o6_bmjrPTlm6_2sgVt7hMZOPfL2M" } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ roles: ["resident"], nickname: "微信用户" });
    const me = await api("GET", "/me", { token: res.body.token });
    expect(me.body.id).toBe(res.body.user.id);

    const again = await api("POST", "/auth/wechat", { body: { code: "ok:o6_bmjrPTlm6_2sgVt7hMZOPfL2M" } });
    expect(again.body.user.id).toBe(res.body.user.id);
    expect(await rows("select id from users where openid = ?", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")).toHaveLength(1);
  });

  it("an invalid code (errcode 40029) is 401 with a clear message, and writes nothing", async () => {
    const before = { users: await count("users"), sessions: await count("sessions") };
    const res = await api("POST", "/auth/wechat", { body: { code: "expired-code" } });
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: "UNAUTHENTICATED", message: "微信登录凭证无效或已过期，请重新进入小程序" });
    expect({ users: await count("users"), sessions: await count("sessions") }).toEqual(before);
  });

  it("WeChat unreachable is 502 WECHAT_UNAVAILABLE, and writes nothing", async () => {
    const before = { users: await count("users"), sessions: await count("sessions") };
    const app = createApp();
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request("http://localhost/api/v1/auth/wechat", { method: "POST", body: JSON.stringify({ code: "ok:someone" }) }),
      { ...env, WECHAT_API_BASE: "http://127.0.0.1:9" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({ error: { code: "WECHAT_UNAVAILABLE", message: "暂时无法连接微信，请稍后再试" } });
    expect({ users: await count("users"), sessions: await count("sessions") }).toEqual(before);
  });

  it("an empty code is 400 VALIDATION_FAILED without calling WeChat", async () => {
    const res = await api("POST", "/auth/wechat", { body: { code: "" } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("code");
  });
});
