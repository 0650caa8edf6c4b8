import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { expectConsoleAccessible } from "../support/console";
import { screenshot } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * 议事厅 in the console: an admin proposes a topic with a crowdfunding target, records a
 * consultation meeting, moves it through 两委商议 to 代表审议 (confirming each move), records an
 * owner's pledge and a payment against it, and prints the receipt list with its totals. Every
 * page visited passes axe and the size checks, the topic page once at phone width too.
 * Screenshots: test/artifacts/screenshots/console-deliberations-*.png.
 */
const AXE_TIMEOUT = 240_000;
let worker: RunningWorker;
let browser: LaunchedBrowser;
let page: Page;
const pageErrors: string[] = [];
const dialogs: string[] = [];

const shot = (name: string) => screenshot(page, `console-deliberations-${name}`, { fullPage: true });
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Submits a form and waits for the page the redirect lands on. */
async function submit(form: ReturnType<Page["locator"]>, landing: RegExp) {
  await Promise.all([page.waitForURL(landing), form.locator("button[type=submit]").click()]);
}

/** Moves the topic on with a note, accepting the confirmation the form asks for. */
async function advance(to: string, note: string) {
  const form = page.locator("form[data-action=advance]", { has: page.locator(`input[name=to][value=${to}]`) });
  await form.locator("textarea[name=note]").fill(note);
  await submit(form, /done=advanced$/);
  await expect(page.locator("[data-stage]").first().getAttribute("data-stage")).resolves.toBe(to);
}

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  // 30 s, not 15: on a loaded 2-core machine a form post and its redirect took longer than 15 s.
  page.setDefaultTimeout(30_000);
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("议事厅 in the console", () => {
  test("an admin proposes a topic with a target in 元 and records a consultation meeting", async () => {
    await page.goto(`${worker.baseUrl}/console/login`);
    await page.fill("#username", "admin");
    await page.fill("#password", "renxing-admin");
    await Promise.all([page.waitForURL(/\/console$/), page.click("button[type=submit]")]);

    await Promise.all([page.waitForLoadState("load"), page.click("nav a:has-text('议事厅')")]);
    await expect(page.locator("main h1").textContent()).resolves.toBe("议事厅");
    await page.click("summary:has-text('发起议题')");
    const form = page.locator("form[data-form=create]");
    await form.locator("input[name=title]").fill("德龙小区外立面修缮");
    await form.locator("select[name=gridId]").selectOption("grd_renxing_05");
    await form.locator("input[name=targetYuan]").fill("114000");
    await form.locator("textarea[name=background]").fill("德龙小区外立面多处空鼓脱落，存在安全隐患，居民多次反映。");
    await form.locator("textarea[name=proposal]").fill("产权人众筹、政府指导，由专业单位修缮外立面。");
    await expectConsoleAccessible(page, "议事厅（发起表单展开）");
    await submit(form, /\/console\/deliberations\/\w+\?done=created$/);
    await expect(page.locator("[role=status]").textContent()).resolves.toContain("议题已发起");
    await expect(page.locator("[data-funding]").textContent()).resolves.toContain("目标 114,000 元");

    await page.click("summary:has-text('记录协商会')");
    const meeting = page.locator("form[data-form=meeting]");
    await meeting.locator("input[name=heldAt]").fill(`${today()}T14:30`);
    await meeting.locator("input[name=place]").fill("社区议事厅");
    await meeting.locator("textarea[name=attendees]").fill("长春欧亚集团代表\n王淑华\n李建国");
    await meeting.locator("textarea[name=minutes]").fill("商议外立面修缮方案与众筹比例，产权人原则同意。");
    await expectConsoleAccessible(page, "议题详情（记录协商会）");
    await submit(meeting, /done=meeting$/);
    await expect(page.locator("[data-meeting]").textContent()).resolves.toContain("长春欧亚集团代表、王淑华、李建国");
  }, AXE_TIMEOUT);

  test("the admin moves it to 代表审议, confirming each move; the page offers only what is legal next", async () => {
    await advance("consulting", "两委开始商议");
    await advance("voting", "提交居民代表审议");
    expect(dialogs).toEqual(["确定将议题转入“两委商议”吗？此操作不能撤回。", "确定将议题转入“代表审议”吗？此操作不能撤回。"]);
    const moves = await Promise.all((await page.locator("form[data-action=advance] input[name=to]").all()).map((input) => input.getAttribute("value")));
    expect(moves).toEqual(["publicized"]);
    await expect(page.locator("ol.timeline").first().textContent()).resolves.toContain("提交居民代表审议");
    await expectConsoleAccessible(page, "议题详情（代表审议）");
    await shot("1-voting");
  }, AXE_TIMEOUT);

  test("the admin records a pledge and a payment in 元 and prints the receipt list with its totals", async () => {
    const pledge = page.locator("form[data-action=pledges]");
    await pledge.locator("input[name=name]").fill("王淑华");
    await pledge.locator("input[name=unit]").fill("5-2-401");
    await pledge.locator("input[name=amountYuan]").fill("10000");
    await submit(pledge, /done=pledge$/);

    const payment = page.locator("form[data-action=payments]");
    await expect(payment.locator("select[name=pledgeId] option").first().textContent()).resolves.toBe("王淑华（5-2-401，还差 10,000 元）");
    await payment.locator("input[name=amountYuan]").fill("6000");
    await payment.locator("input[name=paidAt]").fill(today());
    await payment.locator("select[name=method]").selectOption("transfer");
    await payment.locator("input[name=receiptNo]").fill("DL-001");
    await submit(payment, /done=payment$/);
    await expect(page.locator("[data-funding]").textContent()).resolves.toContain("已收 6,000 元 / 目标 114,000 元，认筹 10,000 元（1 户）");

    await page.setViewportSize({ width: 390, height: 844 });
    await expectConsoleAccessible(page, "议题详情（手机宽度）");
    await shot("2-phone");
    await page.setViewportSize({ width: 1280, height: 800 });

    await Promise.all([page.waitForURL(/\/receipts$/), page.click("a:has-text('收款明细')")]);
    await expect(page.locator("[data-totals]").textContent()).resolves.toContain("目标 114,000 元；认筹 1 户，共 10,000 元；已收 6,000 元");
    const row = page.locator("tbody tr").first();
    for (const text of ["王淑华", "5-2-401", "DL-001", "转账", "6,000 元"]) await expect(row.textContent()).resolves.toContain(text);
    await expectConsoleAccessible(page, "收款明细");

    // The print button asks the browser to print; in print the console's frame is left out.
    await page.evaluate("window.print = () => { window.__printed = true; }");
    await page.click("button[data-print]");
    await expect(page.evaluate("window.__printed")).resolves.toBe(true);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator("nav").isVisible()).resolves.toBe(false);
    await expect(page.locator("button[data-print]").isVisible()).resolves.toBe(false);
    await expect(page.locator("[data-totals]").isVisible()).resolves.toBe(true);
    await shot("3-receipts-print");
    await page.emulateMedia({ media: "screen" });
    expect(pageErrors, pageErrors.join("\n")).toEqual([]);
  }, AXE_TIMEOUT);
});
