import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { apiClient, button, elderModeOn, expectAccessible, field, screenshot, signIn, tab, visible } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * 网格诉求 in the H5 app on the real Worker (fresh seeded D1): a resident with no grid on file
 * files a report with a photo from 首页's 随手拍, picks the grid when the server asks for one,
 * reads the case number, follows it in 我的诉求 with its steps and timeline, and withdraws it.
 */
const RESIDENT = "赵大爷";
const DESCRIPTION = "5号楼2单元楼道里堆满了纸箱，挡住了消防通道";
const BUILDING = "5号楼2单元";
/** A real 1×1 PNG (the server checks the magic bytes). */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

let worker: RunningWorker;
let browser: LaunchedBrowser;
let app: Page;
let ref = "";
let photoUrl = "";
const pageErrors: string[] = [];

const READABLE = { texts: "taro-text-core, taro-button-core, input, textarea", targets: "taro-button-core, .choice, .report-category, .item-card" };
const expectReadable = () => expectAccessible(app, READABLE);
const shot = (name: string, fullPage = false) => screenshot(app, name, { fullPage });
const statusTag = (scope: string) => visible(app.locator(`${scope} .status-tag`)).first().textContent();

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
  app = await (await browser.newContext()).newPage();
  app.setDefaultTimeout(15_000);
  app.on("pageerror", (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("a resident's report from 随手拍 to 我的诉求", () => {
  test("首页's 随手拍 opens 我要反映 with the categories and the 诉求墙 switch off", async () => {
    await signIn(app, worker.baseUrl, RESIDENT);
    await tab(app, "首页").click();
    await visible(app.locator(".home-report-post")).click();
    await app.waitForURL(/\/pages\/report-post\/index/);
    for (const name of ["环境卫生", "设施维修", "安全隐患", "邻里纠纷", "物业服务", "老人求助", "其他"]) {
      await visible(app.locator(".report-category", { hasText: name })).waitFor();
    }
    await visible(app.getByText("公开后只显示问题和处理过程，不显示姓名、电话和楼栋。")).waitFor();
    // H5 has no map picker: the location button is not offered there.
    expect(await visible(app.getByText("在地图上选位置")).count()).toBe(0);
    await expectReadable();
  });

  test("the report goes in with a photo, the grid picked when the server asks, and the case number shows", async () => {
    await visible(app.locator(".report-category", { hasText: "安全隐患" })).click();
    await visible(app.locator("textarea")).fill(DESCRIPTION);
    await field(app, "例如：3号楼2单元").fill(BUILDING);

    const chooser = app.waitForEvent("filechooser");
    const uploaded = app.waitForResponse((r) => r.url().endsWith("/api/v1/uploads"));
    await button(app, "拍照或选照片").click();
    await (await chooser).setFiles({ name: "corridor.png", mimeType: "image/png", buffer: PNG });
    const upload = await uploaded;
    expect(upload.status()).toBe(201);
    photoUrl = ((await upload.json()) as { url: string }).url;
    await visible(app.locator(".photo-picker-photo")).waitFor();

    // A new resident has no grid on file: the server says so and the form offers the nine.
    const refused = app.waitForResponse((r) => r.url().endsWith("/api/v1/reports") && r.request().method() === "POST");
    await button(app, "提交").click();
    expect((await refused).status()).toBe(422);
    await visible(app.getByText("请先选择问题所在的网格").first()).waitFor();
    await visible(app.locator(".choice", { hasText: "第五网格" })).click();

    const filed = app.waitForResponse((r) => r.url().endsWith("/api/v1/reports") && r.request().method() === "POST");
    await button(app, "提交").click();
    const response = await filed;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toEqual({
      category: "safety_hazard", description: DESCRIPTION, building: BUILDING, gridId: "grd_renxing_05", photoUrls: [photoUrl], public: false,
    });
    ref = ((await response.json()) as { ref: string }).ref;
    expect(ref).toMatch(/^RX\d{8}-\d{4}$/);
    await visible(app.locator(".report-post-ref", { hasText: ref })).waitFor();
    await expectReadable();
    await shot("reports-01-filed");
  });

  test("查看进度 shows the case number, where it stands and the first timeline entry", async () => {
    await button(app, "查看进度").click();
    await app.waitForURL(/\/pages\/report-detail\/index\?id=/);
    await visible(app.locator(".report-detail-ref", { hasText: ref })).waitFor();
    expect(await statusTag(".report-detail-head")).toBe("已提交");
    expect(await visible(app.locator(".report-step-done")).count()).toBe(1);
    expect(await visible(app.locator(".report-step-current")).textContent()).toContain("受理");
    await visible(app.getByText(`网格：第五网格 · ${BUILDING}`)).waitFor();
    await visible(app.locator(".report-timeline-entry")).first().waitFor();
    expect(await visible(app.locator(".report-detail-photo")).count()).toBe(1);
    await expectReadable();
    await shot("reports-02-progress", true);
  });

  test("我的诉求 lists it with its number and status, opens it, and 撤回 withdraws it after a confirmation", async () => {
    // The tab bar shows on tab pages only; a resident would go back to 我的, the test goes there.
    await app.goto(`${worker.baseUrl}/pages/mine/index`);
    await button(app, "我的诉求").click();
    await app.waitForURL(/\/pages\/my-reports\/index/);
    const card = visible(app.locator(".item-card", { hasText: ref }));
    await card.waitFor();
    expect(await card.locator(".status-tag").textContent()).toBe("已提交");
    expect(await card.textContent()).toContain("安全隐患");
    await expectReadable();
    await shot("reports-03-mine");

    await card.click();
    await app.waitForURL(/\/pages\/report-detail\/index\?id=/);
    await visible(app.locator(".report-timeline-entry")).first().waitFor();
    await button(app, "撤回诉求").click();
    await visible(app.locator(".taro-modal__content")).waitFor();
    const withdrawn = app.waitForResponse((r) => r.url().endsWith("/withdraw"));
    await visible(app.locator(".taro-modal__foot").getByText("确定撤回")).click();
    expect((await withdrawn).status()).toBe(200);
    await expect.poll(() => statusTag(".report-detail-head")).toBe("已撤回");
    await visible(app.getByText("这件诉求已经撤回，不再办理。")).waitFor();
    // The button goes; so does the confirmation titled 撤回诉求, once its closing animation ends.
    await expect.poll(() => visible(app.getByText("撤回诉求", { exact: true })).count()).toBe(0);
  });

  test("the API agrees: the report is the resident's, withdrawn, with its photo and timeline, and nothing broke on the page", async () => {
    const api = apiClient(worker.baseUrl);
    const { token } = await api<{ token: string }>("POST", "/auth/dev-login", null, { openid: RESIDENT, nickname: RESIDENT });
    const mine = await api<{ items: { ref: string; status: string; photoUrls: string[]; timeline: { kind: string }[] }[] }>("GET", "/me/reports", token);
    expect(mine.items.map((r) => [r.ref, r.status, r.photoUrls])).toEqual([[ref, "withdrawn", [photoUrl]]]);
    expect(mine.items[0]!.timeline.map((e) => e.kind)).toEqual(["submitted", "withdrawn"]);
    expect(pageErrors).toEqual([]);
  });

  test("大字模式: 诉求进度 honours it, with the same checks at the larger sizes", async () => {
    // A second report, still open, so the page shows its steps, photo and 撤回诉求.
    const api = apiClient(worker.baseUrl);
    const { token } = await api<{ token: string }>("POST", "/auth/dev-login", null, { openid: RESIDENT, nickname: RESIDENT });
    const second = await api<{ ref: string }>("POST", "/reports", token, {
      category: "facility", description: "5号楼门口的台阶松动了，老人上下不方便", building: BUILDING, gridId: "grd_renxing_05", photoUrls: [photoUrl], public: false,
    });

    await app.goto(`${worker.baseUrl}/pages/mine/index`);
    await button(app, "打开大字模式").click();
    await button(app, "关闭大字模式").waitFor();
    expect(await elderModeOn(app)).toBe(true);
    await button(app, "我的诉求").click();
    await app.waitForURL(/\/pages\/my-reports\/index/);
    await visible(app.locator(".item-card", { hasText: second.ref })).click();
    await app.waitForURL(/\/pages\/report-detail\/index\?id=/);
    await visible(app.locator(".page.elder .report-detail-ref", { hasText: second.ref })).waitFor();
    await visible(app.locator(".report-timeline-entry")).first().waitFor();
    await button(app, "撤回诉求").waitFor();
    await expectReadable();
    await shot("reports-04-progress-elder", true);
    expect(pageErrors).toEqual([]);
  });
});
