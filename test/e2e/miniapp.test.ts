import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import * as h5 from "../support/h5";
import { visible } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";

/**
 * The H5 build of the mini-program in Debian's Chromium at 375×667, served by the real Worker
 * (`wrangler dev`, fresh local D1 with the demo seed) from the same origin as the API.
 * Screenshots of every page land in test/artifacts/screenshots/ on every run.
 */
const NICKNAME = "王阿姨";
const PROFILE = { realName: "王秀兰", phone: "13812345678", phoneMasked: "138****5678", grid: "第三网格" };

let worker: RunningWorker;
let browser: LaunchedBrowser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
/** What Chromium reports against the CSP of h5/_headers, over the whole journey. */
const cspViolations: string[] = [];


const button = (label: string) => h5.button(page, label);
const field = (placeholder: string) => h5.field(page, placeholder);
const tab = (label: string) => h5.tab(page, label);
const shot = (name: string) => h5.screenshot(page, name);
const expectReadable = (label?: string) =>
  h5.expectAccessible(
    page,
    {
      texts: "taro-text-core, taro-button-core, .weui-tabbar__label, input:not([type=checkbox]), textarea",
      targets: "taro-button-core, .weui-tabbar__item, .grid-option, .home-entry, taro-input-core, .choice, .item-card, .report-category, .message, .task-card",
    },
    label,
  );

