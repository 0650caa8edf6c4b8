import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * The two Workers as `npm start` runs them (`wrangler dev -c wrangler.toml -c wrangler.console.toml
 * --env development`): the console answers on the main Worker's port through its CONSOLE service
 * binding, runs as development too, and shares the main Worker's D1. No browser: plain HTTP.
 */
let worker: RunningWorker;

beforeAll(async () => {
  worker = await startWorker();
});

afterAll(async () => {
  await worker?.stop();
});

const get = (path: string, cookie?: string) => fetch(`${worker.baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
const residentsFigure = (html: string) => Number(/data-figure="residents"><div class="label">[^<]*<\/div><div class="value">(\d+)</.exec(html)?.[1]);

describe("the console Worker behind the main Worker", () => {
  test("/console and its pages come through the main Worker's port with the path kept", async () => {
    const bare = await get("/console");
    expect(bare.status).toBe(302);
    expect(bare.headers.get("location")).toBe("/console/login");

    const css = await get("/console/static/console.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toContain("text/css");

    const login = await get("/console/login");
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("管理后台登录");
  });

  test("it runs as development (a plain-http cookie) and reads and writes the main Worker's D1", async () => {
    // The seeded development admin, written by scripts/db.ts into the local D1 both Workers use.
    const signIn = await fetch(`${worker.baseUrl}/console/login`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: worker.baseUrl, "content-type": "application/x-www-form-urlencoded" },
      body: "username=admin&password=renxing-admin",
    });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("location")).toBe("/console");
    const setCookie = signIn.headers.get("set-cookie")!;
    // `--var ENVIRONMENT:development` reached only the main Worker: the console's cookie was Secure.
    expect(setCookie).not.toMatch(/Secure/i);
    const cookie = setCookie.split(";")[0]!;

    const before = residentsFigure(await (await get("/console", cookie)).text());
    expect(before).toBeGreaterThanOrEqual(0);
    const devLogin = await fetch(`${worker.baseUrl}/api/v1/auth/dev-login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ openid: "console-worker-e2e", nickname: "王阿姨" }),
    });
    expect(devLogin.status).toBe(200);
    expect(residentsFigure(await (await get("/console", cookie)).text())).toBe(before + 1);
  });
});
