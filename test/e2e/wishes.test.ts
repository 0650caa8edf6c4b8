import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { apiClient, button, expectAccessible, field, screenshot, signIn as h5SignIn, tab, visible } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * 微心愿 end to end, three people in three browser contexts over the real Worker (fresh seeded D1):
 * a resident posts a wish in the H5 app → staff approve it in the console → a volunteer claims it
 * and fulfils it with a photo → the resident confirms with 5 stars → the volunteer has 1 hour.
 */
const WISHER = { nickname: "张奶奶", realName: "张秀英", phone: "13700001111", masked: "张**" };
const VOLUNTEER = { nickname: "小刘", realName: "刘志强", phone: "13600002222" };
const REPRESENTATIVE = { nickname: "吉林银行小王", realName: "王志军", phone: "13500003333" };
const WISH = { title: "想要一台收音机", story: "老伴走后一个人在家，想听听戏曲和新闻，家里的收音机坏了。", value: "60" };
const NOTE = "已把新收音机送到张奶奶家，调好了戏曲台。";
/** A real 1×1 PNG (the server checks the magic bytes). */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

let worker: RunningWorker;
let browser: LaunchedBrowser;
let wisherApp: Page;
let volunteerApp: Page;
let consolePage: Page;
let wishId = "";
const pageErrors: string[] = [];

const READABLE = { texts: "taro-text-core, taro-button-core, input, textarea", targets: "taro-button-core, .choice, .item-card, taro-input-core" };
const shot = (page: Page, name: string, fullPage = false) => screenshot(page, name, { fullPage });
const expectReadable = (page: Page) => expectAccessible(page, READABLE);
const api = <T>(method: string, path: string, token: string | null, body?: unknown) => apiClient(worker.baseUrl)<T>(method, path, token, body);
const signIn = (page: Page, nickname: string) => h5SignIn(page, worker.baseUrl, nickname);
const statusOf = (page: Page, scope = ".wish-detail-head") => visible(page.locator(`${scope} .status-tag`)).first().textContent();

async function residentToken(who: { nickname: string; realName: string; phone: string }) {
  const { token } = await api<{ token: string }>("POST", "/auth/dev-login", null, { openid: who.nickname, nickname: who.nickname });
  await api("PUT", "/me", token, { realName: who.realName, phone: who.phone });
  return token;
}

