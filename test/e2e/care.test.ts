import { shanghaiDate } from "@renxing/shared";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { apiClient, button, choice, confirmModal, elderModeOn, expectAccessible, screenshot, signIn, visible } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * 关爱独居老人 around the whole loop on the real Workers (fresh seeded D1 with the demo grid
 * workers): the admin registers an elder of 第五网格 in the console with her consent and pairs a
 * volunteer → the volunteer finds her in 我的结对 on the phone (375×667), with the due date and
 * 打电话, and records a visit with a worry (缺药) → 第五网格's grid worker has the alert in the
 * console's 消息 and sees the visit on the elder's page. Only making the resident a volunteer of
 * 第五网格 goes through the API. Screenshots: test/artifacts/screenshots/care-*.png.
 */
const VOLUNTEER = { nickname: "周阿姨", realName: "周玉梅", phone: "13600007777" };
const ELDER = { name: "陈桂英", address: "仁兴街道幸福里5号楼2单元301", phone: "13911112222", emergencyName: "陈建华", emergencyPhone: "13922223333" };
const GRID = "grd_renxing_05";
const WORRY = "缺药或不按时吃药";
const DAY = 24 * 60 * 60 * 1000;

let worker: RunningWorker;
let browser: LaunchedBrowser;
let app: Page;
let console_: Page;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let volunteerId = "";
let elderId = "";

const request = <T>(method: string, path: string, token: string | null, body?: unknown) => apiClient(worker.baseUrl)<T>(method, path, token, body);
const expectReadable = (page: Page) =>
  expectAccessible(page, { texts: "taro-text-core, taro-button-core, input, textarea, .care-call", targets: "taro-button-core, .choice, .care-call, taro-input-core" });
/** "2026年12月7日", as 我的结对 writes a Beijing date. */
const chineseDate = (ms: number) => {
  const [y, m, d] = shanghaiDate(ms).split("-").map(Number);
  return `${y}年${m}月${d}日`;
};
const elderCard = () => visible(app.locator(".item-card", { hasText: ELDER.name }));

async function newPage(options?: Parameters<LaunchedBrowser["newContext"]>[0]): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return page;
}

async function consoleLogin(username: string) {
  await console_.context().clearCookies();
  await console_.goto(`${worker.baseUrl}/console/login`);
  await console_.fill("#username", username);
  await console_.fill("#password", "renxing-admin");
  await Promise.all([console_.waitForURL(/\/console$/), console_.click("button[type=submit]")]);
}

