import { shanghaiDate } from "@renxing/shared";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifactPath } from "../support/artifacts";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { apiClient, button, choice, confirmModal, elderModeOn, expectAccessible, field, screenshot, signIn as h5SignIn, tab, visible } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * 爱心送考 end to end, in the H5 build at 375×667 on the real Worker: a family books a ride in the
 * app, a verified driver finds it in 可接订单 (without the family's address, phone or names),
 * accepts it, reports progress to 完成; the family then sees 已完成 and the driver 2 hours.
 * Only the preconditions (the exam session, the driver's volunteer and driver approval) go
 * through the API. Screenshots: test/artifacts/screenshots/rides-*.png.
 */
const FAMILY = "张妈妈";
const DRIVER = { nickname: "李师傅", realName: "李建国", phone: "13900001111", plate: "辽A12345" };
const BOOKING = {
  venue: "第八中学考点",
  address: "仁兴街18号楼2单元门口",
  student: "张小明",
  guardian: "张丽",
  phone: "13712345678",
};

let worker: RunningWorker;
let browser: LaunchedBrowser;
let family: Page;
let driver: Page;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let examDate: string;
let staff: string;
let driverId: string;

/** `YYYY-MM-DD` in Beijing, `days` from now. */
const beijingDay = (days: number) => shanghaiDate(Date.now() + days * 86_400_000);
const staffToken = async () => (await request<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" })).token;


const shot = (page: Page, name: string) => screenshot(page, `rides-${name}`, { fullPage: true });
const expectReadable = (page: Page) => expectAccessible(page, { texts: "taro-text-core, taro-button-core, input", targets: "taro-button-core, .choice, taro-input-core" });
const request = <T>(method: string, path: string, token: string | null, body?: unknown) => apiClient(worker.baseUrl)<T>(method, path, token, body);
const signIn = (page: Page, nickname: string) => h5SignIn(page, worker.baseUrl, nickname);

async function newPhone(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return page;
}

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
  staff = await staffToken();

  // The session staff publish in the console: exams in about three weeks, booking open now.
  examDate = beijingDay(20);
  await request("POST", "/admin/exam-sessions", staff, {
    name: "2027年仁兴社区中考送考",
    kind: "zhongkao",
    examDates: [examDate, beijingDay(21)],
    bookingOpensAt: new Date(Date.now() - 3600_000).toISOString(),
    bookingClosesAt: new Date(Date.now() + 19 * 86_400_000).toISOString(),
    venues: [
      { name: BOOKING.venue, address: "沈阳市仁兴街100号第八中学" },
      { name: "第二十中学考点", address: "沈阳市和平路20号第二十中学" },
    ],
  });

  // A volunteer of 马仁兴服务队 (the driver registers the car in the app, below).
  const { token } = await request<{ token: string }>("POST", "/auth/dev-login", null, { openid: DRIVER.nickname, nickname: DRIVER.nickname });
  const application = await request<{ id: string }>("POST", "/teams/team_marenxing/applications", token, {
    realName: DRIVER.realName,
    phone: DRIVER.phone,
    birthYear: 1975,
    skills: ["开车"],
    availability: "中考、高考期间都有空",
    motivation: "想帮孩子们准时到考场",
  });
  await request("POST", `/admin/applications/${application.id}/decision`, staff, { approve: true });
  driverId = (await request<{ id: string }>("GET", "/me", token)).id;

  family = await newPhone();
  driver = await newPhone();
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("爱心送考 in the H5 mini-program", () => {
  test("a family books a ride for exam day from the 爱心送考 tab", async () => {
    await signIn(family, FAMILY);
    await tab(family, "爱心送考").click();
    await visible(family.getByText("2027年仁兴社区中考送考（中考）")).waitFor();
    await visible(family.getByText("沈阳市仁兴街100号第八中学")).waitFor();
    await expectReadable(family);
    await shot(family, "01-sessions");

    await button(family, "预约送考").click();
    await family.waitForURL(/\/pages\/ride-book\/index/);
    await choice(family, BOOKING.venue).click();
    const dates = visible(family.locator(".choices-wide").nth(1).locator(".choice"));
    await expect.poll(() => dates.count()).toBe(2); // only the session's two exam dates
    await dates.first().click();
    await choice(family, "7点").click();
    await choice(family, "30分").click();
    await field(family, "如：仁兴街12号楼3单元门口").fill(BOOKING.address);
    await field(family, "请输入考生真实姓名").fill(BOOKING.student);
    await field(family, "请输入家长姓名").fill(BOOKING.guardian);
    await field(family, "请输入家长11位手机号").fill(BOOKING.phone);
    await choice(family, "2人").click();
    await visible(family.getByText("接送时间：7点30分")).waitFor();
    await expectReadable(family);
    await shot(family, "02b-booking-form-bottom");
    await family.evaluate("[...document.querySelectorAll('.ride-book')].find((el) => el.offsetParent !== null)?.scrollIntoView()");
    await shot(family, "02-booking-form");

    const posted = family.waitForResponse((r) => r.url().endsWith("/api/v1/rides") && r.request().method() === "POST");
    await button(family, "提交预约").click();
    const response = await posted;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toMatchObject({ examDate, pickupAt: `${examDate}T07:30:00+08:00`, passengers: 2, studentName: BOOKING.student });

    await family.waitForURL(/\/pages\/ride-mine\/index/);
    const card = visible(family.locator(".ride-card")).first();
    await expect.poll(() => card.textContent()).toContain("等待司机接单");
    expect(await card.textContent()).toContain(BOOKING.address);
    await expectReadable(family);
    await shot(family, "03-my-bookings-requested");
  });

  test("a volunteer registers the car in 爱心司机登记; once staff verify it, 可接订单 appears in 我的", async () => {
    await signIn(driver, DRIVER.nickname);
    expect(await button(driver, "可接订单").count()).toBe(0);
    await button(driver, "爱心司机登记").click();
    await driver.waitForURL(/\/pages\/driver-profile\/index/);
    await visible(driver.locator(".status-badge", { hasText: "未登记" })).waitFor();

    await field(driver, "如：辽A12345").fill("A12345");
    await button(driver, "提交审核").click();
    await visible(driver.locator(".field-error", { hasText: "请填写正确的车牌号" })).waitFor();
    await visible(driver.locator(".field-error", { hasText: "请选择可载乘客数" })).waitFor();

    await field(driver, "如：辽A12345").fill(DRIVER.plate);
    await choice(driver, "4座").click();
    await field(driver, "如：5").fill("12");
    const saved = driver.waitForResponse((r) => r.url().endsWith("/me/driver-profile") && r.request().method() === "PUT");
    await button(driver, "提交审核").click();
    expect((await saved).status()).toBe(200);
    await visible(driver.locator(".status-badge", { hasText: "审核中" })).waitFor();
    await driver.waitForTimeout(1800); // the toast fades
    await expectReadable(driver);
    await shot(driver, "04a-driver-profile-pending");

    // Staff verify the car (the console's 认证通过; tested with the console).
    await request("POST", `/admin/drivers/${driverId}/verification`, staff, { approve: true });
    await driver.goBack();
    await driver.waitForURL(/\/pages\/mine\/index/);
    await button(driver, "可接订单").waitFor();
    await button(driver, "爱心司机登记（已认证）").scrollIntoViewIfNeeded();
    await shot(driver, "04b-mine-verified-driver");
  });

  test("the verified driver sees it in 可接订单 without address, phone or names, and accepts after confirming", async () => {
    await button(driver, "可接订单").click();
    await driver.waitForURL(/\/pages\/driver-open\/index/);
    const card = visible(driver.locator(".open-ride")).first();
    await card.waitFor();
    const text = (await card.textContent()) ?? "";
    expect(text).toContain(BOOKING.venue);
    expect(text).toContain("07:30");
    expect(text).toContain("2人");
    const wholePage = (await driver.locator("body").textContent()) ?? "";
    for (const secret of [BOOKING.address, BOOKING.student, BOOKING.guardian, BOOKING.phone]) expect(wholePage).not.toContain(secret);
    await expectReadable(driver);
    await shot(driver, "04-driver-open-list");

    await button(driver, "接单").click();
    await visible(driver.getByText("确认接单").first()).waitFor();
    await shot(driver, "05-driver-accept-confirm");
    const accepted = driver.waitForResponse((r) => /\/rides\/[^/]+\/accept$/.test(r.url()));
    await confirmModal(driver);
    expect((await accepted).status()).toBe(200);

    await driver.waitForURL(/\/pages\/driver-mine\/index/);
    const mine = visible(driver.locator(".ride-card")).first();
    await expect.poll(() => mine.textContent()).toContain("司机已接单");
    const detail = (await mine.textContent()) ?? "";
    for (const known of [BOOKING.address, BOOKING.student, BOOKING.guardian, BOOKING.phone]) expect(detail).toContain(known);
    await button(driver, "打电话给家长").waitFor();
    await expectReadable(driver);
    await shot(driver, "06-driver-my-rides");
  });

  test("the driver reports 已接到考生 → 已送达考点 → 完成, each after a confirmation", async () => {
    const card = visible(driver.locator(".ride-card")).first();
    for (const [step, status] of [
      ["已接到考生", "已接到考生"],
      ["已送达考点", "已送达考点"],
      ["完成", "已完成"],
    ] as const) {
      await button(driver, step).click();
      const moved = driver.waitForResponse((r) => /\/rides\/[^/]+\/progress$/.test(r.url()));
      await confirmModal(driver);
      expect((await moved).status()).toBe(200);
      await expect.poll(() => card.locator(".status-badge").textContent()).toBe(status);
    }
    expect(await button(driver, "打电话给家长").count()).toBe(0);
    await driver.waitForTimeout(1800); // the toast fades
    await shot(driver, "07-driver-completed");
  });

  test("the family sees 已完成 with the whole timeline in 我的预约", async () => {
    await family.reload();
    const card = visible(family.locator(".ride-card")).first();
    await expect.poll(() => card.locator(".status-badge").textContent()).toBe("已完成");
    expect(await visible(family.locator(".timeline-step-done")).count()).toBe(5);
    expect(await card.textContent()).toContain(DRIVER.plate);
    expect(await button(family, "取消预约").count()).toBe(0);
    await expectReadable(family);
    await shot(family, "08-my-bookings-completed");
  });

  test("the driver sees the 120 minutes (2 小时) in 我的 and in 我的服务时长", async () => {
    await driver.goto(worker.baseUrl + "/pages/mine/index");
    await expect.poll(() => visible(driver.locator(".mine-summary")).textContent()).toContain("2 小时");
    await button(driver, "我的服务时长").click();
    await driver.waitForURL(/\/pages\/my-hours\/index/);
    await expect.poll(() => visible(driver.locator(".hours-total-value")).textContent()).toBe("2 小时");
    const group = visible(driver.locator('.hours-group[data-source="ride"]'));
    expect(await group.textContent()).toContain("爱心送考");
    expect(await visible(driver.getByText("共 120 分钟")).count()).toBe(1);
    await expectReadable(driver);
    await shot(driver, "09-driver-hours");
    expect(pageErrors).toEqual([]);
  });

  test("staff see the ride and dispatch a new booking in the console's 送考调度 (desktop)", async () => {
    // A second booking waiting for a driver, so the dispatch form shows.
    const { token } = await request<{ token: string }>("POST", "/auth/dev-login", null, { openid: FAMILY, nickname: FAMILY });
    const sessions = await request<{ items: { id: string; venues: { id: string }[] }[] }>("GET", "/exam-sessions", null);
    const session = sessions.items[0]!;
    await request("POST", "/rides", token, {
      sessionId: session.id,
      venueId: session.venues[0]!.id,
      examDate,
      pickupAt: `${examDate}T12:30:00+08:00`,
      pickupAddress: BOOKING.address,
      studentName: "张小红",
      guardianName: BOOKING.guardian,
      guardianPhone: BOOKING.phone,
      passengers: 1,
    });

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(worker.baseUrl + "/console/login");
    await page.fill("#username", "admin");
    await page.fill("#password", "renxing-admin");
    await Promise.all([page.waitForURL(/\/console(\/)?$/), page.locator('button[type="submit"]').click()]);
    await page.goto(worker.baseUrl + "/console/rides");
    await expect.poll(() => page.locator("tr[data-ride]").count()).toBe(2);
    expect(await page.locator("body").textContent()).toContain(DRIVER.realName);
    await page.evaluate("document.fonts.ready");
    await page.screenshot({ path: artifactPath("screenshots", "rides-10-console-dispatch.png"), fullPage: true });
  });

  test("the family cancels the second booking after confirming; it shows 已取消", async () => {
    await family.reload();
    const card = visible(family.locator(".ride-card", { hasText: "张小红" }));
    await card.waitFor();
    await card.locator("taro-button-core", { hasText: "取消预约" }).click();
    await visible(family.getByText("确定取消张小红的送考预约吗？取消后司机将不再前来。")).waitFor();
    const cancelled = family.waitForResponse((r) => /\/rides\/[^/]+\/cancel$/.test(r.url()));
    await confirmModal(family);
    expect((await cancelled).status()).toBe(200);
    await expect.poll(() => card.locator(".status-badge").textContent()).toBe("已取消");
    expect(await card.locator("taro-button-core", { hasText: "取消预约" }).count()).toBe(0);
  });

  test("大字模式: the driver's pages honour it, with the same checks at the larger sizes", async () => {
    // A third booking waiting for a driver, so 可接订单 has a ride to accept.
    const { token } = await request<{ token: string }>("POST", "/auth/dev-login", null, { openid: FAMILY, nickname: FAMILY });
    const session = (await request<{ items: { id: string; venues: { id: string }[] }[] }>("GET", "/exam-sessions", null)).items[0]!;
    await request("POST", "/rides", token, {
      sessionId: session.id,
      venueId: session.venues[1]!.id,
      examDate,
      pickupAt: `${examDate}T13:00:00+08:00`,
      pickupAddress: BOOKING.address,
      studentName: "张小兰",
      guardianName: BOOKING.guardian,
      guardianPhone: BOOKING.phone,
      passengers: 1,
    });

    await driver.goto(worker.baseUrl + "/pages/mine/index");
    await button(driver, "打开大字模式").click();
    await button(driver, "关闭大字模式").waitFor();
    expect(await elderModeOn(driver)).toBe(true);

    await button(driver, "爱心司机登记（已认证）").click();
    await driver.waitForURL(/\/pages\/driver-profile\/index/);
    await visible(driver.locator(".page.driver-profile.elder .status-badge", { hasText: "已认证" })).waitFor();
    await expectReadable(driver);
    await shot(driver, "11-driver-profile-elder");

    await button(driver, "去看可接订单").click();
    await driver.waitForURL(/\/pages\/driver-open\/index/);
    await visible(driver.locator(".page.driver-open.elder .open-ride", { hasText: "第二十中学考点" })).waitFor();
    await expectReadable(driver);
    await shot(driver, "12-driver-open-elder");

    await button(driver, "接单").click();
    const accepted = driver.waitForResponse((r) => /\/rides\/[^/]+\/accept$/.test(r.url()));
    await confirmModal(driver);
    expect((await accepted).status()).toBe(200);
    await driver.waitForURL(/\/pages\/driver-mine\/index/);
    await visible(driver.locator(".page.driver-mine.elder .ride-card", { hasText: "张小兰" })).waitFor();
    await button(driver, "打电话给家长").waitFor();
    await driver.waitForTimeout(1800); // the toast fades
    await expectReadable(driver);
    await shot(driver, "13-driver-mine-elder");
    expect(pageErrors).toEqual([]);
  });
});
