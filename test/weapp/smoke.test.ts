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
  "pages/index/index": ["仁兴社区志愿服务", "随手拍 · 我要反映", "看看诉求墙", "欢迎来到仁兴社区", "志愿队伍", "微心愿", "爱心送考", "居民议事厅"],
  "pages/teams/index": ["志愿队伍", "我的申请"],
  "pages/wishes/index": ["微心愿", "发布心愿", "按类别看", "生活用品"],
  "pages/rides/index": ["爱心送考", "爱心司机免费接送考生", "我的预约"],
  "pages/mine/index": ["您还没有登录", "去登录"],
  "pages/login/index": ["微信一键登录"],
  "pages/report-post/index": ["您还没有登录", "登录后可以随手拍、反映身边的问题。"],
  "pages/my-reports/index": ["随手拍 · 我要反映", "您还没有登录"],
  "pages/report-wall/index": ["诉求墙", "不显示姓名、电话和楼栋", "按类别看", "安全隐患"],
  "pages/report-detail/index": ["没有找到这件诉求"],
  "pages/my-care/index": ["关爱独居老人", "您还没有登录", "登录后可以查看您结对的老人。"],
  "pages/care-visit/index": ["没有找到这位老人"],
  "pages/care-history/index": ["没有找到这位老人"],
  "pages/deliberations/index": ["居民议事厅", "我要建议", "我的建议", "按阶段看", "两委商议", "决议公示"],
  "pages/deliberation-detail/index": ["没有找到这个议题"],
  "pages/suggestion-post/index": ["您还没有登录", "登录后可以向社区提建议。"],
  "pages/my-suggestions/index": ["我要建议", "您还没有登录", "登录后可以查看您提的建议和办理情况。"],
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

type RenderNode = { sid?: string; v?: string; cl?: string; cn?: RenderNode[] };

function findNode(node: RenderNode, match: (n: RenderNode) => boolean): RenderNode | undefined {
  if (match(node)) return node;
  for (const child of node.cn ?? []) {
    const found = findNode(child, match);
    if (found) return found;
  }
  return undefined;
}

const textIn = (node: RenderNode): string => (node.v ?? "") + (node.cn ?? []).map(textIn).join("");

