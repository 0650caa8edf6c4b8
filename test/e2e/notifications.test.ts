import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { distDir } from "../../scripts/miniapp";
import { launchBrowser, type LaunchedBrowser } from "../support/browser";
import { expectNoSeriousAxeViolations } from "../support/a11y";
import { apiClient, expectAccessible, screenshot, signIn, tab, visible } from "../support/h5";
import { startWorker, type RunningWorker } from "../support/worker";
import { WeappHost, type FakeResponse, type PageInstance } from "../weapp/host";
import { compileWxml, textOf } from "../weapp/wxml";

/**
 * 消息 end to end over the real Worker (fresh seeded D1): a wish is posted and approved, a
 * volunteer claims it (API calls: the setup, not the journey), then in the browser the wisher sees
 * 1 unread on the 我的 tab, opens 消息, taps the message through to the wish, comes back, and the
 * badge is gone.
 */
const WISHER = { nickname: "李奶奶", realName: "李桂芳", phone: "13700004444" };
const VOLUNTEER = { nickname: "小陈", realName: "陈志远", phone: "13600005555" };
const WISH = { title: "想要一副老花镜", story: "眼睛越来越花，看报纸和手机都很吃力，想配一副老花镜。", category: "daily_necessities" };

let worker: RunningWorker;
let browser: LaunchedBrowser;
let app: Page;
let wishId = "";
const pageErrors: string[] = [];

const api = <T>(method: string, path: string, token: string | null, body?: unknown) => apiClient(worker.baseUrl)<T>(method, path, token, body);
/** The number Taro's H5 tab bar draws on the 我的 tab (what `Taro.setTabBarBadge` sets). */
const mineBadge = () => tab(app, "我的").locator(".taro-tabbar-badge");

async function residentToken(who: { nickname: string; realName: string; phone: string }) {
  const { token } = await api<{ token: string }>("POST", "/auth/dev-login", null, { openid: who.nickname, nickname: who.nickname });
  await api("PUT", "/me", token, { realName: who.realName, phone: who.phone });
  return token;
}

