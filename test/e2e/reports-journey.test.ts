import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { expectNoSeriousAxeViolations } from "../support/a11y";
import { apiClient, button, expectAccessible, screenshot, signIn, tab, visible } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * 网格诉求 around the whole loop, two people on the real Workers (fresh seeded D1 with the demo
 * grid workers): a resident of 第五网格 reports with a photo in the H5 app → 第五网格's grid
 * worker accepts and resolves it in the console → the resident sees 已办结 and rates 不满意 → it
 * is reopened → resolved again → 满意 closes it → the 诉求统计 page counts it.
 */
const RESIDENT = { nickname: "孙大爷", realName: "孙国庆", phone: "13644445555" };
const GRID = "grd_renxing_05";
const DESCRIPTION = "7号楼东侧的路灯坏了一个星期，晚上遛弯看不清台阶";
const FIRST_RESULT = "已报修路灯，电工更换了灯泡。";
const SECOND_RESULT = "电工重新接好了线路并更换了灯罩，已连续亮了三晚。";
/** A real 1×1 PNG (the server checks the magic bytes). */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

let worker: RunningWorker;
let browser: LaunchedBrowser;
let app: Page;
let console_: Page;
let reportId = "";
let ref = "";
const pageErrors: string[] = [];

const statusTag = () => visible(app.locator(".report-detail-head .status-tag")).first().textContent();
const caseStatus = () => console_.locator("[data-status]").textContent();

async function openReportInApp() {
  await app.goto(`${worker.baseUrl}/pages/report-detail/index?id=${reportId}`);
  await visible(app.locator(".report-detail-ref", { hasText: ref })).waitFor();
}

async function rate(label: string) {
  await visible(app.locator(".report-rate-choice", { has: app.getByText(label, { exact: true }) })).click();
  const rated = app.waitForResponse((r) => r.url().endsWith(`/reports/${reportId}/rate`));
  await button(app, "确认评价").click();
  await visible(app.locator(".taro-modal__foot").getByText("确定提交")).click();
  expect((await rated).status()).toBe(200);
}

async function resolveInConsole(result: string) {
  await console_.goto(`${worker.baseUrl}/console/reports/${reportId}`);
  await console_.fill("form[data-action=resolve] textarea[name=result]", result);
  await Promise.all([console_.waitForURL(/done=resolved$/), console_.click("form[data-action=resolve] button")]);
  await expect.poll(caseStatus).toContain("已办结");
}

