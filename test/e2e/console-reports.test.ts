import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { expectConsoleAccessible } from "../support/console";
import { screenshot } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * The console's 诉求处理, 诉求统计 and 接口密钥 on a phone-sized window (390×844: grid workers walk
 * their grid with a phone), served by the real Worker with the demo seed. Screenshots:
 * test/artifacts/screenshots/console-reports-*.png.
 */
let worker: RunningWorker;
let browser: LaunchedBrowser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => screenshot(page, `console-reports-${name}`, { fullPage: true });

/**
 * Nothing wider than the window (wide tables and charts scroll inside their box), form controls at
 * 16 px or more; then the console's checks on every page: axe, all text ≥ 16 px, targets ≥ 44 px.
 */
async function expectFitsAPhone(label: string) {
  const { overflow, small } = (await page.evaluate(`(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    small: [...document.querySelectorAll("main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select, main textarea, main button")]
      .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 16)
      .map((el) => el.outerHTML.slice(0, 80)),
  }))()`)) as { overflow: number; small: string[] };
  expect(overflow).toBeLessThanOrEqual(0);
  expect(small).toEqual([]);
  await expectConsoleAccessible(page, label);
}

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
  page.on("dialog", (d) => void d.accept());
  await page.goto(`${worker.baseUrl}/console/login`);
  await page.fill("#username", "admin");
  await page.fill("#password", "renxing-admin");
  await Promise.all([page.waitForURL(/\/console$/), page.click("button[type=submit]")]);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("诉求 in the console on a phone", () => {
  test("staff record a phoned-in report, accept it and resolve it", async () => {
    await Promise.all([page.waitForURL(/\/console\/reports$/), page.click("nav >> text=诉求处理")]);
    await expectFitsAPhone("诉求处理（手机）");
    await page.click("summary:has-text('代居民登记诉求')");
    const form = page.locator("form", { has: page.locator("input[name=phone]") }).first();
    await form.locator("input[name=name]").fill("韩大妈");
    await form.locator("input[name=phone]").fill("13977776666");
    await form.locator("select[name=category]").selectOption("facility");
    await form.locator("select[name=gridId]").selectOption("grd_renxing_02");
    await form.locator("input[name=building]").fill("2号楼1单元");
    await form.locator("textarea[name=description]").fill("电话反映：2号楼1单元的单元门锁坏了，谁都能进。");
    await Promise.all([page.waitForURL(/\/console\/reports\/rpt_\w+\?done=filed$/), form.locator("button[type=submit]").click()]);
    await expect(page.locator("[role=status]").textContent()).resolves.toContain("已登记");
    await expect(page.locator("dl.facts").textContent()).resolves.toContain("韩大妈，电话 13977776666");
    await expectFitsAPhone("诉求详情（手机）");
    await shot("1-case");

    await Promise.all([page.waitForURL(/done=accepted$/), page.click("form[data-action=accept] button")]);
    await expect(page.locator("[data-status]").textContent()).resolves.toContain("处理中");
    await page.fill("form[data-action=resolve] textarea[name=result]", "已请物业更换单元门锁，居民已拿到新钥匙。");
    await Promise.all([page.waitForURL(/done=resolved$/), page.click("form[data-action=resolve] button")]);
    await expect(page.locator("[data-status]").textContent()).resolves.toContain("已办结");
    await expect(page.locator(".timeline").textContent()).resolves.toContain("已办结：已请物业更换单元门锁");
    await shot("2-resolved");

    await page.goto(`${worker.baseUrl}/console/reports?status=resolved`);
    await expect(page.locator("tbody").textContent()).resolves.toContain("韩大妈");
    await expectFitsAPhone("诉求处理·已办结（手机）");
    await shot("0-queue");
    }, 240_000);

  test("the stats page shows the table and both charts without widening the page", async () => {
    await Promise.all([page.waitForURL(/\/console\/reports\/stats$/), page.click("nav >> text=诉求统计")]);
    await expect(page.locator("main h1").textContent()).resolves.toBe("诉求统计");
    expect(await page.locator("svg[data-chart=rates]").isVisible()).toBe(true);
    expect(await page.locator("svg[data-chart=grid-map] g[data-grid]").count()).toBe(9);
    const received = await page.locator("tr[data-grid=grd_renxing_02] td").first().textContent();
    expect(Number(received)).toBeGreaterThanOrEqual(1);
    await expectFitsAPhone("诉求统计（手机）");
    await shot("3-stats");
    }, 240_000);

  test("an admin issues an Open311 key, sees it once, and revokes it", async () => {
    await page.goto(`${worker.baseUrl}/console/open311-keys`);
    await page.fill("input[name=name]", "区级指挥平台");
    await page.click("form[action='/console/open311-keys'] button");
    const key = await page.locator("[data-issued-key]").textContent();
    expect(key).toMatch(/^rx311_/);
    await shot("4-key-issued");
    await page.goto(`${worker.baseUrl}/console/open311-keys`);
    expect(await page.content()).not.toContain(key!);
    await Promise.all([page.waitForURL(/done=revoked$/), page.click("tr:has-text('区级指挥平台') button:has-text('吊销')")]);
    await expect(page.locator("tr:has-text('区级指挥平台')").textContent()).resolves.toContain("已吊销");
    await expectFitsAPhone("接口密钥（手机）");
    expect(pageErrors, pageErrors.join("\n")).toEqual([]);
    }, 240_000);
});
