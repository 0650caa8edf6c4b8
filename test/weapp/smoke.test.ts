import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { distDir } from "../../scripts/miniapp";
import { WeappHost, type FakeResponse, type PageInstance } from "./host";
import { compileWxml, compileWxss, textOf, type Generator } from "./wxml";

/**
 * The weapp build (miniapp/dist/weapp, built by the global setup) through WeChat's own compilers,
 * then loaded in a fake mini-program host: every page must reach onLoad and render, and what it
 * renders must come out of WeChat's compiled templates as the words a resident would read.
 */
const ROOT = distDir("weapp");
const appJson = JSON.parse(readFileSync(path.join(ROOT, "app.json"), "utf8")) as {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  preloadRule?: Record<string, { network?: string; packages: string[] }>;
  tabBar: { list: { pagePath: string; text: string }[] };
};
/** Every page: the main package's and the subpackages' (分包), by the path navigateTo uses. */
const ROUTES = [...appJson.pages, ...(appJson.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

/** What each page shows a resident who is not signed in (the fake API answers 401). */
const SIGNED_OUT_TEXT: Record<string, string[]> = {
  "pages/index/index": ["仁兴社区志愿服务", "欢迎来到仁兴社区", "志愿队伍", "微心愿", "爱心送考"],
  "pages/teams/index": ["志愿队伍", "我的申请"],
  "pages/wishes/index": ["微心愿", "发布心愿", "按类别看", "生活用品"],
  "pages/rides/index": ["爱心送考", "爱心司机免费接送考生", "我的预约"],
  "pages/mine/index": ["您还没有登录", "去登录"],
  "pages/login/index": ["微信一键登录"],
};

let gwx: (path: string) => Generator | undefined;

function render(route: string, page: PageInstance): string {
  const generate = gwx(`${route}.wxml`);
  if (!generate) throw new Error(`wcc produced no template for ${route}.wxml`);
  return textOf(generate(page.data, {}, {}));
}

/** The sid of the node whose text is `text` (Taro's buttons wrap their label in a text node). */
function sidOf(node: unknown, text: string): string | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  const n = node as { sid?: string; v?: string; cn?: unknown[] };
  if (n.cn?.some((c) => (c as { v?: string }).v === text)) return n.sid;
  for (const child of n.cn ?? []) {
    const found = sidOf(child, text);
    if (found) return found;
  }
  return undefined;
}

function tap(page: PageInstance, label: string) {
  const sid = sidOf((page.data as { root: unknown }).root, label);
  if (!sid) throw new Error(`no node labelled ${label}`);
  const target = { id: sid, dataset: { sid } };
  (page.eh as (e: unknown) => void).call(page, { type: "tap", timeStamp: Date.now(), target, currentTarget: target, detail: { x: 10, y: 10 }, touches: [], changedTouches: [] });
}

beforeAll(() => {
  gwx = compileWxml(ROOT);
});

describe("the weapp build", () => {
  test("WeChat's wcc compiles every WXML file, with a template for every page", () => {
    for (const route of ROUTES) expect(gwx(`${route}.wxml`), route).toBeTypeOf("function");
  });

  test("WeChat's wcsc compiles every WXSS file", () => {
    const styles = compileWxss(ROOT);
    for (const route of ROUTES.filter((r) => r !== "pages/teams/index" && r !== "pages/wishes/index" && r !== "pages/rides/index")) {
      expect(styles, route).toContain(`${route}.wxss`);
    }
    expect(styles).toContain("app.wxss");
  });

  test("the tab bar has the five sections, in order", () => {
    expect(appJson.tabBar.list.map((t) => t.text)).toEqual(["首页", "志愿队伍", "微心愿", "爱心送考", "我的"]);
  });

  test.each(ROUTES)("%s reaches onLoad and renders without throwing", async (route) => {
    const host = new WeappHost(ROOT);
    host.launch(route);
    const page = await host.openPage(route);
    expect(page.updates.length, "setData calls").toBeGreaterThan(0);
    const text = render(route, page.instance);
    for (const expected of SIGNED_OUT_TEXT[route] ?? []) expect(text).toContain(expected);
    expect(text.length).toBeGreaterThan(0);
    expect(host.errors).toEqual([]);
  });

  test("the drivers' pages are subpackages (分包) at their usual paths, preloaded from 我的, and load from there", async () => {
    const driverPages = ["pages/driver-profile/index", "pages/driver-open/index", "pages/driver-mine/index"];
    for (const route of driverPages) {
      expect(appJson.pages, route).not.toContain(route);
      expect(appJson.subPackages?.some((p) => route.startsWith(`${p.root}/`)), route).toBe(true);
    }
    expect(appJson.preloadRule?.["pages/mine/index"]?.packages.sort()).toEqual(["pages/driver-mine", "pages/driver-open", "pages/driver-profile"]);

    const host = new WeappHost(ROOT);
    host.launch("pages/index/index");
    const page = await host.openPage("pages/driver-open/index");
    const text = render("pages/driver-open/index", page.instance);
    for (const expected of ["您还没有登录", "登录后可以查看可接订单。", "去登录"]) expect(text).toContain(expected);
    expect(host.errors).toEqual([]);
  });

  test("signed in, 我的 shows the profile from GET /me and the grids from GET /grids", async () => {
    const profile = {
      id: "usr_1", nickname: "王阿姨", realName: "王秀兰", phone: "13812345678", phoneMasked: "138****5678", gridId: "grd_3", gridName: "第三网格",
      roles: ["resident", "volunteer"], teams: [], driver: null, partner: null, totalServiceMinutes: 750,
    };
    const grids = { items: [{ id: "grd_1", name: "第一网格" }, { id: "grd_3", name: "第三网格" }] };
    const seen: string[] = [];
    const host = new WeappHost(ROOT, {
      request: ({ url, method, header }): FakeResponse => {
        seen.push(`${method} ${url} ${header.authorization ?? ""}`);
        if (url.endsWith("/me")) return { statusCode: 200, data: profile };
        if (url.endsWith("/grids")) return { statusCode: 200, data: grids };
        return { statusCode: 404, data: { error: { code: "NOT_FOUND", message: "找不到请求的内容" } } };
      },
    });
    host.storage.set("renxing.token", "tok_test");
    host.launch("pages/mine/index");
    const page = await host.openPage("pages/mine/index");
    // The first render, while GET /me is on its way, is the loading state.
    expect(JSON.stringify(page.updates[0])).toContain("正在读取您的资料");
    const text = render("pages/mine/index", page.instance);
    for (const expected of ["王阿姨", "138****5678", "居民、志愿者", "第三网格", "12.5 小时", "修改资料", "第一网格", "保存"]) expect(text).toContain(expected);
    expect(seen).toContain("GET http://127.0.0.1:8787/api/v1/me Bearer tok_test");
    expect(host.errors).toEqual([]);
  });

  test("微信一键登录 sends the wx.login code to POST /auth/wechat and keeps the token", async () => {
    const posted: unknown[] = [];
    const host = new WeappHost(ROOT, {
      request: ({ url, method, data }): FakeResponse => {
        if (method === "POST" && url.endsWith("/auth/wechat")) {
          posted.push(data);
          return { statusCode: 200, data: { token: "tok_wechat", user: { id: "usr_2", nickname: "微信用户" } } };
        }
        if (url.endsWith("/auth/methods")) return { statusCode: 200, data: { wechat: true, devLogin: false } };
        return { statusCode: 401, data: { error: { code: "UNAUTHENTICATED", message: "请先登录" } } };
      },
    });
    host.launch("pages/login/index");
    const page = await host.openPage("pages/login/index", { redirect: encodeURIComponent("/pages/mine/index") });
    tap(page.instance, "微信一键登录");
    await host.settle();
    expect(host.calls.map((c) => c.api)).toContain("login");
    expect(posted).toEqual([{ code: "fake-wx-code" }]);
    expect(host.storage.get("renxing.token")).toBe("tok_wechat");
    expect(host.calls.find((c) => c.api === "switchTab")?.args).toMatchObject({ url: expect.stringContaining("/pages/mine/index") });
  });

  test("a contract error from PUT /me becomes a toast with the server's Chinese message, and its details show inline", async () => {
    const profile = {
      id: "usr_1", nickname: "王阿姨", realName: "王秀兰", phone: "13812345678", phoneMasked: "138****5678", gridId: "grd_9", gridName: null,
      roles: ["resident"], teams: [], driver: null, partner: null, totalServiceMinutes: 0,
    };
    const puts: unknown[] = [];
    const host = new WeappHost(ROOT, {
      request: ({ url, method, data }): FakeResponse => {
        if (method === "PUT" && url.endsWith("/me")) {
          puts.push(data);
          return { statusCode: 400, data: { error: { code: "VALIDATION_FAILED", message: "提交的内容有误，请检查后重试", details: [{ field: "gridId", message: "所选网格不存在" }] } } };
        }
        if (url.endsWith("/me")) return { statusCode: 200, data: profile };
        if (url.endsWith("/grids")) return { statusCode: 200, data: { items: [{ id: "grd_1", name: "第一网格" }] } };
        return { statusCode: 404, data: { error: { code: "NOT_FOUND", message: "找不到请求的内容" } } };
      },
    });
    host.storage.set("renxing.token", "tok_test");
    host.launch("pages/mine/index");
    const page = await host.openPage("pages/mine/index");
    tap(page.instance, "保存");
    await host.settle();
    expect(puts).toEqual([{ realName: "王秀兰", phone: "13812345678", gridId: "grd_9" }]);
    expect(host.calls.find((c) => c.api === "showToast")?.args).toMatchObject({ title: "提交的内容有误，请检查后重试", icon: "none" });
    expect(render("pages/mine/index", page.instance)).toContain("所选网格不存在");
  });
});
