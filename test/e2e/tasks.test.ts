import { beijingLocalInput } from "@renxing/shared";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifactPath } from "../support/artifacts";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { apiClient, button, confirmModal, expectAccessible, field, screenshot, tab, visible } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * 志愿任务 end to end on the real Worker: staff publish a task in the console (desktop browser),
 * a volunteer signs up in the H5 mini-program at 375×667, checks in with the 6-digit code read off
 * the console's task page, checks out; the minutes then show in 我的服务时长 and in the console's
 * 服务时长 totals. Only making the resident a volunteer goes through the API.
 * Screenshots: test/artifacts/screenshots/tasks-*.png.
 */
const VOLUNTEER = { nickname: "赵大姐", realName: "赵桂芝", phone: "13600002222" };
const TASK = { title: "垃圾分类宣传", location: "仁兴社区文化广场" };

let worker: RunningWorker;
let browser: LaunchedBrowser;
let phone: Page;
let console_: Page;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let volunteerId: string;
let taskPath: string;
let checkInCode: string;

/** A `datetime-local` value in Beijing time, `minutes` from now. */
const beijingLocal = (minutes: number) => beijingLocalInput(Date.now() + minutes * 60_000);


const shot = (page: Page, name: string, fullPage = false) => screenshot(page, `tasks-${name}`, { fullPage: fullPage });
const expectReadable = (page: Page) => expectAccessible(page, { texts: "taro-text-core, taro-button-core, input", targets: "taro-button-core, .task-card, .home-entry, taro-input-core" });
const request = <T>(method: string, path: string, token: string | null, body?: unknown) => apiClient(worker.baseUrl)<T>(method, path, token, body);

