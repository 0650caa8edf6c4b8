import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app";
import { getDb } from "../src/db/client";
import worker from "../src/index";
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

describe("logs name no one", () => {
  const PHONE = "13912345678";
  const ADDRESS = "仁兴街道八一路17号3单元502";
  const TOKEN_HASH = "k3Jd9sQm2vXo8RtY4wLp6zNc1bHf5gUe7aTi0yWqSxE";

  /** Everything the Worker writes to the log while `run` runs, one string per call. */
  async function logsOf(run: () => Promise<unknown>): Promise<string[]> {
    const lines: string[] = [];
    const keep = (...args: unknown[]) => void lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(" "));
    for (const level of ["error", "warn", "log", "info", "debug"] as const) vi.spyOn(console, level).mockImplementation(keep);
    await run();
    return lines;
  }
  afterEach(() => vi.restoreAllMocks());

  it("a failing D1 call logs the request id, method, route pattern and error code, not the bound values or the path's ids", async () => {
    const app = createApp();
    app.post("/api/v1/residents/:id/address", async () => {
      await getDb(env.DB).run(sql`insert into no_such_table (phone, address, token_hash) values (${PHONE}, ${ADDRESS}, ${TOKEN_HASH})`);
      return new Response("unreachable");
    });
    let res!: Response;
    const lines = await logsOf(async () => {
      const ctx = createExecutionContext();
      res = await app.fetch(new Request("http://localhost/api/v1/residents/usr_wang_xiulan/address", { method: "POST" }), env, ctx);
      await waitOnExecutionContext(ctx);
    });

    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: "INTERNAL", message: "服务器开小差了，请稍后再试" } });
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const logged = lines.join("\n");
    for (const secret of [PHONE, ADDRESS, TOKEN_HASH, "usr_wang_xiulan", "no_such_table", "insert"]) expect(logged).not.toContain(secret);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { msg: "unhandled error", requestId, method: "POST", route: "/api/v1/residents/:id/address", status: 500, error: "DrizzleQueryError", code: "SQLITE_ERROR" },
    ]);
  });

  it("a failing cron job logs which job and the error code, not the values in the error", async () => {
    const failure = new Error(`D1_ERROR: UNIQUE constraint failed: phone ${PHONE} at ${ADDRESS}: SQLITE_CONSTRAINT`);
    const brokenDb = new Proxy({}, { get: () => () => { throw failure; } }) as D1Database;
    let runFailure: unknown;
    const lines = await logsOf(async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime: Date.now() }), { ...env, DB: brokenDb }, ctx);
      await waitOnExecutionContext(ctx).catch((err) => (runFailure = err));
    });
    // The run still fails (the cron shows as failed), with an error the runtime may log as it is.
    expect(String(runFailure)).toBe("Error: auto check-out failed: SQLITE_CONSTRAINT");
    const logged = lines.join("\n");
    expect(logged).not.toContain(PHONE);
    expect(logged).not.toContain(ADDRESS);
    expect(lines.map((l) => JSON.parse(l))).toContainEqual({ msg: "auto check-out failed", error: "Error", code: "SQLITE_CONSTRAINT" });
  });
});
