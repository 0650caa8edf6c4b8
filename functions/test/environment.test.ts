import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password";
import { DEV_ADMIN, demoSeedStatements } from "../src/db/seed";
import type { Env } from "../src/env";
import consoleWorker from "../src/console/worker";
import worker from "../src/index";
import { rows } from "./helpers";

/** Anything but exactly "development" or "test" is production, a forgotten setting included. */
const PRODUCTION_LIKE = [undefined, "", "staging", "Production", "production", "PRODUCTION", " development", "dev"];
const DEVELOPMENT = ["development", "test"];

/**
 * The real Worker, as deployed with `ENVIRONMENT` set to `value` (or not set at all): the console
 * Worker for /console, which has its own ENVIRONMENT (the main one would forward to the test's).
 */
async function fetchAs(value: string | undefined, path: string, init: RequestInit = {}) {
  const bindings: Record<string, unknown> = { ...env, ENVIRONMENT: value };
  if (value === undefined) delete bindings.ENVIRONMENT;
  const ctx = createExecutionContext();
  const res = await (path.startsWith("/console") ? consoleWorker : worker).fetch(new Request(`http://localhost${path}`, init) as Request<unknown, IncomingRequestCfProperties>, bindings as unknown as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const devLogin = (value: string | undefined, openid: string) =>
  fetchAs(value, "/api/v1/auth/dev-login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ openid, nickname: "王阿姨" }) });

const consoleSignIn = (value: string | undefined) =>
  fetchAs(value, "/console/login", {
    method: "POST",
    headers: { origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" },
    body: `username=${DEV_ADMIN.username}&password=${DEV_ADMIN.password}`,
  });

describe("production fails closed", () => {
  for (const value of PRODUCTION_LIKE) {
    it(`ENVIRONMENT ${JSON.stringify(value)} is production: no dev-login, none announced, a Secure console cookie`, async () => {
      const login = await devLogin(value, `closed-${value}`);
      expect(login.status).toBe(404);
      expect(((await login.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
      expect(await rows("select id from users where openid = ?", `dev:closed-${value}`)).toHaveLength(0);

      expect(await (await fetchAs(value, "/api/v1/auth/methods")).json()).toEqual({ wechat: true, devLogin: false });

      const signIn = await consoleSignIn(value);
      expect(signIn.status).toBe(302);
      expect(signIn.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    });
  }

  for (const value of DEVELOPMENT) {
    it(`ENVIRONMENT "${value}" turns dev-login on and lets the console cookie go over plain http`, async () => {
      const login = await devLogin(value, `open-${value}`);
      expect(login.status).toBe(200);
      expect(await login.json()).toMatchObject({ token: expect.any(String), user: { nickname: "王阿姨" } });
      expect(await (await fetchAs(value, "/api/v1/auth/methods")).json()).toEqual({ wechat: true, devLogin: true });

      const signIn = await consoleSignIn(value);
      expect(signIn.status).toBe(302);
      expect(signIn.headers.get("set-cookie")).not.toMatch(/Secure/i);
    });
  }

  it("the seed refuses to create the development admin anywhere but development or test, and seeds base data without it", async () => {
    const adminPasswordHash = await hashPassword(DEV_ADMIN.password);
    for (const environment of PRODUCTION_LIKE) {
      expect(() => demoSeedStatements({ environment, adminPasswordHash, now: Date.now() }), String(environment)).toThrow(/ENVIRONMENT/);
      const base = demoSeedStatements({ environment, adminPasswordHash: null, now: Date.now() });
      expect(base.some((s) => s.includes("INSERT INTO grids"))).toBe(true);
      expect(base.some((s) => s.includes("INSERT INTO staff"))).toBe(false);
    }
    for (const environment of DEVELOPMENT) {
      expect(demoSeedStatements({ environment, adminPasswordHash, now: Date.now() }).filter((s) => s.includes("INSERT INTO staff"))).toHaveLength(1);
    }
  });
});