async function newPage(options?: Parameters<LaunchedBrowser["newContext"]>[0]): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return page;
}

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();

  // A resident approved into 马仁兴服务队 (anyone may join it).
  const staff = (await request<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" })).token;
  const { token, user } = await request<{ token: string; user: { id: string } }>("POST", "/auth/dev-login", null, { openid: VOLUNTEER.nickname, nickname: VOLUNTEER.nickname });
  volunteerId = user.id;
  const application = await request<{ id: string }>("POST", "/teams/team_marenxing/applications", token, {
    realName: VOLUNTEER.realName,
    phone: VOLUNTEER.phone,
    birthYear: 1962,
    skills: ["宣传"],
    availability: "周末上午",
    motivation: "退休了，想为邻居做点事",
  });
  await request("POST", `/admin/applications/${application.id}/decision`, staff, { approve: true });

  phone = await newPage();
  console_ = await newPage({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("志愿任务 and 服务时长, console and mini-program", () => {
  test("staff publish a task in the console and read its check-in code and QR code", async () => {
    await console_.goto(worker.baseUrl + "/console/login");
    await console_.fill("#username", "admin");
    await console_.fill("#password", "renxing-admin");
    await Promise.all([console_.waitForURL(/\/console$/), console_.click("button[type=submit]")]);
    await console_.goto(worker.baseUrl + "/console/tasks");
    await console_.click("summary:has-text('发布新任务')");
    await console_.fill("input[name=title]", TASK.title);
    await console_.fill("input[name=location]", TASK.location);
    // Starts in 10 minutes: check-in opens 30 minutes before the start, so it is open now.
    await console_.fill("input[name=startsAt]", beijingLocal(10));
    await console_.fill("input[name=endsAt]", beijingLocal(130));
    await console_.fill("input[name=capacity]", "10");
    await console_.fill("textarea[name=description]", "在广场向居民讲解垃圾分类，发放宣传单。请穿志愿者马甲。");
    await Promise.all([console_.waitForURL(/\/console\/tasks\/[^/]+$/), console_.click("form[action='/console/tasks'] button[type=submit]")]);
    taskPath = new URL(console_.url()).pathname;
    checkInCode = ((await console_.locator(".code.big").textContent()) ?? "").trim();
    expect(checkInCode).toMatch(/^\d{6}$/);
    await console_.locator(".qr svg").waitFor();
    expect(await console_.locator(".qr svg").count()).toBe(1);
  });

  test("a volunteer finds it from 首页 → 志愿任务 with its places left, and signs up", async () => {
    await phone.goto(worker.baseUrl + "/");
    await tab(phone, "我的").click();
    await phone.waitForURL(/\/pages\/login\/index/);
    await field(phone, "例如：王阿姨").fill(VOLUNTEER.nickname);
    await button(phone, "登录").click();
    await phone.waitForURL(/\/pages\/mine\/index/);
    await visible(phone.getByText("修改资料")).waitFor();

    await tab(phone, "首页").click();
    await visible(phone.locator(".home-entry", { hasText: "志愿任务" })).click();
    await phone.waitForURL(/\/pages\/task-list\/index/);
    const card = visible(phone.locator(".task-card", { hasText: TASK.title }));
    await expect.poll(() => card.textContent()).toContain("还剩 10 个名额");
    expect(await card.textContent()).toContain(TASK.location);
    await expectReadable(phone);
    await shot(phone, "01-task-list");

    await card.click();
    await phone.waitForURL(/\/pages\/task-detail\/index/);
    await visible(phone.getByText("共10人，还剩10人")).waitFor();
    const signedUp = phone.waitForResponse((r) => r.url().endsWith("/signup") && r.request().method() === "POST");
    await button(phone, "报名").click();
    expect((await signedUp).status()).toBe(201);
    await visible(phone.locator(".status-badge", { hasText: "已报名" })).waitFor();
    await visible(phone.getByText("共10人，还剩9人")).waitFor();
    // In a browser there is no camera scan: only typing the code.
    expect(await button(phone, "扫码签到").count()).toBe(0);
  });

  test("取消报名 asks first and gives the place back; signing up again works", async () => {
    await button(phone, "取消报名").click();
    await visible(phone.getByText("确定不参加这个任务了吗？名额会让给其他志愿者。")).waitFor();
    const withdrawn = phone.waitForResponse((r) => r.url().endsWith("/signup") && r.request().method() === "DELETE");
    await confirmModal(phone);
    expect((await withdrawn).status()).toBe(204);
    await visible(phone.getByText("共10人，还剩10人")).waitFor();
    await button(phone, "报名").waitFor();

    const signedUp = phone.waitForResponse((r) => r.url().endsWith("/signup") && r.request().method() === "POST");
    await button(phone, "报名").click();
    expect((await signedUp).status()).toBe(201);
    await visible(phone.locator(".status-badge", { hasText: "已报名" })).waitFor();
    await visible(phone.getByText("共10人，还剩9人")).waitFor();
  });

  test("a wrong code is refused on the page; the organiser's code checks the volunteer in", async () => {
    const wrong = checkInCode === "000000" ? "111111" : "000000";
    await field(phone, "请输入6位签到码").fill(wrong);
    await button(phone, "签到").click();
    await visible(phone.locator(".field-error", { hasText: "签到码不对" })).waitFor();

    await field(phone, "请输入6位签到码").fill(checkInCode);
    await phone.waitForTimeout(1500); // the 报名成功 toast fades
    await expectReadable(phone);
    await shot(phone, "02-check-in");
    const checkedIn = phone.waitForResponse((r) => r.url().endsWith("/check-in"));
    await button(phone, "签到").click();
    expect((await checkedIn).status()).toBe(200);
    await visible(phone.locator(".status-badge", { hasText: "已签到" })).waitFor();
    await button(phone, "签退").waitFor();
    await phone.waitForTimeout(1800); // the toast fades
    await shot(phone, "03-checked-in");
  });

  test("签退 after a confirmation credits the minutes, shown in 我的服务时长", async () => {
    await button(phone, "签退").click();
    await visible(phone.getByText("服务结束了吗？签退后会记入您的志愿服务时长。")).waitFor();
    const checkedOut = phone.waitForResponse((r) => r.url().endsWith("/check-out"));
    await confirmModal(phone);
    const body = (await (await checkedOut).json()) as { creditedMinutes: number };
    // Seconds after check-in: a started minute counts as a whole one.
    expect(body.creditedMinutes).toBe(1);
    await visible(phone.getByText("这次记入志愿服务时长 1 分钟。")).waitFor();

    await button(phone, "查看我的服务时长").click();
    await phone.waitForURL(/\/pages\/my-hours\/index/);
    await expect.poll(() => visible(phone.locator(".hours-total-value")).textContent()).toBe("1 分钟");
    const group = visible(phone.locator('.hours-group[data-source="task"]'));
    expect(await group.textContent()).toContain("志愿任务");
    expect(await group.textContent()).toContain(TASK.title);
    await expectReadable(phone);
    await shot(phone, "04-my-hours");
    expect(pageErrors).toEqual([]);
  });

  test("the console shows the volunteer checked out on the roster and the minutes in 服务时长", async () => {
    await console_.goto(worker.baseUrl + taskPath);
    // The withdrawn first sign-up stays on the roster; the second one is checked out.
    const rows = console_.locator(`tr[data-volunteer="${volunteerId}"]`);
    expect(await rows.count()).toBe(2);
    expect([await rows.nth(0).getAttribute("data-status"), await rows.nth(1).getAttribute("data-status")]).toEqual(["withdrawn", "checked_out"]);
    expect(await rows.nth(1).textContent()).toContain("1 分钟");
    await console_.evaluate("document.fonts.ready");
    await console_.screenshot({ path: artifactPath("screenshots", "tasks-05-console-roster.png"), fullPage: true });

    await console_.goto(worker.baseUrl + "/console/hours");
    expect(await console_.locator(`tr[data-volunteer="${volunteerId}"] td[data-minutes]`).getAttribute("data-minutes")).toBe("1");
    expect(await console_.locator(`tr[data-volunteer="${volunteerId}"]`).textContent()).toContain(VOLUNTEER.realName);
    await console_.evaluate("document.fonts.ready");
    await console_.screenshot({ path: artifactPath("screenshots", "tasks-06-console-hours.png"), fullPage: true });
  });

  test("大字模式: a task's page, signed up with the check-in code to type, passes the same checks at the larger sizes", async () => {
    // Another task, signed up through the API: the page then shows the code field and both actions.
    const staff = (await request<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" })).token;
    const starts = Date.now() + 10 * 60_000;
    const task = await request<{ id: string }>("POST", "/admin/tasks", staff, {
      title: "楼道清扫", description: "清扫3号楼楼道，清理堆放的杂物。", location: "仁兴社区3号楼",
      startsAt: new Date(starts).toISOString(), endsAt: new Date(starts + 60 * 60_000).toISOString(), capacity: 5,
    });
    const { token } = await request<{ token: string }>("POST", "/auth/dev-login", null, { openid: VOLUNTEER.nickname, nickname: VOLUNTEER.nickname });
    await request("POST", `/tasks/${task.id}/signup`, token);

    await phone.goto(`${worker.baseUrl}/pages/mine/index`);
    await button(phone, "打开大字模式").click();
    await button(phone, "关闭大字模式").waitFor();
    await phone.goto(`${worker.baseUrl}/pages/task-detail/index?id=${task.id}`);
    await visible(phone.locator(".page.task-detail.elder .card-title", { hasText: "楼道清扫" })).waitFor();
    await field(phone, "请输入6位签到码").waitFor();
    await button(phone, "取消报名").waitFor();
    await expectReadable(phone);
    await shot(phone, "elder-01-task-detail", true);
    expect(pageErrors).toEqual([]);
  });
});