async function phonePage(context: BrowserContext) {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return page;
}

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
  wisherApp = await phonePage(await browser.newContext());
  volunteerApp = await phonePage(await browser.newContext());
  consolePage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  consolePage.setDefaultTimeout(15_000);
  consolePage.on("dialog", (dialog) => void dialog.accept());

  // Preconditions, not the journey under test: both profiles filled in, and the volunteer made
  // one through the API (apply to 马仁兴志愿者服务队, staff approve).
  await residentToken(WISHER);
  const volunteerToken = await residentToken(VOLUNTEER);
  const application = await api<{ id: string }>("POST", "/teams/team_marenxing/applications", volunteerToken, {
    realName: VOLUNTEER.realName, phone: VOLUNTEER.phone, birthYear: 1990, skills: ["开车接送"], availability: "周末", motivation: "",
  });
  const staff = await api<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" });
  await api("POST", `/admin/applications/${application.id}/decision`, staff.token, { approve: true });
  expect((await api<{ roles: string[] }>("GET", "/me", volunteerToken)).roles).toContain("volunteer");
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("micro-wishes from posting to the volunteer's hours", () => {
  test("the wall starts empty and says so", async () => {
    await signIn(wisherApp, WISHER.nickname);
    await tab(wisherApp, "微心愿").click();
    await visible(wisherApp.getByText("心愿墙上还没有心愿")).waitFor();
    await visible(wisherApp.getByText("心愿墙上还没有心愿")).scrollIntoViewIfNeeded();
    await expectReadable(wisherApp);
    await shot(wisherApp, "wishes-01-wall-empty");
  });

  test("the post form checks with the shared rules, then the wish is sent and waits for review", async () => {
    await button(wisherApp, "发布心愿").click();
    await wisherApp.waitForURL(/\/pages\/wish-post\/index/);
    await field(wisherApp, "例如：想要一台收音机").fill("收");
    await button(wisherApp, "提交心愿").click();
    await visible(wisherApp.locator(".field-error", { hasText: "心愿标题至少2个字" })).waitFor();
    await visible(wisherApp.locator(".field-error", { hasText: "请选择心愿类别" })).waitFor();
    await visible(wisherApp.locator(".field-error", { hasText: "请用至少10个字说说心愿的来由" })).waitFor();

    await field(wisherApp, "例如：想要一台收音机").fill(WISH.title);
    await visible(wisherApp.locator(".choice", { hasText: "生活用品" })).click();
    await visible(wisherApp.locator("textarea")).fill(WISH.story);
    await field(wisherApp, "例如：50").fill(WISH.value);
    await expect.poll(() => visible(wisherApp.locator(".field-error")).count()).toBe(0);
    await expectReadable(wisherApp);
    await shot(wisherApp, "wishes-02-post-form", true);

    const sent = wisherApp.waitForResponse((r) => r.url().endsWith("/api/v1/wishes") && r.request().method() === "POST");
    await button(wisherApp, "提交心愿").click();
    const response = await sent;
    expect(response.status()).toBe(201);
    wishId = ((await response.json()) as { id: string }).id;
    await wisherApp.waitForURL(/\/pages\/my-wishes\/index/);
    const card = visible(wisherApp.locator(".item-card", { hasText: WISH.title }));
    await expect.poll(() => card.locator(".status-tag").textContent()).toBe("待审核");
    await shot(wisherApp, "wishes-03-my-wishes-pending");
  });

  test("staff see the full wish with the wisher's contact in the console and publish it", async () => {
    await consolePage.goto(`${worker.baseUrl}/console/login`);
    await consolePage.fill("#username", "admin");
    await consolePage.fill("#password", "renxing-admin");
    await Promise.all([consolePage.waitForURL(/\/console$/), consolePage.click("button[type=submit]")]);
    await consolePage.goto(`${worker.baseUrl}/console/wishes`);
    const row = consolePage.locator(`tr[data-wish="${wishId}"]`);
    const rowText = await row.textContent();
    for (const detail of [WISH.title, WISHER.realName, WISHER.phone]) expect(rowText).toContain(detail);
    await shot(consolePage, "wishes-04-console-queue", true);
    await Promise.all([consolePage.waitForURL(/\/console\/wishes/), row.locator("button", { hasText: "通过，发布到心愿墙" }).click()]);
    await expect.poll(() => consolePage.getByText("已通过，心愿已发布到心愿墙。").count()).toBeGreaterThan(0);
  });

  test("the public wall shows the masked name 张** and never the full name or phone", async () => {
    const raw = await (await fetch(`${worker.baseUrl}/api/v1/wishes`)).text();
    expect(raw).toContain(WISH.title);
    expect(raw).toContain(WISHER.masked);
    expect(raw).not.toContain(WISHER.realName);
    expect(raw).not.toContain(WISHER.phone);

    await signIn(volunteerApp, VOLUNTEER.nickname);
    await tab(volunteerApp, "微心愿").click();
    const card = visible(volunteerApp.locator(".item-card", { hasText: WISH.title }));
    await card.waitFor();
    expect(await card.textContent()).toContain(WISHER.masked);
    expect(await card.locator(".status-tag").textContent()).toBe("待认领");
    expect(await volunteerApp.locator("body").textContent()).not.toContain(WISHER.realName);

    // The category filter: 生活用品 keeps it, 学习用品 has none.
    await visible(volunteerApp.locator(".choice", { hasText: "学习用品" })).click();
    await visible(volunteerApp.getByText("还没有“学习用品”类的心愿")).waitFor();
    await visible(volunteerApp.locator(".choice", { hasText: "生活用品" })).click();
    await card.waitFor();
    await expectReadable(volunteerApp);
    await shot(volunteerApp, "wishes-05-wall");
  });

  test("a volunteer claims the wish after confirming", async () => {
    await visible(volunteerApp.locator(".item-card", { hasText: WISH.title })).click();
    await volunteerApp.waitForURL(/\/pages\/wish-detail\/index/);
    await visible(volunteerApp.locator(".wish-detail-title", { hasText: WISH.title })).waitFor();
    expect(await visible(volunteerApp.locator(".wish-detail")).textContent()).toContain(`心愿人：${WISHER.masked}`);
    await expectReadable(volunteerApp);
    await shot(volunteerApp, "wishes-06-detail");

    await button(volunteerApp, "认领这个心愿").click();
    const modal = visible(volunteerApp.locator(".taro-modal__content"));
    await modal.waitFor();
    expect(await modal.textContent()).toContain(`确定认领“${WISH.title}”吗`);
    await volunteerApp.waitForTimeout(400); // the dialog fades in
    await shot(volunteerApp, "wishes-07-claim-confirm");
    const claimed = volunteerApp.waitForResponse((r) => r.url().endsWith(`/wishes/${wishId}/claim`));
    await visible(volunteerApp.locator(".taro-modal__foot").getByText("确定认领")).click();
    expect((await claimed).status()).toBe(200);
    await expect.poll(() => statusOf(volunteerApp)).toBe("已认领");
    await button(volunteerApp, "放弃认领").waitFor();
  });

  test("the claimer fulfils it with a note and a photo", async () => {
    await button(volunteerApp, "完成心愿").click();
    await volunteerApp.waitForURL(/\/pages\/wish-fulfil\/index/);
    await visible(volunteerApp.locator("textarea")).fill(NOTE);

    const chooser = volunteerApp.waitForEvent("filechooser");
    const uploaded = volunteerApp.waitForResponse((r) => r.url().endsWith("/api/v1/uploads"));
    await button(volunteerApp, "添加照片").click();
    await (await chooser).setFiles({ name: "radio.png", mimeType: "image/png", buffer: PNG });
    const upload = await uploaded;
    expect(upload.status()).toBe(201);
    const { url } = (await upload.json()) as { url: string };
    await visible(volunteerApp.locator(".wish-fulfil-photo")).waitFor();
    await expectReadable(volunteerApp);
    await shot(volunteerApp, "wishes-08-fulfil", true);

    const fulfilled = volunteerApp.waitForResponse((r) => r.url().endsWith(`/wishes/${wishId}/fulfil`));
    await button(volunteerApp, "提交完成情况").click();
    const response = await fulfilled;
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { fulfilment: { photoUrls: string[] } }).fulfilment.photoUrls).toEqual([url]);
    await volunteerApp.waitForURL(/\/pages\/wish-detail\/index/);
    await expect.poll(() => statusOf(volunteerApp)).toBe("待确认");
    await visible(volunteerApp.getByText(NOTE)).waitFor();
  });

  test("the wisher sees the note and photo and confirms with 5 stars", async () => {
    await wisherApp.reload();
    const card = visible(wisherApp.locator(".item-card", { hasText: WISH.title }));
    await expect.poll(() => card.locator(".status-tag").textContent()).toBe("待确认");
    await button(wisherApp, "去确认完成").click();
    await wisherApp.waitForURL(/\/pages\/wish-detail\/index/);
    await visible(wisherApp.getByText(NOTE)).waitFor();
    const photo = visible(wisherApp.locator(".wish-detail-photo img"));
    await expect.poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);

    await visible(wisherApp.locator(".choice", { hasText: "5 星" })).click();
    await visible(wisherApp.locator("textarea")).fill("谢谢小刘，收音机很好用！");
    await expectReadable(wisherApp);
    await shot(wisherApp, "wishes-09-confirm", true);
    const confirmed = wisherApp.waitForResponse((r) => r.url().endsWith(`/wishes/${wishId}/confirm`));
    await button(wisherApp, "确认完成").click();
    await visible(wisherApp.locator(".taro-modal__content")).waitFor();
    await visible(wisherApp.locator(".taro-modal__foot").getByText("确认完成")).click();
    const response = await confirmed;
    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toMatchObject({ rating: 5 });
    await expect.poll(() => statusOf(wisherApp)).toBe("已完成");
    await visible(wisherApp.getByText("★★★★★")).waitFor();
  });

  test("the volunteer now has 60 minutes (1 小时) in 我的, and the wish under 我认领的心愿", async () => {
    await volunteerApp.goto(`${worker.baseUrl}/pages/mine/index`);
    await visible(volunteerApp.getByText("修改资料")).waitFor();
    await expect.poll(() => visible(volunteerApp.locator(".mine-summary")).textContent()).toContain("1 小时");
    await shot(volunteerApp, "wishes-10-volunteer-hours");

    await button(volunteerApp, "我认领的心愿").click();
    await volunteerApp.waitForURL(/\/pages\/my-wishes\/index\?view=claimed/);
    const card = visible(volunteerApp.locator(".item-card", { hasText: WISH.title }));
    await expect.poll(() => card.locator(".status-tag").textContent()).toBe("已完成");
    await shot(volunteerApp, "wishes-11-claimed-by-me");

    const { token } = await api<{ token: string }>("POST", "/auth/dev-login", null, { openid: VOLUNTEER.nickname, nickname: VOLUNTEER.nickname });
    expect((await api<{ totalServiceMinutes: number }>("GET", "/me", token)).totalServiceMinutes).toBe(60);
    expect(pageErrors).toEqual([]);
  });

  test("a partner unit's representative claims a wish in the unit's name, shown in full on the wall", async () => {
    const staff = await api<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" });
    const { items: partners } = await api<{ items: { id: string; name: string }[] }>("GET", "/partners", null);
    const unit = partners[0]!;
    const repToken = await residentToken(REPRESENTATIVE);
    const rep = await api<{ id: string }>("GET", "/me", repToken);
    await api("POST", `/admin/partners/${unit.id}/representatives`, staff.token, { userId: rep.id });
    const wisherToken = await residentToken(WISHER);
    const wish = await api<{ id: string }>("POST", "/wishes", wisherToken, { title: "想请人修修水龙头", story: "厨房的水龙头一直滴水，自己拧不紧，想请人帮忙修一修。", category: "repair" });
    await api("POST", `/admin/wishes/${wish.id}/review`, staff.token, { approve: true });

    const repApp = await phonePage(await browser.newContext());
    await signIn(repApp, REPRESENTATIVE.nickname);
    await repApp.goto(`${worker.baseUrl}/pages/wish-detail/index?id=${wish.id}`);
    const claimForUnit = button(repApp, `以${unit.name}名义认领`);
    await claimForUnit.waitFor();
    // Not a volunteer: no personal claim button, only the unit's.
    expect(await button(repApp, "认领这个心愿").count()).toBe(0);
    const claimed = repApp.waitForResponse((r) => r.url().endsWith(`/wishes/${wish.id}/claim`));
    await claimForUnit.click();
    await visible(repApp.locator(".taro-modal__foot").getByText("确定认领")).click();
    const response = await claimed;
    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toEqual({ partnerId: unit.id });
    await expect.poll(() => statusOf(repApp)).toBe("已认领");
    await visible(repApp.getByText(`认领人：${unit.name}`, { exact: false })).waitFor();
    await visible(repApp.locator(".taro-modal__content")).waitFor({ state: "hidden" });
    await shot(repApp, "wishes-12-partner-claimed");
    const wall = await api<{ items: { id: string; claimer: { kind: string; name: string } | null }[] }>("GET", "/wishes", null);
    expect(wall.items.find((w) => w.id === wish.id)?.claimer).toEqual({ kind: "partner", name: unit.name });
    await repApp.context().close();
  });

  test("the wisher cancels a published wish from 我的心愿 after confirming", async () => {
    const staff = await api<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" });
    const wisherToken = await residentToken(WISHER);
    const wish = await api<{ id: string }>("POST", "/wishes", wisherToken, { title: "想学用智能手机", story: "孩子给买了智能手机，不会视频通话，想请人教一教。", category: "study" });
    await api("POST", `/admin/wishes/${wish.id}/review`, staff.token, { approve: true });

    await wisherApp.goto(`${worker.baseUrl}/pages/my-wishes/index`);
    const card = visible(wisherApp.locator(".item-card", { hasText: "想学用智能手机" }));
    await expect.poll(() => card.locator(".status-tag").textContent()).toBe("待认领");
    await card.locator("taro-button-core", { hasText: "取消心愿" }).click();
    await visible(wisherApp.locator(".taro-modal__content", { hasText: "取消后不能恢复" })).waitFor();
    const cancelled = wisherApp.waitForResponse((r) => r.url().endsWith(`/wishes/${wish.id}/cancel`));
    await visible(wisherApp.locator(".taro-modal__foot").getByText("确定取消")).click();
    expect((await cancelled).status()).toBe(200);
    await expect.poll(() => card.locator(".status-tag").textContent()).toBe("已取消");
    expect(await card.locator("taro-button-core", { hasText: "取消心愿" }).count()).toBe(0);
    await expectReadable(wisherApp);
    await shot(wisherApp, "wishes-13-my-wishes");
    expect(pageErrors).toEqual([]);
  });

  test("大字模式: a claimed wish's detail and its fulfil form, with a photo, pass the same checks at the larger sizes", async () => {
    const staff = await api<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" });
    const wish = await api<{ id: string }>("POST", "/wishes", await residentToken(WISHER), { title: "想请人换个灯泡", story: "卫生间的灯泡坏了，自己站不上凳子，想请人帮忙换一个。", category: "repair" });
    await api("POST", `/admin/wishes/${wish.id}/review`, staff.token, { approve: true });
    const { token } = await api<{ token: string }>("POST", "/auth/dev-login", null, { openid: VOLUNTEER.nickname, nickname: VOLUNTEER.nickname });
    await api("POST", `/wishes/${wish.id}/claim`, token, {});

    await volunteerApp.goto(`${worker.baseUrl}/pages/mine/index`);
    await button(volunteerApp, "打开大字模式").click();
    await button(volunteerApp, "关闭大字模式").waitFor();
    await volunteerApp.goto(`${worker.baseUrl}/pages/wish-detail/index?id=${wish.id}`);
    await visible(volunteerApp.locator(".page.wish-detail.elder .wish-detail-title", { hasText: "想请人换个灯泡" })).waitFor();
    await button(volunteerApp, "放弃认领").waitFor();
    await expectReadable(volunteerApp);
    await shot(volunteerApp, "wishes-elder-01-detail", true);

    await button(volunteerApp, "完成心愿").click();
    await volunteerApp.waitForURL(/\/pages\/wish-fulfil\/index/);
    await visible(volunteerApp.locator(".page.wish-fulfil.elder")).waitFor();
    const chooser = volunteerApp.waitForEvent("filechooser");
    await button(volunteerApp, "添加照片").click();
    await (await chooser).setFiles({ name: "bulb.png", mimeType: "image/png", buffer: PNG });
    await visible(volunteerApp.locator(".wish-fulfil-photo")).waitFor();
    await expectReadable(volunteerApp);
    await shot(volunteerApp, "wishes-elder-02-fulfil", true);
    expect(pageErrors).toEqual([]);
  });
});