beforeAll(async () => {
  worker = await startWorker();
  browser = await launchBrowser();
  app = await (await browser.newContext()).newPage();
  app.setDefaultTimeout(15_000);
  app.on("pageerror", (error) => pageErrors.push(error.message));

  const wisherToken = await residentToken(WISHER);
  const volunteerToken = await residentToken(VOLUNTEER);
  const staff = await api<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" });
  const application = await api<{ id: string }>("POST", "/teams/team_marenxing/applications", volunteerToken, {
    realName: VOLUNTEER.realName, phone: VOLUNTEER.phone, birthYear: 1990, skills: ["开车接送"], availability: "周末", motivation: "",
  });
  await api("POST", `/admin/applications/${application.id}/decision`, staff.token, { approve: true });
  wishId = (await api<{ id: string }>("POST", "/wishes", wisherToken, WISH)).id;
  await api("POST", `/admin/wishes/${wishId}/review`, staff.token, { approve: true });
  // The review told the wisher too: read that one, so the claim is the one unread message.
  await api("POST", "/me/notifications/read", wisherToken, { all: true });
  await api("POST", `/wishes/${wishId}/claim`, volunteerToken, {});
  expect(await api("GET", "/me/notifications/unread-count", wisherToken)).toEqual({ count: 1 });
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("the wisher hears that a volunteer claimed the wish", () => {
  test("the 我的 tab shows 1 unread, and 我的 has a 消息 row saying so", async () => {
    await signIn(app, worker.baseUrl, WISHER.nickname);
    await expect.poll(() => visible(mineBadge()).textContent()).toBe("1");
    const row = visible(app.locator(".mine-messages"));
    await expect.poll(() => row.textContent()).toContain("1条未读");
    await expectNoSeriousAxeViolations(app, "mine (1 unread)");
    await screenshot(app, "notifications-00-mine-unread");
  });

  test("消息 lists the claim newest first, unread in bold with a dot labelled 未读", async () => {
    await visible(app.locator(".mine-messages")).click();
    await app.waitForURL(/\/pages\/messages\/index/);
    const items = visible(app.locator(".message"));
    await expect.poll(() => items.count()).toBe(2);
    const newest = items.first();
    expect(await newest.textContent()).toContain(WISH.title);
    expect(await newest.getAttribute("class")).toContain("message-unread");
    expect(await newest.locator(".message-dot").getAttribute("aria-label")).toBe("未读");
    expect(await newest.locator(".message-title").evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontWeight: string } }).getComputedStyle(el).fontWeight)).toBe("700");
    // The older one (the review) was read before: no dot, normal weight.
    expect(await items.nth(1).getAttribute("class")).not.toContain("message-unread");
    expect(await items.nth(1).locator(".message-dot").count()).toBe(0);
    await expectAccessible(app, { texts: "taro-text-core, taro-button-core", targets: "taro-button-core, .message" });
    await screenshot(app, "notifications-01-messages");
  });

  test("tapping the message opens the wish and marks it read; back on 我的 the badge is gone", async () => {
    const marked = app.waitForResponse((r) => r.url().endsWith("/api/v1/me/notifications/read"));
    await visible(app.locator(".message")).first().click();
    await app.waitForURL(new RegExp(`/pages/wish-detail/index\\?id=${wishId}`));
    expect((await marked).request().postDataJSON()).toEqual({ ids: [expect.any(String)] });
    await visible(app.locator(".wish-detail-title", { hasText: WISH.title })).waitFor();
    await expectNoSeriousAxeViolations(app, "wish-detail (from a message)");

    await app.goBack();
    await app.waitForURL(/\/pages\/messages\/index/);
    await expect.poll(() => visible(app.locator(".message-unread")).count()).toBe(0);
    await app.goBack();
    await app.waitForURL(/\/pages\/mine\/index/);
    await expect.poll(() => visible(app.locator(".mine-messages")).textContent()).not.toContain("未读");
    await expect.poll(() => mineBadge().count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  test("全部已读 clears what is left; with nothing at all the page says 暂无消息", async () => {
    const staff = await api<{ token: string }>("POST", "/auth/staff-login", null, { username: "admin", password: "renxing-admin" });
    const wisherToken = await residentToken(WISHER);
    const second = await api<{ id: string }>("POST", "/wishes", wisherToken, { ...WISH, title: "想要一个助行器" });
    await api("POST", `/admin/wishes/${second.id}/review`, staff.token, { approve: true });

    await app.goto(`${worker.baseUrl}/pages/messages/index`);
    await expect.poll(() => visible(app.locator(".message-unread")).count()).toBe(1);
    const marked = app.waitForResponse((r) => r.url().endsWith("/api/v1/me/notifications/read"));
    await visible(app.locator("taro-button-core", { hasText: "全部已读" })).click();
    expect((await marked).request().postDataJSON()).toEqual({ all: true });
    await expect.poll(() => visible(app.locator(".message-unread")).count()).toBe(0);
    expect(await api("GET", "/me/notifications/unread-count", wisherToken)).toEqual({ count: 0 });

    const newcomer = await (await browser.newContext()).newPage();
    newcomer.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(newcomer, worker.baseUrl, "新来的赵叔");
    await newcomer.goto(`${worker.baseUrl}/pages/messages/index`);
    await visible(newcomer.getByText("暂无消息")).waitFor();
    await expectNoSeriousAxeViolations(newcomer, "messages (none)");
    await newcomer.context().close();
    expect(pageErrors).toEqual([]);
  });
});

/**
 * The WeChat side, in the weapp build loaded by the fake mini-program host (test/weapp/host.ts):
 * the tab badge through wx.setTabBarBadge, and the subscribe prompt at the tap that posts a wish.
 */
const TEMPLATES = { wish_reviewed: "tmpl_reviewed", wish_claimed: "tmpl_claimed", wish_fulfilled: "tmpl_fulfilled", ride_reminder: "tmpl_ride" };
const PROFILE = {
  id: "usr_1", nickname: "李奶奶", realName: "李桂芳", phone: "13700004444", phoneMasked: "137****4444", gridId: null, gridName: null,
  roles: ["resident"], teams: [], driver: null, partner: null, totalServiceMinutes: 0,
};


function tapLabel(page: PageInstance, label: string) {
  const find = (node: unknown): string | undefined => {
    if (typeof node !== "object" || node === null) return undefined;
    const n = node as { sid?: string; cn?: { v?: string }[] };
    if (n.cn?.some((c) => c.v === label)) return n.sid;
    for (const child of n.cn ?? []) {
      const found = find(child);
      if (found) return found;
    }
    return undefined;
  };
  const sid = find((page.data as { root: unknown }).root);
  if (!sid) throw new Error(`no node labelled ${label}`);
  const target = { id: sid, dataset: { sid } };
  (page.eh as (e: unknown) => void).call(page, { type: "tap", timeStamp: Date.now(), target, currentTarget: target, detail: { x: 10, y: 10 }, touches: [], changedTouches: [] });
}

describe("in WeChat", () => {
  const ROOT = distDir("weapp");
  const rendered = (route: string, page: PageInstance) => textOf(compileWxml(ROOT)(`${route}.wxml`)!(page.data, {}, {}));

  test("我的 draws the unread count on its tab and keeps the subscribe templates for the taps to come", async () => {
    const host = new WeappHost(ROOT, {
      request: ({ url }): FakeResponse => {
        if (url.endsWith("/me")) return { statusCode: 200, data: PROFILE };
        if (url.endsWith("/grids")) return { statusCode: 200, data: { items: [] } };
        if (url.endsWith("/me/notifications/unread-count")) return { statusCode: 200, data: { count: 2 } };
        if (url.endsWith("/me/subscriptions")) return { statusCode: 200, data: { templates: TEMPLATES, grants: {} } };
        return { statusCode: 404, data: { error: { code: "NOT_FOUND", message: "找不到请求的内容" } } };
      },
    });
    host.provide({ setTabBarBadge: (o) => o.success?.({}), removeTabBarBadge: (o) => o.success?.({}) });
    host.storage.set("renxing.token", "tok_test");
    host.launch("pages/mine/index");
    const page = await host.openPage("pages/mine/index");
    expect(host.calls.filter((c) => c.api === "setTabBarBadge").map((c) => c.args)).toEqual([expect.objectContaining({ index: 4, text: "2" })]);
    expect(rendered("pages/mine/index", page.instance)).toContain("2条未读");
    expect(host.storage.get("renxing.subscribe.templates")).toEqual(TEMPLATES);
    expect(host.errors).toEqual([]);
  });

  test("提交心愿 asks for the wish's three kinds first, sends the answers, and does not ask again for the next post", async () => {
    const answers: unknown[] = [];
    const host = new WeappHost(ROOT, {
      request: ({ url, method, data }): FakeResponse => {
        if (method === "POST" && url.endsWith("/me/subscriptions")) {
          answers.push(data);
          return { statusCode: 200, data: { grants: { wish_reviewed: 0, wish_claimed: 1, wish_fulfilled: 1 } } };
        }
        return { statusCode: 404, data: { error: { code: "NOT_FOUND", message: "找不到请求的内容" } } };
      },
    });
    host.provide({
      requestSubscribeMessage: (o) => o.success?.({ errMsg: "requestSubscribeMessage:ok", tmpl_reviewed: "reject", tmpl_claimed: "accept", tmpl_fulfilled: "accept" }),
    });
    host.storage.set("renxing.token", "tok_test");
    host.storage.set("renxing.subscribe.templates", TEMPLATES);
    host.launch("pages/wish-post/index");
    const page = await host.openPage("pages/wish-post/index");

    const before = host.calls.length;
    tapLabel(page.instance, "提交心愿");
    await host.settle();
    // Before anything else WeChat is asked to do (reading storage aside): the prompt opens only from a tap.
    expect(host.calls.slice(before).filter((c) => !/Storage/.test(c.api))[0]).toEqual({ api: "requestSubscribeMessage", args: expect.objectContaining({ tmplIds: ["tmpl_reviewed", "tmpl_claimed", "tmpl_fulfilled"] }) });
    expect(answers).toEqual([{ results: { wish_reviewed: "reject", wish_claimed: "accept", wish_fulfilled: "accept" } }]);
    // The post itself went on: the empty form shows what to fill in.
    expect(rendered("pages/wish-post/index", page.instance)).toContain("心愿标题至少2个字");

    tapLabel(page.instance, "提交心愿");
    await host.settle();
    expect(host.calls.filter((c) => c.api === "requestSubscribeMessage")).toHaveLength(1);
    expect(host.errors).toEqual([]);
  });

  test("a prompt WeChat refuses to show (subscriptions switched off) neither stops the post nor sends anything", async () => {
    const requests: string[] = [];
    const host = new WeappHost(ROOT, {
      request: ({ url, method }): FakeResponse => {
        requests.push(`${method} ${url}`);
        return { statusCode: 404, data: { error: { code: "NOT_FOUND", message: "找不到请求的内容" } } };
      },
    });
    host.provide({ requestSubscribeMessage: (o) => o.fail?.({ errMsg: "requestSubscribeMessage:fail", errCode: 20004 }) });
    host.storage.set("renxing.token", "tok_test");
    host.storage.set("renxing.subscribe.templates", TEMPLATES);
    host.launch("pages/wish-post/index");
    const page = await host.openPage("pages/wish-post/index");
    tapLabel(page.instance, "提交心愿");
    await host.settle();
    expect(host.calls.filter((c) => c.api === "requestSubscribeMessage")).toHaveLength(1);
    expect(rendered("pages/wish-post/index", page.instance)).toContain("心愿标题至少2个字");
    expect(requests.filter((r) => r.includes("/me/subscriptions"))).toEqual([]);
    expect(host.errors).toEqual([]);
  });
});
