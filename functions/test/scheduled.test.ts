import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index";
import { api, rows } from "./helpers";

describe("cron triggers", () => {
  // Every cron of wrangler.toml.
  for (const cron of ["*/15 * * * *", "30 18 * * *", "0 10 * * *"]) {
    it(`the scheduled handler runs its jobs for "${cron}" without failing`, async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron, scheduledTime: Date.now() }), env, ctx);
      await expect(waitOnExecutionContext(ctx)).resolves.toBeUndefined();
    });
  }
});

describe("daily sweep", () => {
  it("removes expired sessions, old idempotency records and passed throttle windows, and nothing live", async () => {
    const { sweepExpired } = await import("../src/services/housekeeping");
    const { getDb } = await import("../src/db/client");
    const live = await api("POST", "/auth/dev-login", { body: { openid: "sweep-live", nickname: "还在用" } });
    await api("POST", "/auth/dev-login", { body: { openid: "sweep-old", nickname: "早就过期" } });
    await env.DB.prepare("update sessions set expires_at = 1 where user_id = (select id from users where openid = 'dev:sweep-old')").run();
    await env.DB.prepare("insert into idempotency_keys (caller_id, key, method, path, status, body, created_at) values ('user:x', 'old', 'POST', '/x', 201, '{}', 1)").run();
    await env.DB.prepare("insert into login_throttle (username, window_started_at, failures) values ('someone', 1, 5)").run();
    await env.DB.prepare("insert into rate_limits (scope, subject, window_started_at, count) values ('check_in:tsk_old', 'usr_x', 1, 5), ('check_in:tsk_now', 'usr_x', ?, 5)").bind(Date.now()).run();
    const swept = await sweepExpired(getDb(env.DB));
    expect(swept).toEqual({ sessions: 1, idempotencyKeys: 1, loginWindows: 1, attemptWindows: 1 });
    expect(await rows("select scope from rate_limits where subject = 'usr_x'")).toEqual([{ scope: "check_in:tsk_now" }]);
    expect((await api("GET", "/me", { token: live.body.token })).status).toBe(200);
  });
});