/** The profile as the API has it: signs in as the same dev user (same openid) from outside. */
async function profileFromApi(): Promise<Record<string, unknown>> {
  const login = await fetch(`${worker.baseUrl}/api/v1/auth/dev-login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ openid: NICKNAME, nickname: NICKNAME }),
  });
  const { token } = (await login.json()) as { token: string };
  const me = await fetch(`${worker.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  return (await me.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (/Content Security Policy|securitypolicyviolation/i.test(message.text())) cspViolations.push(message.text());
  });
  // Chromium logs most violations itself; the event catches any it only dispatches.
  await context.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => console.error('securitypolicyviolation: ' + e.violatedDirective + ' ' + e.blockedURI))",
  );
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("the H5 mini-program on the real Worker", () => {
  test("its pages carry a CSP that allows no inline or foreign script, and the HTML has none", async () => {
    for (const path of ["/", "/pages/mine/index"]) {
      const res = await fetch(worker.baseUrl + path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp.match(/script-src[^;]*/)?.[0], path).toBe("script-src 'self'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toMatch(/\ssrc="\/[^"]+"/);
    }
  });

  test("首页 opens at / for a resident who is not signed in", async () => {
    await page.goto(worker.baseUrl + "/");
    await expect.poll(() => visible(page.getByText("欢迎来到仁兴社区")).count()).toBe(1);
    await expect.poll(() => page.locator(".weui-tabbar__label").allTextContents()).toEqual(["首页", "志愿队伍", "微心愿", "爱心送考", "我的"]);
    await expectReadable();
    await shot("01-home-signed-out");
  });

  test("我的 sends a signed-out resident to the dev sign-in, which brings them back signed in", async () => {
    await tab("我的").click();
    await page.waitForURL(/\/pages\/login\/index/);
    const nickname = field("例如：王阿姨");
    await nickname.waitFor();
    await expectReadable();
    await shot("02-login");

    await nickname.fill(NICKNAME);
    await button("登录").click();
    await page.waitForURL(/\/pages\/mine\/index/);
    await visible(page.getByText("修改资料")).waitFor();
    await expect.poll(() => visible(page.locator(".mine-nickname")).textContent()).toBe(NICKNAME);
    await expect.poll(() => visible(page.locator(".mine-summary")).textContent()).toContain("未填写");
    await expect.poll(() => visible(page.locator(".mine-summary")).textContent()).toContain("居民");
    // The summary's rows, our own list rows: 48px or taller, label and value in 18px.
    const rows = (await page.evaluate(`[...document.querySelectorAll(".mine-summary .list-row")]
      .filter((el) => el.getBoundingClientRect().height > 0)
      .map((el) => ({
        label: el.querySelector(".list-row-label")?.textContent,
        height: el.getBoundingClientRect().height,
        fontPx: [...el.querySelectorAll(".list-row-label, .list-row-value")].map((t) => parseFloat(getComputedStyle(t).fontSize)),
      }))`)) as { label?: string; height: number; fontPx: number[] }[];
    expect(rows.map((r) => r.label)).toEqual(["手机", "身份", "网格", "服务时长"]);
    for (const row of rows) {
      expect(row.height, row.label ?? "").toBeGreaterThanOrEqual(48);
      expect(row.fontPx, row.label ?? "").toEqual([18, 18]);
    }
    await expectReadable();
    await shot("03-mine");
  });

  test("a profile edit is saved with PUT /me and is still there after a reload", async () => {
    await field("请输入真实姓名").fill(PROFILE.realName);
    await field("请输入11位手机号").fill(PROFILE.phone);
    await visible(page.locator(".grid-option", { hasText: PROFILE.grid })).click();
    const saved = page.waitForResponse((r) => r.url().endsWith("/api/v1/me") && r.request().method() === "PUT");
    await button("保存").click();
    expect((await saved).status()).toBe(200);
    await visible(page.getByText("已保存")).waitFor();
    await expect.poll(() => visible(page.locator(".mine-summary")).textContent()).toContain(PROFILE.phoneMasked);
    await page.waitForTimeout(300); // the toast fades in
    await shot("04-mine-saved");

    await page.reload();
    await visible(page.getByText("修改资料")).waitFor();
    await expect.poll(() => field("请输入真实姓名").inputValue()).toBe(PROFILE.realName);
    expect(await field("请输入11位手机号").inputValue()).toBe(PROFILE.phone);
    const summary = await visible(page.locator(".mine-summary")).textContent();
    expect(summary).toContain(PROFILE.phoneMasked);
    expect(summary).toContain(PROFILE.grid);
    expect(await visible(page.locator(".grid-option-chosen")).textContent()).toContain(PROFILE.grid);
    await shot("05-mine-after-reload");

    const me = await profileFromApi();
    expect(me).toMatchObject({ nickname: NICKNAME, realName: PROFILE.realName, phone: PROFILE.phone, gridName: PROFILE.grid });
  });

  test("a malformed phone shows the shared rule's message under the field and sends nothing", async () => {
    const puts: string[] = [];
    const onRequest = (r: { method: () => string; url: () => string }) => {
      if (r.method() === "PUT") puts.push(r.url());
    };
    page.on("request", onRequest);
    try {
      // 11 digits, but no mobile number starts with 2: only the shared PHONE_PATTERN catches it.
      await field("请输入11位手机号").fill("23812345678");
      await button("保存").click();
      await visible(page.locator(".field-error", { hasText: "请输入正确的11位手机号" })).waitFor();
      await page.waitForTimeout(500);
      await shot("06-mine-invalid-phone");
      expect(puts).toEqual([]);
    } finally {
      page.off("request", onRequest);
    }
    expect(await profileFromApi()).toMatchObject({ phone: PROFILE.phone, phoneMasked: PROFILE.phoneMasked });
  });

  test("every tab reads well at 375×667 once signed in", async () => {
    const tabs = [
      { label: "首页", text: `您好，${NICKNAME}`, shot: "07-home" },
      { label: "志愿队伍", text: "薪火青年团", shot: "08-teams" },
      { label: "微心愿", text: "发布和认领微心愿", shot: "09-wishes" },
      { label: "爱心送考", text: "爱心司机免费接送考生", shot: "10-rides" },
    ];
    for (const t of tabs) {
      await tab(t.label).click();
      await visible(page.getByText(t.text)).first().waitFor();
      await expectReadable();
      await shot(t.shot);
    }
    expect(pageErrors).toEqual([]);
  });

  test("大字模式, turned on in 我的, is kept on this phone and every tab and the main pages honour it", async () => {
    await tab("我的").click();
    await visible(page.getByText("修改资料")).waitFor();
    await visible(page.getByText("打开后，字和按钮都更大", { exact: false })).waitFor();
    await button("打开大字模式").click();
    await button("关闭大字模式").waitFor();
    expect(await h5.elderModeOn(page)).toBe(true);
    expect(await visible(page.locator(".page.mine")).getAttribute("class")).toContain("elder");
    await expectReadable("mine");
    await h5.screenshot(page, "elder-03-mine", { fullPage: true });

    const tabs = [
      { label: "首页", text: `您好，${NICKNAME}`, shot: "elder-01-home" },
      { label: "志愿队伍", text: "薪火青年团" },
      { label: "微心愿", text: "发布和认领微心愿", shot: "elder-02-wishes" },
      { label: "爱心送考", text: "爱心司机免费接送考生" },
    ];
    for (const t of tabs) {
      await tab(t.label).click();
      await visible(page.getByText(t.text)).first().waitFor();
      await expectReadable();
      if (t.shot) await h5.screenshot(page, t.shot, { fullPage: true });
    }

    // Opened afresh (a reload each): the mode comes back from the phone's storage.
    const pages = ["messages", "my-reports", "report-post", "report-wall", "my-wishes", "wish-post", "my-hours", "task-list", "ride-mine", "ride-book", "my-applications"];
    for (const name of pages) {
      await page.goto(`${worker.baseUrl}/pages/${name}/index`);
      await visible(page.locator(".page.elder")).first().waitFor();
      await expect.poll(() => visible(page.locator(".loading")).count()).toBe(0);
      await expectReadable(name);
    }
    expect(pageErrors).toEqual([]);

    await page.goto(`${worker.baseUrl}/pages/mine/index`);
    await button("关闭大字模式").click();
    await button("打开大字模式").waitFor();
    expect(await h5.elderModeOn(page)).toBe(false);
    await expectReadable("mine (elder mode off again)");
    // Leave on another tab, as the walk found it: the next test taps 我的.
    await tab("首页").click();
    await visible(page.getByText(`您好，${NICKNAME}`)).first().waitFor();
  }, 240_000); // sixteen pages, each through axe

  test("a token the server no longer accepts (401) sends the resident back to the sign-in page", async () => {
    // Taro's H5 storage keeps { data } as JSON in localStorage.
    const stored = (await page.evaluate("localStorage.getItem('renxing.token')")) as string;
    const token = (JSON.parse(stored) as { data: string }).data;
    const logout = await fetch(`${worker.baseUrl}/api/v1/auth/logout`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(logout.status).toBe(204);

    await tab("我的").click();
    await page.waitForURL(/\/pages\/login\/index\?redirect=/);
    await field("例如：王阿姨").waitFor();
    expect(await page.evaluate("localStorage.getItem('renxing.token')")).toBeNull();
  });

  test("大字模式 reaches the sign-in page too, with the same checks at the larger sizes", async () => {
    // Signed out there is no 我的 to switch it in: the phone's storage (Taro keeps { data }) as the switch left it.
    await page.evaluate(`localStorage.setItem("renxing.elder", JSON.stringify({ data: true }))`);
    await page.reload();
    await visible(page.locator(".page.login.elder")).waitFor();
    await field("例如：王阿姨").waitFor();
    await expectReadable("login");
    await h5.screenshot(page, "elder-04-login", { fullPage: true });
    await page.evaluate(`localStorage.removeItem("renxing.elder")`);
    expect(pageErrors).toEqual([]);
  });

  test("nothing on the way broke the CSP", () => {
    expect(cspViolations).toEqual([]);
  });
});
