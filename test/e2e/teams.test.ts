import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import * as h5 from "../support/h5";
import { visible } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * 志愿队伍 end to end: a resident applies in the H5 app (375×667), an admin decides in the staff
 * console (a second, desktop-sized browser context), and the resident sees the outcome and the
 * 志愿者 role in 我的; then leaves the team. All against the real Worker over a fresh seeded D1.
 */
const RESIDENT = { nickname: "李大爷", realName: "李建国", phone: "13912345678" };
const TEAM = { id: "team_6070", name: "6070分队" };

let worker: RunningWorker;
let browser: LaunchedBrowser;
let app: Page;
let consolePage: Page;
let applicationId = "";
const pageErrors: string[] = [];

const button = (label: string) => h5.button(app, label);
const field = (placeholder: string) => h5.field(app, placeholder);
const tab = (label: string) => h5.tab(app, label);
const shot = (page: Page, name: string, fullPage = false) => h5.screenshot(page, name, { fullPage });
const expectReadable = () => h5.expectAccessible(app, { texts: "taro-text-core, taro-button-core, input, textarea", targets: "taro-button-core, .choice, .item-card, taro-input-core" });
const api = <T>(method: string, path: string, token: string | null, body?: unknown) => h5.apiClient(worker.baseUrl)<T>(method, path, token, body);
const summary = () => visible(app.locator(".mine-summary")).textContent();

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
  app = await (await browser.newContext()).newPage();
  app.setDefaultTimeout(15_000);
  app.on("pageerror", (error) => pageErrors.push(error.message));
  consolePage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  consolePage.setDefaultTimeout(15_000);
  consolePage.on("dialog", (dialog) => void dialog.accept());
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("volunteer teams in the H5 app and the console", () => {
  test("the team list shows every seeded team with its slogan and size; the detail says who may join", async () => {
    // Precondition, not the journey: the resident's profile already has a name and phone.
    const { token } = await api<{ token: string }>("POST", "/auth/dev-login", null, { openid: RESIDENT.nickname, nickname: RESIDENT.nickname });
    await api("PUT", "/me", token, { realName: RESIDENT.realName, phone: RESIDENT.phone });

    await app.goto(worker.baseUrl + "/");
    await tab("我的").click();
    await field("例如：王阿姨").fill(RESIDENT.nickname);
    await button("登录").click();
    await app.waitForURL(/\/pages\/mine\/index/);
    await visible(app.getByText("修改资料")).waitFor();

    await tab("志愿队伍").click();
    const cards = visible(app.locator(".item-card"));
    await expect.poll(() => cards.count()).toBe(3);
    const text = (await cards.allTextContents()).join("\n");
    for (const name of ["薪火青年团", "6070分队", "马仁兴志愿者服务队", "现有队员 0 人", "1950–1979 年出生的居民"]) expect(text).toContain(name);
    await expectReadable();
    await shot(app, "teams-01-list");

    await visible(app.locator(".item-card", { hasText: TEAM.name })).click();
    await app.waitForURL(/\/pages\/team-detail\/index\?id=team_6070/);
    await visible(app.locator(".team-detail-name", { hasText: TEAM.name })).waitFor();
    await visible(app.getByText("1950–1979 年出生的居民")).waitFor();
    await button("申请加入").waitFor();
    await expectReadable();
    await shot(app, "teams-02-detail");
  });

  test("the apply form is prefilled from the profile, and a birth year outside 1950–1979 shows the API's message", async () => {
    await button("申请加入").click();
    await app.waitForURL(/\/pages\/team-apply\/index/);
    await expect.poll(() => field("请输入真实姓名").inputValue()).toBe(RESIDENT.realName);
    expect(await field("请输入11位手机号").inputValue()).toBe(RESIDENT.phone);
    await expectReadable();
    await shot(app, "teams-03-apply-form");

    // Nothing chosen: the shared schema's messages, and nothing is sent.
    await button("提交申请").click();
    await visible(app.locator(".field-error", { hasText: "请填写出生年份" })).waitFor();
    await visible(app.locator(".field-error", { hasText: "请填写可服务时间" })).waitFor();

    await field("例如：1958").fill("1990");
    await visible(app.locator(".choice", { hasText: "陪伴聊天" })).click();
    await visible(app.locator(".choice", { hasText: "周末" })).click();
    await visible(app.locator("textarea")).fill("退休在家，想帮帮邻居。");
    await expectReadable();
    await shot(app, "teams-03b-apply-form-filled");

    const refused = app.waitForResponse((r) => r.url().endsWith(`/teams/${TEAM.id}/applications`));
    await button("提交申请").click();
    const response = await refused;
    expect(response.status()).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("NOT_ELIGIBLE");
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
    await visible(app.locator(".form-error", { hasText: error.message })).waitFor();
    await visible(app.locator(".field-error", { hasText: error.message })).waitFor();
    await shot(app, "teams-04-apply-not-eligible", true);
  });

  test("an eligible resident applies and sees 审核中 in 我的申请", async () => {
    await field("例如：1958").fill("1958");
    const sent = app.waitForResponse((r) => r.url().endsWith(`/teams/${TEAM.id}/applications`));
    await button("提交申请").click();
    const response = await sent;
    expect(response.status()).toBe(201);
    applicationId = ((await response.json()) as { id: string }).id;

    await app.waitForURL(/\/pages\/my-applications\/index/);
    const card = visible(app.locator(".item-card", { hasText: TEAM.name }));
    await expect.poll(() => card.locator(".status-tag").textContent()).toBe("审核中");
  });

  test("an admin approves the application in the console", async () => {
    await consolePage.goto(`${worker.baseUrl}/console/login`);
    await consolePage.fill("#username", "admin");
    await consolePage.fill("#password", "renxing-admin");
    await Promise.all([consolePage.waitForURL(/\/console$/), consolePage.click("button[type=submit]")]);
    await consolePage.goto(`${worker.baseUrl}/console/applications`);
    const row = consolePage.locator(`tr[data-application="${applicationId}"]`);
    const rowText = await row.textContent();
    for (const detail of [RESIDENT.realName, RESIDENT.phone, "1958", TEAM.name, "陪伴聊天"]) expect(rowText).toContain(detail);
    await shot(consolePage, "teams-05-console-applications", true);

    await Promise.all([consolePage.waitForURL(/\/console\/applications/), row.locator("button", { hasText: "通过" }).first().click()]);
    await expect.poll(() => consolePage.locator(`tr[data-application="${applicationId}"]`).count()).toBe(0);
  });

  test("the resident sees 已通过 in 我的申请 and 志愿者 in 我的", async () => {
    await app.reload();
    const card = visible(app.locator(".item-card", { hasText: TEAM.name }));
    await expect.poll(() => card.locator(".status-tag").textContent()).toBe("已通过");
    await expectReadable();
    await shot(app, "teams-06-my-applications");

    await app.goto(`${worker.baseUrl}/pages/mine/index`);
    await expect.poll(summary).toContain("志愿者");
    const block = visible(app.locator(".my-volunteering"));
    await expect.poll(() => block.textContent()).toContain(`已加入：${TEAM.name}`);
    await block.scrollIntoViewIfNeeded();
    await shot(app, "teams-07-mine-volunteer");
  });

  test("a member leaves the team after confirming, and the 志愿者 role is gone", async () => {
    await button("我的申请").click();
    await app.waitForURL(/\/pages\/my-applications\/index/);
    await button("查看队伍").click();
    await app.waitForURL(/\/pages\/team-detail\/index/);
    await visible(app.getByText("您已是这支队伍的队员", { exact: false })).waitFor();

    // First thoughts: 再想想 keeps the membership.
    await button("退出队伍").click();
    const modal = visible(app.locator(".taro-modal__content"));
    await modal.waitFor();
    expect(await modal.textContent()).toContain(`确定要退出${TEAM.name}吗`);
    await app.waitForTimeout(400); // the dialog fades in
    await shot(app, "teams-08-leave-confirm");
    await visible(app.locator(".taro-modal__foot").getByText("再想想")).click();
    await app.waitForTimeout(500);
    await visible(app.getByText("您已是这支队伍的队员", { exact: false })).waitFor();

    const left = app.waitForResponse((r) => r.url().endsWith(`/teams/${TEAM.id}/membership`) && r.request().method() === "DELETE");
    await button("退出队伍").click();
    await visible(app.locator(".taro-modal__foot").getByText("确定退出")).click();
    expect((await left).status()).toBe(204);
    await button("申请加入").waitFor();

    await app.goto(`${worker.baseUrl}/pages/mine/index`);
    await visible(app.getByText("修改资料")).waitFor();
    await expect.poll(summary).toContain("居民");
    expect(await summary()).not.toContain("志愿者");
    expect(pageErrors).toEqual([]);
  });

  test("a refusal in the console, with its reason, shows as 未通过 and the reason in 我的申请", async () => {
    // Precondition through the API: the same resident applies to 马仁兴志愿者服务队.
    const { token } = await api<{ token: string }>("POST", "/auth/dev-login", null, { openid: RESIDENT.nickname, nickname: RESIDENT.nickname });
    const application = await api<{ id: string }>("POST", "/teams/team_marenxing/applications", token, {
      realName: RESIDENT.realName, phone: RESIDENT.phone, birthYear: 1958, skills: [], availability: "周末", motivation: "",
    });
    const reason = "本队本月名额已满，请下月再申请";
    await consolePage.goto(`${worker.baseUrl}/console/applications`);
    const row = consolePage.locator(`tr[data-application="${application.id}"]`);
    await row.locator("textarea[name=reason]").fill(reason);
    await Promise.all([consolePage.waitForURL(/\/console\/applications/), row.locator("button", { hasText: "不通过" }).click()]);
    await expect.poll(() => consolePage.locator(`tr[data-application="${application.id}"]`).count()).toBe(0);

    await app.goto(`${worker.baseUrl}/pages/my-applications/index`);
    const card = visible(app.locator(".item-card", { hasText: "马仁兴志愿者服务队" }));
    await expect.poll(() => card.locator(".status-tag").textContent()).toBe("未通过");
    expect(await card.locator(".my-applications-reason").textContent()).toBe(`未通过原因：${reason}`);
    // The approved 6070分队 application stays 已通过, and says the resident has left since.
    const left = visible(app.locator(".item-card", { hasText: TEAM.name }));
    await expect.poll(() => left.textContent()).toContain("您已退出这支队伍");
    await expectReadable();
    await shot(app, "teams-09-my-applications-refused");
    expect(pageErrors).toEqual([]);
  });

  test("大字模式: a team's page and its apply form pass the same checks at the larger sizes", async () => {
    await app.goto(`${worker.baseUrl}/pages/mine/index`);
    await button("打开大字模式").click();
    await button("关闭大字模式").waitFor();
    await app.goto(`${worker.baseUrl}/pages/team-detail/index?id=${TEAM.id}`);
    await visible(app.locator(".page.team-detail.elder .team-detail-name", { hasText: TEAM.name })).waitFor();
    await button("申请加入").waitFor();
    await expectReadable();
    await shot(app, "teams-elder-01-detail", true);

    await button("申请加入").click();
    await app.waitForURL(/\/pages\/team-apply\/index/);
    await visible(app.locator(".page.team-apply.elder")).waitFor();
    await expect.poll(() => field("请输入真实姓名").inputValue()).toBe(RESIDENT.realName);
    await expectReadable();
    await shot(app, "teams-elder-02-apply-form", true);
    expect(pageErrors).toEqual([]);
  });
});
