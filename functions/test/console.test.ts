import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password";
import { createConsoleApp } from "../src/console/app";
import { api, residentLogin, rows } from "./helpers";
import { consoleLogin, consolePage } from "./console-helpers";

const auditActions = async () =>
  rows<{ action: string; outcome: string; actor_label: string }>("select action, outcome, actor_label from audit_log order by at, rowid");

describe("console sign-in", () => {
  it("a correct password sets an HttpOnly, SameSite=Strict cookie scoped to /console and lands on 概览", async () => {
    const res = await consolePage("/login", { method: "POST", form: { username: "admin", password: "renxing-admin" } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/console");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^rx_console=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/console(;|$)/);
    expect(cookie).not.toMatch(/Secure/i); // plain http on 127.0.0.1 in development

    const home = await consolePage("/", { cookie: cookie.split(";")[0] });
    expect(home.status).toBe(200);
    expect(home.html).toContain("社区管理员（社区管理员）");
    expect(home.html).toContain("注册居民");
  });

  it("the cookie is Secure in production", async () => {
    // The console Worker's own ENVIRONMENT decides, not the main Worker's.
    const app = createConsoleApp();
    const res = await app.fetch(
      new Request("https://console.example/console/login", {
        method: "POST",
        headers: { origin: "https://console.example", "content-type": "application/x-www-form-urlencoded" },
        body: "username=admin&password=renxing-admin",
      }),
      { ...env, ENVIRONMENT: "production" },
      createExecutionContext(),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
  });

  it("a wrong password re-shows the form with a message and status 401", async () => {
    const res = await consolePage("/login", { method: "POST", form: { username: "admin", password: "wrong" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.html).toContain("用户名或密码不正确");
    expect(res.html).toContain('name="password"');
  });

  it("the 6th failure for one username within 15 minutes is 429, even with the right password", async () => {
    await env.DB.prepare("insert into staff (id, username, display_name, password_hash, role, created_at) values ('stf_t1', 'clerk', '李文员', ?, 'admin', 0)")
      .bind(await hashPassword("clerk-password"))
      .run();
    for (let i = 0; i < 5; i++) {
      expect((await consolePage("/login", { method: "POST", form: { username: "clerk", password: `guess-${i}` } })).status).toBe(401);
    }
    const sixth = await consolePage("/login", { method: "POST", form: { username: "clerk", password: "clerk-password" } });
    expect(sixth.status).toBe(429);
    expect(sixth.html).toContain("15分钟后再试");
    // The lock is per username: the admin can still sign in.
    expect((await consolePage("/login", { method: "POST", form: { username: "admin", password: "renxing-admin" } })).status).toBe(302);
    // And it lifts once the window has passed.
    await env.DB.prepare("update login_throttle set window_started_at = window_started_at - 16 * 60 * 1000 where username = 'clerk'").run();
    expect((await consolePage("/login", { method: "POST", form: { username: "clerk", password: "clerk-password" } })).status).toBe(302);
  });

  it("parallel guesses cannot exceed the limit", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api("POST", "/auth/staff-login", { body: { username: "ghost", password: `p${i}` } })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(results.find((r) => r.status === 429)!.body.error.code).toBe("RATE_LIMITED");
  });
});

describe("console protection", () => {
  it("pages without a session redirect to the login page", async () => {
    for (const path of ["/", "/audit", "/wishes", "/applications"]) {
      const res = await consolePage(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location")).toBe("/console/login");
    }
    const forged = await consolePage("/", { cookie: "rx_console=not-a-real-session-token-at-all-xxxxxxxx" });
    expect(forged.status).toBe(302);
  });

  it("a POST from a foreign Origin is 403, even with the right CSRF token, and changes nothing", async () => {
    const { cookie, csrf } = await consoleLogin();
    const res = await consolePage("/logout", { method: "POST", cookie, form: { _csrf: csrf }, origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await consolePage("/", { cookie })).status).toBe(200); // still signed in
    const login = await consolePage("/login", { method: "POST", form: { username: "admin", password: "renxing-admin" }, origin: "https://evil.example" });
    expect(login.status).toBe(403);
  });

  it("a POST without the CSRF token, or with another session's, is 403", async () => {
    const mine = await consoleLogin();
    const other = await consoleLogin();
    expect((await consolePage("/logout", { method: "POST", cookie: mine.cookie, form: {} })).status).toBe(403);
    expect((await consolePage("/logout", { method: "POST", cookie: mine.cookie, form: { _csrf: other.csrf } })).status).toBe(403);
    expect((await consolePage("/", { cookie: mine.cookie })).status).toBe(200);
  });

  it("every console response carries the security headers", async () => {
    const { cookie } = await consoleLogin();
    for (const res of [await consolePage("/login"), await consolePage("/", { cookie }), await consolePage("/")]) {
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
    }
  });

  it("console pages, files, redirects and error pages also demand HTTPS and keep other origins out (HSTS, COOP, CORP)", async () => {
    const { cookie, csrf } = await consoleLogin();
    const responses = {
      login: await consolePage("/login"),
      dashboard: await consolePage("/", { cookie }),
      redirect: await consolePage("/"),
      refused: await consolePage("/wishes/wsh_nope/approve", { method: "POST", cookie, form: { _csrf: csrf } }),
      missing: await consolePage("/no-such-page", { cookie }),
    };
    expect(responses.refused.status).toBe(404);
    for (const [name, res] of Object.entries(responses)) {
      expect(res.headers.get("strict-transport-security"), name).toBe("max-age=15552000; includeSubDomains");
      expect(res.headers.get("cross-origin-opener-policy"), name).toBe("same-origin");
      expect(res.headers.get("cross-origin-resource-policy"), name).toBe("same-origin");
      expect(res.headers.get("content-security-policy"), name).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
      );
      expect(res.headers.get("x-frame-options"), name).toBe("DENY");
      expect(res.headers.get("referrer-policy"), name).toBe("same-origin");
    }
    expect(responses.dashboard.headers.get("cache-control")).toBe("no-store");
  });

  it("logout ends the session: the old cookie no longer opens pages", async () => {
    const { cookie, csrf } = await consoleLogin();
    const out = await consolePage("/logout", { method: "POST", cookie, form: { _csrf: csrf } });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/console/login");
    expect((await consolePage("/", { cookie })).status).toBe(302);
  });

  it("sign-ins, failures, lock-outs, rejected requests and logouts all land in the audit log and show on 审计日志", async () => {
    await consolePage("/login", { method: "POST", form: { username: "admin", password: "bad" } });
    const { cookie, csrf } = await consoleLogin();
    await consolePage("/logout", { method: "POST", cookie, form: {} });
    await consolePage("/logout", { method: "POST", cookie, form: { _csrf: csrf } });
    const all = await auditActions();
    expect(all).toEqual(
      expect.arrayContaining([
        { action: "staff.login", outcome: "failed", actor_label: "admin" },
        { action: "staff.login", outcome: "ok", actor_label: "admin" },
        { action: "staff.login", outcome: "denied", actor_label: "clerk" },
        { action: "console.request_rejected", outcome: "denied", actor_label: "admin" },
        { action: "staff.logout", outcome: "ok", actor_label: "admin" },
      ]),
    );
    const viewer = await consoleLogin();
    const page = await consolePage("/audit", { cookie: viewer.cookie });
    expect(page.status).toBe(200);
    const firstRow = /<tbody><tr data-action="([^"]+)" data-outcome="([^"]+)"/.exec(page.html);
    expect(firstRow?.slice(1)).toEqual(["staff.login", "ok"]); // newest first: the viewer's own sign-in
    for (const label of ["登录", "退出登录", "拒绝可疑请求", "失败", "已拒绝"]) expect(page.html).toContain(label);
  });

  it("the audit log pages 50 entries at a time, newest first", async () => {
    const { cookie } = await consoleLogin();
    const stmt = env.DB.prepare("insert into audit_log (id, at, actor_kind, action, outcome) values (?, ?, 'system', 'test.fill', 'ok')");
    await env.DB.batch(Array.from({ length: 60 }, (_, i) => stmt.bind(`aud_fill_${String(i).padStart(2, "0")}`, 1000 + i)));
    const first = await consolePage("/audit", { cookie });
    const next = /href="(\/console\/audit\?cursor=[^"]+)"/.exec(first.html)?.[1];
    expect(next).toBeDefined();
    const second = await consolePage(next!.replace("/console", "").replace(/&amp;/g, "&"), { cookie });
    const firstRows = first.html.match(/<tr data-action/g)!.length;
    const secondRows = second.html.match(/<tr data-action/g)!.length;
    expect(firstRows).toBe(50);
    expect(firstRows + secondRows).toBe((await rows("select id from audit_log")).length);
  });
});

describe("roles", () => {
  it("a grid worker sees 概览 and 心愿审核 but not member approval or the audit log", async () => {
    await env.DB.prepare("insert into staff (id, username, display_name, password_hash, role, grid_id, created_at) values ('stf_g3', 'grid3', '第三网格员', ?, 'grid_worker', 'grd_renxing_03', 0)")
      .bind(await hashPassword("grid3-password"))
      .run();
    const { cookie } = await consoleLogin("grid3", "grid3-password");
    const home = await consolePage("/", { cookie });
    expect(home.html).toContain("第三网格员（网格员）");
    expect(home.html).toContain('href="/console/wishes"');
    expect(home.html).not.toContain('href="/console/applications"');
    expect(home.html).not.toContain('href="/console/audit"');
    expect((await consolePage("/applications", { cookie })).status).toBe(403);
    expect((await consolePage("/audit", { cookie })).status).toBe(403);
    expect((await consolePage("/wishes", { cookie })).status).toBe(200);
  });
});

describe("resident text in the console", () => {
  it("is HTML-escaped: a nickname <script>alert(1)</script> shows as text", async () => {
    await residentLogin("xss", "<script>alert(1)</script>");
    const { cookie } = await consoleLogin();
    const home = await consolePage("/", { cookie });
    expect(home.html).not.toContain("<script>alert(1)</script>");
    expect(home.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("the dashboard counts a resident who just signed up", async () => {
    const { cookie } = await consoleLogin();
    const figure = async () => Number(/data-figure="residents"><div class="label">注册居民<\/div><div class="value">(\d+)</.exec((await consolePage("/", { cookie })).html)?.[1]);
    const before = await figure();
    await residentLogin("brand-new-resident", "新邻居");
    expect(await figure()).toBe(before + 1);
  });
});