beforeAll(async () => {
  worker = await startWorker({ gridWorkers: true });
  browser = await launchBrowser();
  app = await (await browser.newContext()).newPage();
  app.setDefaultTimeout(15_000);
  app.on("pageerror", (error) => pageErrors.push(error.message));
  console_ = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  console_.setDefaultTimeout(15_000);
  console_.on("dialog", (dialog) => void dialog.accept());

  // A precondition, not the journey: the resident's profile puts them in 第五网格.
  const api = apiClient(worker.baseUrl);
  const { token } = await api<{ token: string }>("POST", "/auth/dev-login", null, { openid: RESIDENT.nickname, nickname: RESIDENT.nickname });
  await api("PUT", "/me", token, { realName: RESIDENT.realName, phone: RESIDENT.phone, gridId: GRID });
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("a report from the resident's phone through the grid worker's console and back", () => {
  test("the resident reports a broken street light with a photo from 随手拍", async () => {
    await signIn(app, worker.baseUrl, RESIDENT.nickname);
    await tab(app, "首页").click();
    await visible(app.locator(".home-report-post")).click();
    await app.waitForURL(/\/pages\/report-post\/index/);
    await visible(app.locator(".report-category", { hasText: "设施维修" })).click();
    await visible(app.locator("textarea")).fill(DESCRIPTION);
    const chooser = app.waitForEvent("filechooser");
    const uploaded = app.waitForResponse((r) => r.url().endsWith("/api/v1/uploads"));
    await button(app, "拍照或选照片").click();
    await (await chooser).setFiles({ name: "lamp.png", mimeType: "image/png", buffer: PNG });
    expect((await uploaded).status()).toBe(201);

    const filed = app.waitForResponse((r) => r.url().endsWith("/api/v1/reports") && r.request().method() === "POST");
    await button(app, "提交").click();
    const response = await filed;
    expect(response.status()).toBe(201);
    ({ id: reportId, ref } = (await response.json()) as { id: string; ref: string });
    await visible(app.locator(".report-post-ref", { hasText: ref })).waitFor();
    await expectNoSeriousAxeViolations(app, "report-post (filed)");
  });

  test("第五网格's grid worker finds it in their queue, accepts it and resolves it", async () => {
    await console_.goto(`${worker.baseUrl}/console/login`);
    await console_.fill("#username", "grid5");
    await console_.fill("#password", "renxing-admin");
    await Promise.all([console_.waitForURL(/\/console$/), console_.click("button[type=submit]")]);
    await console_.goto(`${worker.baseUrl}/console/reports`);
    const row = console_.locator(`tr[data-report="${reportId}"]`);
    const rowText = await row.textContent();
    for (const detail of [ref, RESIDENT.realName, RESIDENT.phone]) expect(rowText).toContain(detail);

    await console_.goto(`${worker.baseUrl}/console/reports/${reportId}`);
    expect(await console_.locator("img").count()).toBeGreaterThan(0);
    await Promise.all([console_.waitForURL(/done=accepted$/), console_.click("form[data-action=accept] button")]);
    await expect.poll(caseStatus).toContain("处理中");
    await resolveInConsole(FIRST_RESULT);
    await screenshot(console_, "reports-journey-1-console-resolved", { fullPage: true });
  });

  test("the resident sees 已办结 with the result, rates 不满意, and it is reopened", async () => {
    await openReportInApp();
    await expect.poll(statusTag).toBe("已办结");
    await visible(app.getByText(FIRST_RESULT)).first().waitFor();
    await rate("不满意");
    await expect.poll(statusTag).toBe("处理中");
    await visible(app.locator(".report-detail-reopened")).waitFor();
    await expectNoSeriousAxeViolations(app, "report-detail (reopened)");
    await screenshot(app, "reports-journey-2-reopened", { fullPage: true });
  });

  test("the grid worker resolves it again; the resident rates 满意 and it is closed", async () => {
    await resolveInConsole(SECOND_RESULT);
    await openReportInApp();
    await expect.poll(statusTag).toBe("已办结");
    await rate("满意");
    await expect.poll(statusTag).toBe("已评价");
    await visible(app.locator(".report-detail-rating").getByText("满意", { exact: true })).waitFor();
    const timeline = await visible(app.locator(".report-timeline-entry")).allTextContents();
    expect(timeline.join("\n")).toContain("居民不满意，重新办理");
    await expectNoSeriousAxeViolations(app, "report-detail (closed)");
    await screenshot(app, "reports-journey-3-closed", { fullPage: true });
  });

  test("诉求统计 counts it for 第五网格: received, reopened, rated 满意", async () => {
    await console_.goto(`${worker.baseUrl}/console/reports/stats`);
    const header = (await console_.locator("thead th").allTextContents()).map((t) => t.trim());
    const cells = (await console_.locator(`tr[data-grid="${GRID}"]`).locator("th, td").allTextContents()).map((t) => t.trim());
    const column = (name: string) => cells[header.indexOf(name)];
    expect(column("网格")).toBe("第五网格");
    expect([column("收到诉求"), column("评价数"), column("满意"), column("重新办理"), column("未办结")]).toEqual(["1", "1", "1", "1", "0"]);
    await screenshot(console_, "reports-journey-4-stats", { fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  test("诉求墙 shows a public report once the grid worker accepted it, without the reporter", async () => {
    const api = apiClient(worker.baseUrl);
    const { token } = await api<{ token: string }>("POST", "/auth/dev-login", null, { openid: RESIDENT.nickname, nickname: RESIDENT.nickname });
    const wallText = "小区北门的井盖松动了，踩上去会晃，晚上很危险";
    const filed = await api<{ id: string }>("POST", "/reports", token, { category: "safety_hazard", description: wallText, public: true });
    const staff = await api<{ token: string }>("POST", "/auth/staff-login", null, { username: "grid5", password: "renxing-admin" });
    await api("POST", `/admin/reports/${filed.id}/accept`, staff.token, {});

    await app.goto(`${worker.baseUrl}/pages/report-wall/index`);
    await visible(app.getByText(wallText)).waitFor();
    expect(await app.locator("body").textContent()).not.toContain(RESIDENT.realName);
    await expectAccessible(app, { texts: "taro-text-core, taro-button-core", targets: "taro-button-core, .choice, .item-card" }, "report-wall");
    await screenshot(app, "reports-journey-5-wall", { fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