/** Fires a mini-program event at the element with class `className` (and `text` inside, if given). */
function fire(page: PageInstance, className: string, text: string | undefined, type: string, detail: unknown = { x: 10, y: 10 }) {
  const node = findNode((page.data as { root: RenderNode }).root, (n) => (n.cl ?? "").split(/\s+/).includes(className) && (text === undefined || textIn(n).includes(text)));
  if (!node?.sid) throw new Error(`no .${className} ${text ?? ""}`);
  const target = { id: node.sid, dataset: { sid: node.sid } };
  (page.eh as (e: unknown) => void).call(page, { type, timeStamp: Date.now(), target, currentTarget: target, detail, touches: [], changedTouches: [] });
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

  test("大字模式 in 我的 puts the elder class on the page root, remembers it on the phone, and other pages open with it", async () => {
    const profile = {
      id: "usr_1", nickname: "王阿姨", realName: null, phone: null, phoneMasked: null, gridId: null, gridName: null,
      roles: ["resident"], teams: [], driver: null, partner: null, totalServiceMinutes: 0,
    };
    const host = new WeappHost(ROOT, {
      request: ({ url }): FakeResponse => {
        if (url.endsWith("/me")) return { statusCode: 200, data: profile };
        if (url.endsWith("/grids")) return { statusCode: 200, data: { items: [] } };
        return { statusCode: 404, data: { error: { code: "NOT_FOUND", message: "找不到请求的内容" } } };
      },
    });
    host.storage.set("renxing.token", "tok_test");
    host.launch("pages/mine/index");
    const mine = await host.openPage("pages/mine/index");
    await host.settle();
    const rootClass = (page: PageInstance) => findNode((page.data as { root: RenderNode }).root, (n) => (n.cl ?? "").split(/\s+/).includes("page"))?.cl ?? "";
    expect(rootClass(mine.instance)).not.toContain("elder");
    expect(render("pages/mine/index", mine.instance)).toContain("打开大字模式");

    tap(mine.instance, "打开大字模式");
    await host.settle();
    expect(rootClass(mine.instance).split(/\s+/)).toEqual(["page", "mine", "elder"]);
    expect(render("pages/mine/index", mine.instance)).toContain("关闭大字模式");
    expect(host.storage.get("renxing.elder")).toBe(true);

    const home = await host.openPage("pages/index/index");
    expect(rootClass(home.instance).split(/\s+/)).toContain("elder");
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

describe("网格诉求 in the weapp build", () => {
  const notFound: FakeResponse = { statusCode: 404, data: { error: { code: "NOT_FOUND", message: "找不到请求的内容" } } };
  const profile = {
    id: "usr_1", nickname: "王阿姨", realName: "王秀兰", phone: "13812345678", phoneMasked: "138****5678", gridId: null, gridName: null,
    roles: ["resident"], teams: [], driver: null, partner: null, totalServiceMinutes: 0,
  };
  const resolvedDispute = {
    id: "rep_1", ref: "RX20261130-0007", category: "neighbour_dispute", categoryName: "邻里纠纷", description: "楼上装修每天晚上十点以后还在施工",
    status: "resolved", level: "grid", gridId: "grd_3", gridName: "第三网格", photoUrls: [], public: false, building: "3号楼2单元", isMine: true,
    createdAt: "2026-11-30T01:00:00.000Z", acceptBy: "2026-12-01T01:00:00.000Z", resolveBy: "2026-12-07T01:00:00.000Z", reopenCount: 0,
    timeline: [
      { at: "2026-11-30T01:00:00.000Z", kind: "submitted", text: "居民提交了诉求", level: "grid" },
      { at: "2026-11-30T02:00:00.000Z", kind: "accepted", text: "网格员已受理", level: "grid" },
      { at: "2026-11-30T08:00:00.000Z", kind: "resolved", text: "已在仁兴话室调解", level: "grid" },
    ],
    result: {
      text: "双方约定晚上八点以后不再施工", photoUrls: [], at: "2026-11-30T08:00:00.000Z",
      mediation: { heldAt: "2026-11-30T07:00:00.000Z", place: "仁兴话室", parties: ["张先生", "李女士"], agreed: true },
    },
  };
  const signedInHost = (request: NonNullable<ConstructorParameters<typeof WeappHost>[1]>["request"]) => {
    const host = new WeappHost(ROOT, { request });
    host.storage.set("renxing.token", "tok_test");
    host.provide({ showModal: (o) => (o as { success?: (r: unknown) => void }).success?.({ confirm: true, cancel: false }) });
    return host;
  };

  test("the report pages are subpackages (分包) at the paths notifications open, fetched ahead from 首页 and 消息", () => {
    for (const route of ["pages/report-post/index", "pages/report-wall/index", "pages/my-reports/index", "pages/report-detail/index"]) {
      expect(appJson.pages, route).not.toContain(route);
      expect(appJson.subPackages?.some((p) => route === `${p.root}/index`), route).toBe(true);
    }
    expect(appJson.preloadRule?.["pages/index/index"]?.packages.sort()).toEqual(["pages/report-post", "pages/report-wall"]);
    expect(appJson.preloadRule?.["pages/messages/index"]?.packages).toEqual(["pages/report-detail"]);
  });

  test("我要反映 without a grid: the schema's message first, then GRID_REQUIRED opens the grid choice, and the case number shows once filed", async () => {
    const posted: unknown[] = [];
    const host = signedInHost(({ url, method, data }) => {
      if (url.endsWith("/me")) return { statusCode: 200, data: profile };
      if (url.endsWith("/grids")) return { statusCode: 200, data: { items: [{ id: "grd_1", name: "第一网格" }, { id: "grd_3", name: "第三网格" }] } };
      if (method === "POST" && url.endsWith("/reports")) {
        posted.push(data);
        return (data as { gridId?: string }).gridId
          ? { statusCode: 201, data: { id: "rep_8", ref: "RX20261130-0008", status: "submitted", level: "grid" } }
          : { statusCode: 422, data: { error: { code: "GRID_REQUIRED", message: "请先选择问题所在的网格（可在“我的”里填写所在网格）" } } };
      }
      return notFound;
    });
    host.launch("pages/report-post/index");
    const page = await host.openPage("pages/report-post/index");
    let text = render("pages/report-post/index", page.instance);
    for (const expected of ["是什么问题", "环境卫生", "设施维修", "安全隐患", "邻里纠纷", "物业服务", "老人求助", "其他", "在地图上选位置", "公开到诉求墙", "公开后只显示问题和处理过程，不显示姓名、电话和楼栋。"]) {
      expect(text).toContain(expected);
    }

    fire(page.instance, "report-category", "安全隐患", "tap");
    fire(page.instance, "field-textarea", undefined, "input", { value: "太短" });
    await host.settle();
    tap(page.instance, "提交");
    await host.settle();
    expect(posted).toEqual([]);
    expect(render("pages/report-post/index", page.instance)).toContain("请用至少10个字描述问题");

    fire(page.instance, "field-textarea", undefined, "input", { value: "5号楼楼道里堆满了纸箱，挡住了消防通道" });
    await host.settle();
    tap(page.instance, "提交");
    await host.settle();
    expect(posted).toEqual([{ category: "safety_hazard", description: "5号楼楼道里堆满了纸箱，挡住了消防通道", public: false }]);
    text = render("pages/report-post/index", page.instance);
    expect(text).toContain("请先选择问题所在的网格");
    expect(text).toContain("第一网格");

    fire(page.instance, "choice", "第一网格", "tap");
    await host.settle();
    tap(page.instance, "提交");
    await host.settle();
    expect(posted[1]).toEqual({ category: "safety_hazard", description: "5号楼楼道里堆满了纸箱，挡住了消防通道", gridId: "grd_1", public: false });
    text = render("pages/report-post/index", page.instance);
    for (const expected of ["已提交，谢谢您！", "RX20261130-0008", "查看进度"]) expect(text).toContain(expected);
    tap(page.instance, "查看进度");
    await host.settle();
    expect(host.calls.find((c) => c.api === "redirectTo")?.args).toMatchObject({ url: "/pages/report-detail/index?id=rep_8" });
    expect(host.errors).toEqual([]);
  });

  test("the reporter sees the case number, the steps, the mediation and rates 满意 with the large buttons", async () => {
    let report: Record<string, unknown> = resolvedDispute;
    const rated: unknown[] = [];
    const host = signedInHost(({ url, method, data }) => {
      if (method === "POST" && url.endsWith("/reports/rep_1/rate")) {
        rated.push(data);
        report = { ...report, status: "closed", rating: { rating: "satisfied", comment: null, at: "2026-11-30T09:00:00.000Z" } };
        return { statusCode: 200, data: report };
      }
      if (url.endsWith("/reports/rep_1")) return { statusCode: 200, data: report };
      return notFound;
    });
    host.launch("pages/report-detail/index");
    const page = await host.openPage("pages/report-detail/index", { id: "rep_1" });
    let text = render("pages/report-detail/index", page.instance);
    for (const expected of [
      "诉求编号", "RX20261130-0007", "已办结", "提交", "受理", "处理中", "评价", "邻里纠纷", "第三网格 · 3号楼2单元",
      "办理结果", "调解记录", "仁兴话室", "张先生、李女士", "双方达成一致", "办理经过", "网格员已受理", "网格员",
      "问题解决了吗？请您评价", "满意", "基本满意", "不满意", "确认评价",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("撤回诉求");

    tap(page.instance, "确认评价");
    await host.settle();
    expect(rated).toEqual([]);
    expect(render("pages/report-detail/index", page.instance)).toContain("请选择满意、基本满意或不满意");

    fire(page.instance, "report-rate-choice", "基本满意", "tap");
    fire(page.instance, "report-rate-choice", "满意", "tap");
    await host.settle();
    tap(page.instance, "确认评价");
    await host.settle();
    expect(rated).toEqual([{ rating: "satisfied" }]);
    text = render("pages/report-detail/index", page.instance);
    expect(text).toContain("已评价");
    expect(text).toContain("居民评价");
    expect(text).not.toContain("确认评价");
    expect(host.errors).toEqual([]);
  });

  test("someone else's public report shows no actions; the reporter's waiting one can be withdrawn after a confirmation", async () => {
    const others = { ...resolvedDispute, id: "rep_2", status: "accepted", isMine: false, building: undefined, result: undefined, reopenCount: 1 };
    let mine: Record<string, unknown> = { ...resolvedDispute, id: "rep_3", status: "submitted", result: undefined, timeline: resolvedDispute.timeline.slice(0, 1) };
    const withdrawn: string[] = [];
    const answer = ({ url, method }: { url: string; method: string }): FakeResponse => {
      if (url.endsWith("/reports/rep_2")) return { statusCode: 200, data: others };
      if (method === "POST" && url.endsWith("/reports/rep_3/withdraw")) {
        withdrawn.push(url);
        mine = { ...mine, status: "withdrawn" };
        return { statusCode: 200, data: mine };
      }
      if (url.endsWith("/reports/rep_3")) return { statusCode: 200, data: mine };
      return notFound;
    };
    const passerBy = signedInHost(answer);
    passerBy.launch("pages/report-detail/index");
    const public_ = await passerBy.openPage("pages/report-detail/index", { id: "rep_2" });
    const text = render("pages/report-detail/index", public_.instance);
    expect(text).toContain("居民对上次的办理结果不满意，已重新办理。");
    for (const absent of ["撤回诉求", "确认评价", "3号楼"]) expect(text).not.toContain(absent);

    expect(passerBy.errors).toEqual([]);

    const host = signedInHost(answer);
    host.launch("pages/report-detail/index");
    const own = await host.openPage("pages/report-detail/index", { id: "rep_3" });
    expect(render("pages/report-detail/index", own.instance)).toContain("应在");
    tap(own.instance, "撤回诉求");
    await host.settle();
    expect(host.calls.find((c) => c.api === "showModal")?.args).toMatchObject({ title: "撤回诉求" });
    expect(withdrawn).toHaveLength(1);
    expect(render("pages/report-detail/index", own.instance)).toContain("这件诉求已经撤回，不再办理。");
    expect(host.errors).toEqual([]);
  });

  test("诉求墙 filters by category and loads the next page with the cursor", async () => {
    const card = (id: string, category: string, description: string) => ({
      id, category, categoryName: "", description, status: "accepted", gridName: "第五网格", createdAt: "2026-11-29T03:00:00.000Z",
    });
    const seen: string[] = [];
    const host = new WeappHost(ROOT, {
      request: ({ url }) => {
        seen.push(url.replace(/^.*\/api\/v1/, ""));
        if (url.includes("cursor=c2")) return { statusCode: 200, data: { items: [card("rep_b", "environment", "小区东门垃圾桶满了没人清")], nextCursor: null } };
        if (url.includes("category=facility")) return { statusCode: 200, data: { items: [], nextCursor: null } };
        if (url.includes("/reports?")) return { statusCode: 200, data: { items: [card("rep_a", "safety_hazard", "楼道里私拉电线给电动车充电")], nextCursor: "c2" } };
        return notFound;
      },
    });
    host.launch("pages/report-wall/index");
    const page = await host.openPage("pages/report-wall/index");
    let text = render("pages/report-wall/index", page.instance);
    for (const expected of ["安全隐患", "楼道里私拉电线给电动车充电", "第五网格", "处理中", "加载更多"]) expect(text).toContain(expected);

    tap(page.instance, "加载更多");
    await host.settle();
    text = render("pages/report-wall/index", page.instance);
    expect(text).toContain("楼道里私拉电线给电动车充电");
    expect(text).toContain("小区东门垃圾桶满了没人清");
    expect(text).toContain("没有更多了");

    fire(page.instance, "choice", "设施维修", "tap");
    await host.settle();
    expect(render("pages/report-wall/index", page.instance)).toContain("还没有公开的“设施维修”诉求");
    expect(seen).toEqual(["/reports?limit=20", "/reports?limit=20&cursor=c2", "/reports?limit=20&category=facility"]);
    expect(host.errors).toEqual([]);
  });
});

describe("关爱独居老人 in the weapp build", () => {
  const DAY = 24 * 60 * 60 * 1000;
  const notFound: FakeResponse = { statusCode: 404, data: { error: { code: "NOT_FOUND", message: "找不到请求的内容" } } };
  const elder = (id: string, name: string, dueInDays: number, lastVisitAt: string | null) => ({
    id, name, gridName: "第五网格", address: `仁兴街${id.length}号3单元101`, phone: id === "cr_1" ? "13900001111" : "13900002222", riskLevel: "high",
    lastVisitAt, nextDueAt: new Date(Date.now() + dueInDays * DAY).toISOString(), overdue: dueInDays < 0,
  });
  const signedInHost = (request: NonNullable<ConstructorParameters<typeof WeappHost>[1]>["request"]) => {
    const host = new WeappHost(ROOT, { request });
    host.storage.set("renxing.token", "tok_test");
    host.provide({ showModal: (o) => (o as { success?: (r: unknown) => void }).success?.({ confirm: true, cancel: false }) });
    return host;
  };

  test("the care pages are subpackages (分包) at their usual paths; 我的结对 fetches the other two ahead", () => {
    for (const route of ["pages/my-care/index", "pages/care-visit/index", "pages/care-history/index"]) {
      expect(appJson.pages, route).not.toContain(route);
      expect(appJson.subPackages?.some((p) => route === `${p.root}/index`), route).toBe(true);
    }
    expect(appJson.preloadRule?.["pages/my-care/index"]?.packages.sort()).toEqual(["pages/care-history", "pages/care-visit"]);
  });

  test("我的结对 shows the overdue elder first in words, with address, due dates and a big 打电话 that dials", async () => {
    const seen: string[] = [];
    const host = signedInHost(({ url }) => {
      seen.push(url.replace(/^.*\/api\/v1/, ""));
      if (url.endsWith("/me/care")) return { statusCode: 200, data: { items: [elder("cr_1", "张奶奶", -3, "2026-11-01T02:00:00.000Z"), elder("cr_22", "李爷爷", 5, null)] } };
      return notFound;
    });
    host.provide({ makePhoneCall: (o) => (o as { success?: (r: unknown) => void }).success?.({ errMsg: "makePhoneCall:ok" }) });
    host.launch("pages/my-care/index");
    const page = await host.openPage("pages/my-care/index");
    expect(JSON.stringify(page.updates[0])).toContain("正在读取您结对的老人");
    const text = render("pages/my-care/index", page.instance);
    for (const expected of ["张奶奶", "已逾期", "已逾期 3 天", "李爷爷", "5 天后到期", "按时", "第五网格", "高风险（每周）", "仁兴街4号3单元101", "13900001111", "上次走访：2026年11月1日", "还没有走访过", "打电话", "记录走访", "走访记录"]) {
      expect(text).toContain(expected);
    }
    expect(text.indexOf("张奶奶")).toBeLessThan(text.indexOf("李爷爷"));
    tap(page.instance, "打电话");
    await host.settle();
    expect(host.calls.find((c) => c.api === "makePhoneCall")?.args).toMatchObject({ phoneNumber: "13900001111" });
    tap(page.instance, "记录走访");
    await host.settle();
    expect(host.calls.find((c) => c.api === "navigateTo")?.args).toMatchObject({ url: `/pages/care-visit/index?id=cr_1&name=${encodeURIComponent("张奶奶")}` });
    expect(seen).toEqual(["/me/care"]);
    expect(host.errors).toEqual([]);
  });

  test("a volunteer with no pairing is told the community will arrange one", async () => {
    const host = signedInHost(({ url }) => (url.endsWith("/me/care") ? { statusCode: 200, data: { items: [] } } : notFound));
    host.launch("pages/my-care/index");
    const page = await host.openPage("pages/my-care/index");
    expect(render("pages/my-care/index", page.instance)).toContain("还没有结对的老人，社区会为您安排");
    expect(host.errors).toEqual([]);
  });

  test("记录走访: the schema's message first; then the outcome, a worry and 15 minutes, confirmed, sent, and 已通知网格员", async () => {
    const posted: unknown[] = [];
    const host = signedInHost(({ url, method, data }) => {
      if (method === "POST" && url.endsWith("/care/cr_1/visits")) {
        posted.push(data);
        return { statusCode: 201, data: { id: "cv_1", ...(data as object) } };
      }
      return notFound;
    });
    host.launch("pages/care-visit/index");
    const page = await host.openPage("pages/care-visit/index", { id: "cr_1", name: encodeURIComponent("张奶奶") });
    const text = render("pages/care-visit/index", page.instance);
    for (const expected of ["走访 张奶奶", "见到老人", "敲门无人应", "老人婉拒", "老人住院", "身体不适", "缺药或不按时吃药", "需要帮忙", "15 分钟", "30 分钟", "60 分钟", "备注（可不填）", "提交走访记录"]) {
      expect(text).toContain(expected);
    }
    tap(page.instance, "提交走访记录");
    await host.settle();
    expect(posted).toEqual([]);
    expect(render("pages/care-visit/index", page.instance)).toContain("请选择走访结果");

    fire(page.instance, "choice", "敲门无人应", "tap");
    fire(page.instance, "choice", "缺药或不按时吃药", "tap");
    fire(page.instance, "choice", "15 分钟", "tap");
    await host.settle();
    tap(page.instance, "提交走访记录");
    await host.settle();
    const modals = host.calls.filter((c) => c.api === "showModal").map((c) => c.args as { title: string; content: string });
    expect(modals[0]).toMatchObject({ title: "提交走访记录", content: expect.stringContaining("敲门无人应，15 分钟；情况：缺药或不按时吃药") });
    expect(posted).toEqual([{ visitedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), minutes: 15, outcome: "no_answer", flags: ["medicine"] }]);
    expect(Math.abs(Date.parse((posted[0] as { visitedAt: string }).visitedAt) - Date.now())).toBeLessThan(60_000);
    expect(modals[1]).toMatchObject({ title: "已记录走访", content: expect.stringContaining("已通知网格员") });
    expect(host.calls.find((c) => c.api === "redirectTo")?.args).toMatchObject({ url: "/pages/my-care/index" });
    expect(host.errors).toEqual([]);
  });

  test("记录走访 shows the server's refusal in its words (an elder no longer paired)", async () => {
    const host = signedInHost(({ method }) =>
      method === "POST" ? { statusCode: 404, data: { error: { code: "NOT_FOUND", message: "没有找到这位结对的老人" } } } : notFound,
    );
    host.launch("pages/care-visit/index");
    const page = await host.openPage("pages/care-visit/index", { id: "cr_9", name: encodeURIComponent("王奶奶") });
    fire(page.instance, "choice", "见到老人", "tap");
    await host.settle();
    tap(page.instance, "提交走访记录");
    await host.settle();
    expect(render("pages/care-visit/index", page.instance)).toContain("没有找到这位结对的老人");
    expect(host.calls.filter((c) => c.api === "showModal")).toHaveLength(1);
    expect(host.errors).toEqual([]);
  });

  test("走访记录 lists the visits with the outcome, worries in words, minutes and who went", async () => {
    const visit = { id: "cv_1", visitedAt: "2026-11-28T02:30:00.000Z", minutes: 45, outcome: "visited", flags: ["health", "lonely"], note: "说膝盖疼", volunteer: { id: "usr_demo_li", name: "李建国" } };
    const host = signedInHost(({ url }) =>
      url.endsWith("/care/cr_1/visits") ? { statusCode: 200, data: { items: [visit, { ...visit, id: "cv_0", outcome: "no_answer", flags: [], note: null, minutes: 15 }] } } : notFound,
    );
    host.launch("pages/care-history/index");
    const page = await host.openPage("pages/care-history/index", { id: "cr_1", name: encodeURIComponent("张奶奶") });
    const text = render("pages/care-history/index", page.instance);
    for (const expected of ["张奶奶的走访记录", "11月28日", "10:30", "见到老人", "身体不适、情绪低落", "45 分钟", "李建国", "备注：说膝盖疼", "敲门无人应", "没有发现问题", "15 分钟"]) {
      expect(text).toContain(expected);
    }
    expect(host.errors).toEqual([]);
  });
});

describe("居民议事厅 in the weapp build", () => {
  const notFound: FakeResponse = { statusCode: 404, data: { error: { code: "NOT_FOUND", message: "找不到请求的内容" } } };
  const signedInHost = (request: NonNullable<ConstructorParameters<typeof WeappHost>[1]>["request"]) => {
    const host = new WeappHost(ROOT, { request });
    host.storage.set("renxing.token", "tok_test");
    host.provide({ showModal: (o) => (o as { success?: (r: unknown) => void }).success?.({ confirm: true, cancel: false }) });
    return host;
  };
  const facade = {
    id: "dlb_facade", title: "德龙小区外立面修缮", stage: "done", gridName: "第三网格", createdAt: "2026-03-01T02:00:00.000Z",
    funding: { targetFen: 11_400_000, pledgedFen: 11_400_000, receivedFen: 11_400_000, contributors: 11 },
  };
  const topic = (over: Record<string, unknown>) => ({
    id: "dlb_1", title: "6号楼加装电梯", stage: "voting", gridName: "第五网格", createdAt: "2026-11-20T02:00:00.000Z", funding: null,
    background: "6号楼住着不少七八十岁的老人，上下楼很不方便。", proposal: "在6号楼东侧加装一部电梯，费用由产权人分摊。",
    publicizedUntil: null, commentCount: 0, tally: null, objections: [], progress: [], meetings: [],
    timeline: [
      { stage: "proposed", note: "党支部提议", at: "2026-11-20T02:00:00.000Z" },
      { stage: "consulting", note: null, at: "2026-11-22T02:00:00.000Z" },
      { stage: "voting", note: "请居民代表投票", at: "2026-11-28T02:00:00.000Z" },
    ],
    myVote: null, canVote: false,
    ...over,
  });

  test("the 议事厅 pages are subpackages (分包) at their usual paths; the list fetches the topic page ahead", () => {
    for (const route of ["pages/deliberations/index", "pages/deliberation-detail/index", "pages/suggestion-post/index", "pages/my-suggestions/index"]) {
      expect(appJson.pages, route).not.toContain(route);
      expect(appJson.subPackages?.some((p) => route === `${p.root}/index`), route).toBe(true);
    }
    expect(appJson.preloadRule?.["pages/deliberations/index"]?.packages).toEqual(["pages/deliberation-detail"]);
  });

  test("议事厅 lists topics with the stage in words and the crowdfunding in yuan, filters by stage and loads more", async () => {
    const seen: string[] = [];
    const host = new WeappHost(ROOT, {
      request: ({ url }) => {
        seen.push(url.replace(/^.*\/api\/v1/, ""));
        if (url.includes("cursor=c2")) return { statusCode: 200, data: { items: [facade], nextCursor: null } };
        if (url.includes("stage=publicized")) return { statusCode: 200, data: { items: [], nextCursor: null } };
        if (url.includes("/deliberations?")) return { statusCode: 200, data: { items: [topic({})], nextCursor: "c2" } };
        return notFound;
      },
    });
    host.launch("pages/deliberations/index");
    const page = await host.openPage("pages/deliberations/index");
    let text = render("pages/deliberations/index", page.instance);
    for (const expected of ["6号楼加装电梯", "代表审议", "第五网格", "2026年11月20日", "加载更多"]) expect(text).toContain(expected);

    tap(page.instance, "加载更多");
    await host.settle();
    text = render("pages/deliberations/index", page.instance);
    for (const expected of ["德龙小区外立面修缮", "已完成", "已到账 11.4 万元", "目标 11.4 万元，11 户参与", "没有更多了"]) expect(text).toContain(expected);

    fire(page.instance, "item-card", "德龙小区外立面修缮", "tap");
    await host.settle();
    expect(host.calls.find((c) => c.api === "navigateTo")?.args).toMatchObject({ url: "/pages/deliberation-detail/index?id=dlb_facade" });

    fire(page.instance, "choice", "决议公示", "tap");
    await host.settle();
    expect(render("pages/deliberations/index", page.instance)).toContain("现在没有“决议公示”的议题");
    expect(seen).toEqual(["/deliberations?limit=20", "/deliberations?limit=20&cursor=c2", "/deliberations?limit=20&stage=publicized"]);
    expect(host.errors).toEqual([]);
  });

  test("a representative votes 同意 with the large buttons after a confirmation, then sees 您已投票：同意", async () => {
    let detail: Record<string, unknown> = topic({ canVote: true });
    const votes: unknown[] = [];
    const host = signedInHost(({ url, method, data }) => {
      if (method === "POST" && url.endsWith("/deliberations/dlb_1/votes")) {
        votes.push(data);
        detail = { ...detail, canVote: false, myVote: "approve" };
        return { statusCode: 201, data: { choice: "approve" } };
      }
      if (url.endsWith("/deliberations/dlb_1")) return { statusCode: 200, data: detail };
      return notFound;
    });
    host.launch("pages/deliberation-detail/index");
    const page = await host.openPage("pages/deliberation-detail/index", { id: "dlb_1" });
    let text = render("pages/deliberation-detail/index", page.instance);
    for (const expected of [
      "6号楼加装电梯", "党组织提议", "两委商议", "代表审议", "当前阶段", "决议公示", "决议通过", "实施中", "已完成",
      "居民代表投票", "同意", "反对", "弃权", "背景", "上下楼很不方便", "提议内容", "议事经过", "党支部提议", "请居民代表投票", "居民意见（0 条）",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("代表表决结果");
    // Comments are taken only while 两委商议.
    expect(text).not.toContain("说说您的意见");

    fire(page.instance, "deliberation-vote-choice", "同意", "tap");
    await host.settle();
    expect(host.calls.find((c) => c.api === "showModal")?.args).toMatchObject({ title: "确认投票", content: expect.stringContaining("“同意”") });
    expect(votes).toEqual([{ choice: "approve" }]);
    text = render("pages/deliberation-detail/index", page.instance);
    expect(text).toContain("您已投票：同意");
    expect(text).not.toContain("反对");
    expect(host.errors).toEqual([]);
  });

  test("a vote the server refuses shows its words (ALREADY_VOTED) on the card", async () => {
    const host = signedInHost(({ url, method }) => {
      if (method === "POST") return { statusCode: 409, data: { error: { code: "ALREADY_VOTED", message: "您已经投过票了，每位代表只能投一次" } } };
      if (url.endsWith("/deliberations/dlb_1")) return { statusCode: 200, data: topic({ canVote: true }) };
      return notFound;
    });
    host.launch("pages/deliberation-detail/index");
    const page = await host.openPage("pages/deliberation-detail/index", { id: "dlb_1" });
    fire(page.instance, "deliberation-vote-choice", "弃权", "tap");
    await host.settle();
    expect(render("pages/deliberation-detail/index", page.instance)).toContain("您已经投过票了，每位代表只能投一次");
    expect(host.errors).toEqual([]);
  });

  test("during 决议公示: the tally, the dates and days left, objections with answers, and an objection sent after a confirmation", async () => {
    const DAY = 24 * 60 * 60 * 1000;
    const until = new Date(Date.now() + 2.5 * DAY).toISOString();
    const [, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(until)).split("-").map(Number);
    const detail = topic({
      stage: "publicized", publicizedUntil: until, commentCount: 1,
      tally: { approve: 10, reject: 2, abstain: 1, representatives: 15, passed: true },
      objections: [{ id: "obj_1", text: "电梯挡住了一楼的采光", answer: "电梯井采用玻璃幕墙，不影响采光", createdAt: "2026-11-29T02:00:00.000Z", answeredAt: "2026-11-29T05:00:00.000Z" }],
      meetings: [{ id: "mtg_1", heldAt: "2026-11-23T06:00:00.000Z", place: "社区议事室", attendees: ["社区书记", "6号楼业主代表"], minutes: "大家同意加装电梯。".repeat(12) }],
      funding: { targetFen: 50_000_000, pledgedFen: 30_000_000, receivedFen: 12_345_600, contributors: 8 },
    });
    const objections: unknown[] = [];
    const host = signedInHost(({ url, method, data }) => {
      if (method === "POST" && url.endsWith("/deliberations/dlb_1/objections")) {
        objections.push(data);
        return { statusCode: 201, data: { id: "obj_2" } };
      }
      if (url.includes("/deliberations/dlb_1/comments")) return { statusCode: 200, data: { items: [{ id: "cmt_1", text: "支持，早该装了", nickname: "李大爷", createdAt: "2026-11-23T02:00:00.000Z" }], nextCursor: null } };
      if (url.endsWith("/deliberations/dlb_1")) return { statusCode: 200, data: detail };
      return notFound;
    });
    host.launch("pages/deliberation-detail/index");
    const page = await host.openPage("pages/deliberation-detail/index", { id: "dlb_1" });
    await host.settle();
    let text = render("pages/deliberation-detail/index", page.instance);
    for (const expected of [
      "代表表决结果", "表决通过", "同意 10 票，反对 2 票，弃权 1 票", "居民代表 15 人，参加投票 13 人",
      `公示至 ${month}月${day}日，还剩 3 天`, "电梯挡住了一楼的采光", "社区答复：电梯井采用玻璃幕墙，不影响采光", "我有异议", "提出异议",
      "产权人众筹", "已到账 12.3 万元 / 目标 50 万元，8 户参与", "已认捐 30 万元",
      "第 1 次协商会", "社区议事室", "社区书记、6号楼业主代表", "展开全部纪要", "居民意见（1 条）", "李大爷", "支持，早该装了",
    ]) {
      expect(text).toContain(expected);
    }
    // The vote card is for representatives while 代表审议 only.
    expect(text).not.toContain("每位代表只能投一次");

    tap(page.instance, "展开全部纪要");
    await host.settle();
    expect(render("pages/deliberation-detail/index", page.instance)).toContain("收起纪要");

    tap(page.instance, "提出异议");
    await host.settle();
    expect(objections).toEqual([]);
    expect(render("pages/deliberation-detail/index", page.instance)).toContain("异议至少5个字");

    fire(page.instance, "field-textarea", undefined, "input", { value: "施工期间噪音太大" });
    await host.settle();
    tap(page.instance, "提出异议");
    await host.settle();
    expect(host.calls.find((c) => c.api === "showModal")?.args).toMatchObject({ title: "提出异议" });
    expect(objections).toEqual([{ text: "施工期间噪音太大" }]);
    expect(host.calls.find((c) => c.api === "showToast")?.args).toMatchObject({ title: "异议已提交，社区会答复您" });
    expect(host.errors).toEqual([]);
  });

  test("我要建议: the shared schema's messages first, then a confirmation, the suggestion sent and 我的建议 opened", async () => {
    const posted: unknown[] = [];
    const host = signedInHost(({ url, method, data }) => {
      if (method === "POST" && url.endsWith("/suggestions")) {
        posted.push(data);
        return { statusCode: 201, data: { id: "sug_1" } };
      }
      return notFound;
    });
    host.launch("pages/suggestion-post/index");
    const page = await host.openPage("pages/suggestion-post/index");
    fire(page.instance, "field-input", undefined, "input", { value: "装" });
    await host.settle();
    tap(page.instance, "提交建议");
    await host.settle();
    expect(posted).toEqual([]);
    const text = render("pages/suggestion-post/index", page.instance);
    expect(text).toContain("建议标题至少2个字");
    expect(text).toContain("建议内容至少10个字");

    fire(page.instance, "field-input", undefined, "input", { value: "5号楼加装电梯" });
    fire(page.instance, "field-textarea", undefined, "input", { value: "5号楼老人多，爬楼梯很吃力，希望加装电梯" });
    await host.settle();
    tap(page.instance, "提交建议");
    await host.settle();
    expect(posted).toEqual([{ title: "5号楼加装电梯", text: "5号楼老人多，爬楼梯很吃力，希望加装电梯" }]);
    const modals = host.calls.filter((c) => c.api === "showModal").map((c) => c.args as { title: string });
    expect(modals.map((m) => m.title)).toEqual(["提交建议", "建议已提交"]);
    expect(host.calls.find((c) => c.api === "redirectTo")?.args).toMatchObject({ url: "/pages/my-suggestions/index" });
    expect(host.errors).toEqual([]);
  });

  test("我的建议 says what became of each suggestion; one that became a topic opens it", async () => {
    const host = signedInHost(({ url }) =>
      url.includes("/me/suggestions")
        ? {
            statusCode: 200,
            data: {
              items: [
                { id: "sug_2", title: "楼道装声控灯", text: "3号楼楼道晚上太黑了，老人下楼不安全", createdAt: "2026-11-28T02:00:00.000Z", deliberation: null },
                { id: "sug_1", title: "加装电梯", text: "6号楼老人多，爬楼梯很吃力", createdAt: "2026-11-10T02:00:00.000Z", deliberation: { id: "dlb_1", title: "6号楼加装电梯", stage: "consulting" } },
              ],
              nextCursor: null,
            },
          }
        : notFound,
    );
    host.launch("pages/my-suggestions/index");
    const page = await host.openPage("pages/my-suggestions/index");
    const text = render("pages/my-suggestions/index", page.instance);
    for (const expected of ["楼道装声控灯", "社区研究中", "加装电梯", "已列为议题“6号楼加装电梯”，现在：两委商议", "查看议题", "2026年11月10日"]) expect(text).toContain(expected);
    fire(page.instance, "item-card", "6号楼加装电梯", "tap");
    await host.settle();
    expect(host.calls.find((c) => c.api === "navigateTo")?.args).toMatchObject({ url: "/pages/deliberation-detail/index?id=dlb_1" });
    expect(host.errors).toEqual([]);
  });
});
