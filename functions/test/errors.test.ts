import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { api, residentLogin } from "./helpers";

describe("the error layer answers every failure in the contract's shape", () => {
  it("malformed JSON is 400 INVALID_JSON", async () => {
    const res = await api("POST", "/auth/dev-login", { body: "{ not json" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("INVALID_JSON");
    expect(res.body.error.message).toMatch(/JSON/);
  });

  it("a body that fails the schema is 400 VALIDATION_FAILED with each field and why", async () => {
    const res = await api("POST", "/auth/dev-login", { body: { openid: "", nickname: 7 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    const fields = res.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(["nickname", "openid"]);
    for (const d of res.body.error.details) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("a 70 KB body is 413 PAYLOAD_TOO_LARGE and creates nothing", async () => {
    const res = await api("POST", "/auth/dev-login", { body: { openid: "big", nickname: "x".repeat(70 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const count = await env.DB.prepare("select count(*) as n from users").first<{ n: number }>();
    expect(count?.n).toBe(0);
  });

  it("an unknown route is 404 NOT_FOUND", async () => {
    const res = await api("GET", "/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: "NOT_FOUND", message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it("an unexpected exception is 500 INTERNAL with no stack or SQL in the body", async () => {
    const app = createApp();
    app.get("/api/v1/boom", async () => {
      await env.DB.prepare("select * from no_such_table").all();
      return new Response("unreachable");
    });
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request("http://localhost/api/v1/boom"), env, ctx);
    await waitOnExecutionContext(ctx);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: "服务器开小差了，请稍后再试" } });
    expect(text).not.toMatch(/no_such_table|select|at |\.ts/i);
  });

  it("no token, a garbage token and a wrong scheme are 401 UNAUTHENTICATED", async () => {
    for (const authorization of [undefined, "Bearer garbage", "Bearer " + "A".repeat(43), "Basic YWRtaW46eA=="]) {
      const res = await api("GET", "/me", { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("an expired token is 401", async () => {
    const { token } = await residentLogin("expiring");
    await env.DB.prepare("update sessions set expires_at = ?").bind(Date.now() - 1000).run();
    const res = await api("GET", "/me", { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
    expect(res.body.error.message).toMatch(/过期/);
  });
});
