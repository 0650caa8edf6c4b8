import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { api, residentLogin, rows } from "./helpers";

describe("dev-login", () => {
  it("gives a token that /me accepts, and the same user for the same openid", async () => {
    const first = await residentLogin("resident-a", "王阿姨");
    const again = await residentLogin("resident-a", "别的昵称");
    expect(again.user.id).toBe(first.user.id);
    expect(again.token).not.toBe(first.token);
    const me = await api("GET", "/me", { token: first.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: first.user.id, nickname: "王阿姨", roles: ["resident"], teams: [], driver: null, partner: null, totalServiceMinutes: 0 });
  });

  it("is announced by GET /auth/methods outside production only", async () => {
    expect((await api("GET", "/auth/methods")).body).toEqual({ wechat: true, devLogin: true });
    const app = createApp();
    const res = await app.fetch(new Request("http://localhost/api/v1/auth/methods"), { ...env, ENVIRONMENT: "production" }, createExecutionContext());
    expect(await res.json()).toEqual({ wechat: true, devLogin: false });
  });

  it("answers 404 when ENVIRONMENT is production, and creates no user", async () => {
    const app = createApp();
    const ctx = createExecutionContext();
    const res = await app.fetch(
      new Request("http://localhost/api/v1/auth/dev-login", { method: "POST", body: JSON.stringify({ openid: "x", nickname: "x" }) }),
      { ...env, ENVIRONMENT: "production" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe("NOT_FOUND");
    expect(await rows("select id from users where openid like '%x'")).toHaveLength(0);
  });
});

describe("logout", () => {
  it("revokes the token at once, and only that token", async () => {
    const phone = await residentLogin("two-devices");
    const tablet = await residentLogin("two-devices");
    const out = await api("POST", "/auth/logout", { token: phone.token });
    expect(out.status).toBe(204);
    expect((await api("GET", "/me", { token: phone.token })).status).toBe(401);
    expect((await api("GET", "/me", { token: tablet.token })).status).toBe(200);
  });
});

describe("staff-login", () => {
  it("signs in the seeded admin and writes the login to the audit log", async () => {
    const res = await api("POST", "/auth/staff-login", { body: { username: "admin", password: "renxing-admin" } });
    expect(res.status).toBe(200);
    expect(res.body.staff).toEqual({ id: expect.any(String), username: "admin", role: "admin" });
    expect(typeof res.body.token).toBe("string");
    const audit = await rows<{ action: string; outcome: string; actor_id: string }>("select action, outcome, actor_id from audit_log");
    expect(audit).toEqual([{ action: "staff.login", outcome: "ok", actor_id: res.body.staff.id }]);
  });

  it("a wrong password or unknown username is 401 UNAUTHENTICATED with the same message", async () => {
    const wrong = await api("POST", "/auth/staff-login", { body: { username: "admin", password: "guess" } });
    const unknown = await api("POST", "/auth/staff-login", { body: { username: "nobody", password: "guess" } });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({ code: "UNAUTHENTICATED", message: "用户名或密码不正确" });
    }
    const failed = await rows<{ actor_label: string }>("select actor_label from audit_log where outcome = 'failed' order by actor_label");
    expect(failed.map((r) => r.actor_label)).toEqual(["admin", "nobody"]);
  });

  it("a staff token cannot act as a resident on /me", async () => {
    const { body } = await api("POST", "/auth/staff-login", { body: { username: "admin", password: "renxing-admin" } });
    const res = await api("GET", "/me", { token: body.token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });
});

describe("secrets at rest", () => {
  it("no plain password or plain session token is ever written to D1", async () => {
    const resident = await residentLogin("secret-check");
    const staffRes = await api("POST", "/auth/staff-login", { body: { username: "admin", password: "renxing-admin" } });
    await api("POST", "/auth/staff-login", { body: { username: "admin", password: "wrong-password-typed" } });
    const tokens = [resident.token, staffRes.body.token as string];

    const tables = await rows<{ name: string }>("select name from sqlite_master where type = 'table' and name not like '\\_%' escape '\\' and name not like 'sqlite%' and name <> 'd1_migrations'");
    expect(tables.map((t) => t.name)).toContain("sessions");
    const dump = JSON.stringify(await Promise.all(tables.map((t) => rows(`select * from "${t.name}"`))));
    for (const secret of ["renxing-admin", "wrong-password-typed", ...tokens]) expect(dump).not.toContain(secret);

    const stored = await rows<{ password_hash: string }>("select password_hash from staff where username = 'admin'");
    expect(stored[0]!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    const hashes = await rows<{ token_hash: string }>("select token_hash from sessions");
    for (const h of hashes) expect(h.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("concurrency", () => {
  it("ten first logins for one openid at once make exactly one account", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => residentLogin("rush-hour")));
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(await rows("select id from users where openid = 'dev:rush-hour'")).toHaveLength(1);
  });
});

describe("audit log", () => {
  it("cannot be edited or deleted, even with direct SQL", async () => {
    await api("POST", "/auth/staff-login", { body: { username: "admin", password: "nope" } });
    await expect(env.DB.prepare("update audit_log set outcome = 'ok'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("delete from audit_log").run()).rejects.toThrow(/append-only/);
    expect((await rows("select outcome from audit_log")).length).toBeGreaterThan(0);
  });
});