beforeAll(async () => {
  worker = await startWorker({ gridWorkers: true });
  browser = await launchBrowser();

  // A precondition, not the journey: a resident of 第五网格 approved into 马仁兴服务队.
  const staff = (await request<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" })).token;
  const { token, user } = await request<{ token: string; user: { id: string } }>("POST", "/auth/dev-login", null, { openid: VOLUNTEER.nickname, nickname: VOLUNTEER.nickname });
  volunteerId = user.id;
  await request("PUT", "/me", token, { realName: VOLUNTEER.realName, phone: VOLUNTEER.phone, gridId: GRID });
  const application = await request<{ id: string }>("POST", "/teams/team_marenxing/applications", token, {
    realName: VOLUNTEER.realName, phone: VOLUNTEER.phone, birthYear: 1960, skills: ["陪伴聊天"], availability: "工作日下午", motivation: "邻居之间多照应",
  });
  await request("POST", `/admin/applications/${application.id}/decision`, staff, { approve: true });

  app = await newPage();
  console_ = await newPage({ viewport: { width: 1280, height: 800 } });
  console_.on("dialog", (dialog) => void dialog.accept());
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("an elder living alone, from the console's register to the volunteer's visit and the grid worker's alert", () => {
  test("the admin registers 陈桂英 in 第五网格 with her consent and pairs the volunteer", async () => {
    await consoleLogin("admin");
    await console_.goto(`${worker.baseUrl}/console/care`);
    await console_.click("details.record summary");
    const form = console_.locator("form[data-form=register]");
    await form.locator("[name=name]").fill(ELDER.name);
    await form.locator("[name=gridId]").selectOption(GRID);
    await form.locator("[name=address]").fill(ELDER.address);
    await form.locator("[name=phone]").fill(ELDER.phone);
    await form.locator("[name=riskLevel]").selectOption("high");
    await form.locator("[name=emergencyName]").fill(ELDER.emergencyName);
    await form.locator("[name=emergencyPhone]").fill(ELDER.emergencyPhone);
    await form.locator("[name=consentAt]").fill(shanghaiDate(Date.now()));
    await Promise.all([console_.waitForURL(/\/console\/care\/[^/?]+\?done=registered$/), form.locator("button[type=submit]").click()]);
    elderId = new URL(console_.url()).pathname.split("/").pop()!;

    const pair = console_.locator("form[data-form=pair]");
    await pair.locator("[name=userId]").selectOption(volunteerId);
    await Promise.all([console_.waitForURL(/done=paired$/), pair.locator("button[type=submit]").click()]);
    expect(await console_.locator(`[data-paired="${volunteerId}"]`).textContent()).toContain(VOLUNTEER.realName);
    await screenshot(console_, "care-1-console-paired", { fullPage: true });
  });

  test("the volunteer finds her in 我的结对 with the due date, her address and 打电话", async () => {
    await signIn(app, worker.baseUrl, VOLUNTEER.nickname);
    await button(app, "我的结对").click();
    await app.waitForURL(/\/pages\/my-care\/index/);
    const card = elderCard();
    await card.waitFor();
    const text = await card.textContent();
    // 高风险: the first visit is due 7 days after registering.
    for (const expected of ["7 天后到期", `下次走访：${chineseDate(Date.now() + 7 * DAY)}`, "还没有走访过", "第五网格", ELDER.address, ELDER.phone]) expect(text).toContain(expected);
    expect(await card.locator("a.care-call").getAttribute("href")).toBe(`tel:${ELDER.phone}`);
    await expectReadable(app);
    await screenshot(app, "care-2-my-care", { fullPage: true });
  });

  test("the volunteer records a visit that found her short of medicine, confirms it, and is told the grid worker knows", async () => {
    await visible(elderCard().locator("taro-button-core", { hasText: "记录走访" })).click();
    await app.waitForURL(/\/pages\/care-visit\/index/);
    await visible(app.getByText(`走访 ${ELDER.name}`)).waitFor();
    await expectReadable(app);

    await choice(app, "见到老人").click();
    await choice(app, WORRY).click();
    const sent = app.waitForResponse((r) => r.url().endsWith(`/api/v1/care/${elderId}/visits`) && r.request().method() === "POST");
    await button(app, "提交走访记录").click();
    await visible(app.getByText(`见到老人，30 分钟；情况：${WORRY}`, { exact: false })).waitFor();
    await confirmModal(app);
    const response = await sent;
    expect(response.status()).toBe(201);
    expect(await response.json()).toMatchObject({ outcome: "visited", minutes: 30, flags: ["medicine"] });
    await visible(app.getByText("已通知网格员", { exact: false })).waitFor();
    await screenshot(app, "care-3-visit-recorded");
    await confirmModal(app);

    // Back in 我的结对: visited today, so the next visit is a week away.
    await app.waitForURL(/\/pages\/my-care\/index/);
    await expect.poll(async () => elderCard().textContent()).toContain(`上次走访：${chineseDate(Date.now())}`);
    expect(await elderCard().textContent()).toContain(`下次走访：${chineseDate(Date.now() + 7 * DAY)}`);
  });

  test("走访记录 shows the visit with the worry in words and who went", async () => {
    await visible(elderCard().locator("taro-button-core", { hasText: "走访记录" })).click();
    await app.waitForURL(/\/pages\/care-history\/index/);
    const visit = visible(app.locator(".item-card", { hasText: "见到老人" }));
    await visit.waitFor();
    const text = await visit.textContent();
    for (const expected of [WORRY, "30 分钟", VOLUNTEER.realName]) expect(text).toContain(expected);
    await expectReadable(app);
  });

  test("第五网格's grid worker has the alert in 消息 and sees the visit on the elder's page", async () => {
    await consoleLogin("grid5");
    await console_.goto(`${worker.baseUrl}/console/messages`);
    const alert = console_.locator("li.message[data-kind=visit_overdue]");
    await expect.poll(() => alert.count()).toBe(1);
    const alertText = await alert.textContent();
    for (const expected of ["【未读】", "走访预警", ELDER.name, WORRY]) expect(alertText).toContain(expected);
    await screenshot(console_, "care-4-console-messages", { fullPage: true });

    await Promise.all([console_.waitForURL(new RegExp(`/console/care/${elderId}$`)), alert.locator("a", { hasText: "查看" }).click()]);
    const row = console_.locator("tr[data-visit][data-outcome=visited]");
    const rowText = await row.textContent();
    for (const expected of [WORRY, "30", VOLUNTEER.realName]) expect(rowText).toContain(expected);
  });

  test("大字模式: the care pages honour it, with the same checks at the larger sizes", async () => {
    await app.goto(`${worker.baseUrl}/pages/mine/index`);
    await button(app, "打开大字模式").click();
    await button(app, "关闭大字模式").waitFor();
    expect(await elderModeOn(app)).toBe(true);
    await button(app, "我的结对").click();
    await app.waitForURL(/\/pages\/my-care\/index/);
    await elderCard().waitFor();
    await visible(app.locator(".page.my-care.elder")).waitFor();
    await expectReadable(app);
    await screenshot(app, "care-5-my-care-elder", { fullPage: true });
    await visible(elderCard().locator("taro-button-core", { hasText: "记录走访" })).click();
    await app.waitForURL(/\/pages\/care-visit\/index/);
    await visible(app.locator(".page.care-visit.elder")).waitFor();
    await expectReadable(app);
    await screenshot(app, "care-6-visit-elder", { fullPage: true });
    await app.goBack();
    await app.waitForURL(/\/pages\/my-care\/index/);
    await visible(elderCard().locator("taro-button-core", { hasText: "走访记录" })).click();
    await app.waitForURL(/\/pages\/care-history\/index/);
    await visible(app.locator(".item-card", { hasText: "见到老人" })).waitFor();
    await visible(app.locator(".page.care-history.elder")).waitFor();
    await expectReadable(app);
    await screenshot(app, "care-7-history-elder", { fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
