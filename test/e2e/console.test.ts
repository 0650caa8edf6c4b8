import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifactPath } from "../support/artifacts";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { expectConsoleAccessible } from "../support/console";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * The staff console in Debian's Chromium on a desktop-sized window, served by the real Worker
 * (`wrangler dev`, fresh local D1 with the demo seed). Screenshots land in
 * test/artifacts/screenshots/console-*.png on every run.
 */
let worker: RunningWorker;
let browser: LaunchedBrowser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

const figure = async (id: string) => Number(await page.locator(`[data-figure="${id}"] .value`).textContent());

async function shot(name: string) {
  await page.evaluate("document.fonts.ready");
  await page.screenshot({ path: artifactPath("screenshots", `console-${name}.png`), fullPage: true });
}

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  // The failed sign-in's 401 is logged as a failed resource on purpose; anything else is a bug.
  page.on("console", (m) => m.type() === "error" && !m.text().includes("status of 401") && pageErrors.push(m.text()));
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("staff console in a browser", () => {
  test("a wrong password shows the message; admin signs in and sees the dashboard figures", async () => {
    await page.goto(`${worker.baseUrl}/console`);
    expect(page.url()).toMatch(/\/console\/login$/);
    await page.fill("#username", "admin");
    await page.fill("#password", "wrong");
    await page.click("button[type=submit]");
    await expect(page.locator("[role=alert]").textContent()).resolves.toContain("用户名或密码不正确");
    await expectConsoleAccessible(page, "登录（密码错误）");
    await shot("login-failed");

    await page.fill("#password", "renxing-admin");
    await Promise.all([page.waitForURL(/\/console$/), page.click("button[type=submit]")]);
    await expect(page.locator("header .who").textContent()).resolves.toContain("社区管理员");
    expect(await figure("grids")).toBe(9);
    expect(await figure("partners")).toBe(12);
    expect(await figure("residents")).toBe(0);
    await expectConsoleAccessible(page, "概览");
    await shot("dashboard");
  });

  test("a resident who signs up through the API changes the figures, and shows escaped", async () => {
    const before = await figure("residents");
    const res = await fetch(`${worker.baseUrl}/api/v1/auth/dev-login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ openid: "console-e2e", nickname: "<img src=x onerror=alert(1)>" }),
    });
    expect(res.status).toBe(200);
    await page.reload();
    expect(await figure("residents")).toBe(before + 1);
    await expect(page.locator("table").first().textContent()).resolves.toContain("<img src=x onerror=alert(1)>");
    expect(await page.locator("img[src=x]").count()).toBe(0);
  });

  test("every section opens, and the audit log shows the sign-ins", async () => {
    for (const [label, name] of [["队员审核", "applications"], ["心愿审核", "wishes"], ["送考调度", "rides"], ["服务任务", "tasks"], ["服务时长", "hours"], ["通知", "notifications"], ["审计日志", "audit"]] as const) {
      await Promise.all([page.waitForURL(new RegExp(`/console/${name}`)), page.click(`nav >> text=${label}`)]);
      await expect(page.locator("main h1").textContent()).resolves.toBe(label);
      await expectConsoleAccessible(page, label);
      await shot(name);
    }
    const actions = await page.locator("tbody tr td:nth-child(3)").allTextContents();
    expect(actions).toContain("登录");
    const outcomes = await page.locator("tbody tr td:nth-child(5)").allTextContents();
    expect(outcomes).toContain("失败");
    expect(pageErrors, pageErrors.join("\n")).toEqual([]);
    // axe on each of the seven sections takes a few seconds on a loaded 2-core machine.
  }, 240_000);

  test("signing out ends the session", async () => {
    await Promise.all([page.waitForURL(/\/console\/login$/), page.click("text=退出登录")]);
    await page.goto(`${worker.baseUrl}/console`);
    expect(page.url()).toMatch(/\/console\/login$/);
    await expectConsoleAccessible(page, "登录");
  });
});
