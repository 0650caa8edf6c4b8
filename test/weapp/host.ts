import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";

/**
 * A small stand-in for WeChat's mini-program runtime, enough to load Taro's weapp output: a
 * CommonJS `require` over the output folder, `App`/`Page`/`Component`, `getApp`,
 * `getCurrentPages` and a `wx` whose APIs answer from a table (anything unknown succeeds with
 * `{}` and is recorded). Each host is a fresh `vm` context, like a fresh app launch.
 */

type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };
type PageConfig = Record<string, unknown> & { data?: Record<string, unknown> };

export interface FakeResponse {
  statusCode: number;
  data: unknown;
}

export interface HostOptions {
  /** Answers `wx.request`; default: 401 for everything (nobody is signed in). */
  request?: (req: { url: string; method: string; data: unknown; header: Record<string, string> }) => FakeResponse;
}

export interface LoadedPage {
  route: string;
  instance: PageInstance;
  /** Every `setData` payload, in order. */
  updates: Record<string, unknown>[];
}

export interface PageInstance {
  route: string;
  __route__: string;
  options: Record<string, string>;
  data: Record<string, unknown>;
  setData: (patch: Record<string, unknown>, cb?: () => void) => void;
  [hook: string]: unknown;
}

/** Applies a mini-program setData path ("root.cn[0].v") to a plain object, as WeChat does. */
export function applyPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.replace(/\[(\d+)\]/g, ".$1").split(".").filter(Boolean);
  let node: Record<string, unknown> = target;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = structuredClone(value);
      return;
    }
    const next = node[part];
    if (typeof next !== "object" || next === null) node[part] = /^\d+$/.test(parts[i + 1]!) ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
}

/** APIs that only need to succeed here (navigation, toasts, loading, titles …). */
const GENERIC_APIS = [
  "navigateTo", "redirectTo", "switchTab", "reLaunch", "navigateBack",
  "showToast", "hideToast", "showLoading", "hideLoading", "showModal", "showActionSheet",
  "setNavigationBarTitle", "setNavigationBarColor", "showNavigationBarLoading", "hideNavigationBarLoading",
  "setTabBarItem", "setTabBarStyle", "showTabBar", "hideTabBar", "pageScrollTo", "stopPullDownRefresh",
  "vibrateShort", "reportAnalytics", "getNetworkType", "onNetworkStatusChange",
];

export class WeappHost {
  readonly calls: { api: string; args: unknown }[] = [];
  readonly errors: unknown[] = [];
  readonly storage = new Map<string, unknown>();
  private readonly context: vm.Context;
  private readonly modules = new Map<string, { exports: unknown }>();
  private appConfig: Record<string, unknown> | undefined;
  private appInstance: Record<string, unknown> | undefined;
  private pendingPage: PageConfig | undefined;
  private stack: PageInstance[] = [];

  constructor(
    readonly root: string,
    private readonly options: HostOptions = {},
  ) {
    const sandbox: Record<string, unknown> = {
      // Errors the app logs count as failures of the smoke test (see `errors`).
      console: { ...console, error: (...args: unknown[]) => void this.errors.push(args.map(String).join(" ")) },
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      wx: this.createWx(),
      App: (config: Record<string, unknown>) => void (this.appConfig = config),
      Page: (config: PageConfig) => void (this.pendingPage = config),
      Component: () => undefined,
      Behavior: (b: unknown) => b,
      getApp: () => this.appInstance,
      getCurrentPages: () => [...this.stack],
      requirePlugin: () => ({}),
    };
    this.context = vm.createContext(sandbox);
  }

  /**
   * WeChat APIs a test scripts itself (the subscribe prompt, the tab badge), answered on the next
   * tick as WeChat does and recorded in `calls`. Call before `launch`: Taro takes the API list
   * from `Object.keys(wx)` when the app starts.
   */
  provide(apis: Record<string, (options: Callbacks) => void>): void {
    const wx = this.context.wx as Record<string, unknown>;
    for (const [name, answer] of Object.entries(apis)) {
      wx[name] = (options: Callbacks) => {
        this.calls.push({ api: name, args: options });
        setTimeout(() => answer(options), 0);
      };
    }
  }

  /** The mini-program's `require`: paths relative to the requiring file, `.js` optional. */
  require(file: string): unknown {
    const abs = path.resolve(this.root, file.endsWith(".js") ? file : `${file}.js`);
    const cached = this.modules.get(abs);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    this.modules.set(abs, module);
    const wrapper = vm.runInContext(`(function (require, module, exports) {${readFileSync(abs, "utf8")}\n})`, this.context, { filename: abs });
    const localRequire = (spec: string) => this.require(path.relative(this.root, path.resolve(path.dirname(abs), spec)));
    wrapper(localRequire, module, module.exports);
    return module.exports;
  }

  /** Loads app.js and runs onLaunch/onShow, as WeChat does at start-up. */
  launch(entry: string): Record<string, unknown> {
    this.require("app.js");
    if (!this.appConfig) throw new Error("app.js did not call App()");
    const app = Object.create(this.appConfig) as Record<string, unknown>;
    this.appInstance = app;
    const launchOptions = { path: entry, query: {}, scene: 1001 };
    (app.onLaunch as ((o: unknown) => void) | undefined)?.call(app, launchOptions);
    (app.onShow as ((o: unknown) => void) | undefined)?.call(app, launchOptions);
    return app;
  }

  /** Loads a page's JS, makes its instance and runs onLoad → onShow → onReady; waits for renders. */
  async openPage(route: string, query: Record<string, string> = {}): Promise<LoadedPage> {
    this.pendingPage = undefined;
    this.require(`${route}.js`);
    const config = this.pendingPage as PageConfig | undefined;
    if (!config) throw new Error(`${route}.js did not call Page()`);
    const updates: Record<string, unknown>[] = [];
    const instance = Object.create(config) as PageInstance;
    instance.route = route;
    instance.__route__ = route;
    instance.options = query;
    instance.data = structuredClone(config.data ?? {});
    instance.setData = (patch, cb) => {
      updates.push(structuredClone(patch));
      for (const [key, value] of Object.entries(patch)) applyPath(instance.data, key, value);
      if (cb) setTimeout(cb, 0);
    };
    this.stack = [instance];
    for (const hook of ["onLoad", "onShow", "onReady"] as const) {
      const fn = instance[hook] as ((o?: unknown) => void) | undefined;
      fn?.call(instance, hook === "onLoad" ? query : undefined);
      await this.settle();
    }
    return { route, instance, updates };
  }

  /** Lets timers and promises run until nothing more happens for a moment (max 3 s). */
  async settle(): Promise<void> {
    for (let i = 0, quiet = 0; i < 60 && quiet < 3; i++) {
      const before = this.calls.length;
      await new Promise((r) => setTimeout(r, 50));
      quiet = this.calls.length === before ? quiet + 1 : 0;
    }
  }

  private createWx() {
    const record = (api: string, args: unknown) => this.calls.push({ api, args });
    const answer = (cb: Callbacks | undefined, result: unknown, ok = true) => {
      setTimeout(() => {
        if (ok) cb?.success?.(result);
        else cb?.fail?.(result);
        cb?.complete?.(result);
      }, 0);
    };
    const systemInfo = {
      brand: "devtools", model: "iPhone 6/7/8", pixelRatio: 2, screenWidth: 375, screenHeight: 667, windowWidth: 375, windowHeight: 603,
      statusBarHeight: 20, language: "zh_CN", version: "8.0.50", system: "iOS 16.0", platform: "devtools", SDKVersion: "3.5.0",
      safeArea: { top: 20, left: 0, right: 375, bottom: 667, width: 375, height: 647 },
    };
    const known: Record<string, (...args: never[]) => unknown> = {
      getSystemInfoSync: () => systemInfo,
      getWindowInfo: () => systemInfo,
      getDeviceInfo: () => systemInfo,
      getAppBaseInfo: () => systemInfo,
      getSystemInfo: (cb: Callbacks) => answer(cb, systemInfo),
      getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 24, right: 365, bottom: 56, left: 278 }),
      getStorageSync: (key: string) => this.storage.get(key) ?? "",
      setStorageSync: (key: string, value: unknown) => void this.storage.set(key, value),
      removeStorageSync: (key: string) => void this.storage.delete(key),
      getStorage: (o: Callbacks & { key: string }) =>
        this.storage.has(o.key) ? answer(o, { data: this.storage.get(o.key) }) : answer(o, { errMsg: "getStorage:fail data not found" }, false),
      setStorage: (o: Callbacks & { key: string; data: unknown }) => (this.storage.set(o.key, o.data), answer(o, { errMsg: "setStorage:ok" })),
      login: (o: Callbacks) => answer(o, { code: "fake-wx-code", errMsg: "login:ok" }),
      request: (o: Callbacks & { url: string; method?: string; data?: unknown; header?: Record<string, string> }) => {
        const res = (this.options.request ?? (() => ({ statusCode: 401, data: { error: { code: "UNAUTHENTICATED", message: "请先登录" } } })))({
          url: o.url, method: o.method ?? "GET", data: o.data, header: o.header ?? {},
        });
        answer(o, { ...res, header: {}, errMsg: "request:ok" });
        return { abort: () => undefined, onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
      },
      canIUse: () => true,
      nextTick: (fn: () => void) => void Promise.resolve().then(fn),
      createSelectorQuery: () => {
        const q = { select: () => q, selectAll: () => q, selectViewport: () => q, in: () => q, boundingClientRect: () => q, scrollOffset: () => q, fields: () => q, exec: (cb?: (r: unknown[]) => void) => cb?.([]) };
        return q;
      },
      onAppShow: () => undefined,
      onAppHide: () => undefined,
      offAppShow: () => undefined,
      offAppHide: () => undefined,
    };
    // Taro reads the API list off `Object.keys(wx)`, so every API it may call must be an own key.
    for (const name of GENERIC_APIS) {
      known[name] ??= (cb?: Callbacks) => {
        if (cb && typeof cb === "object") answer(cb, { errMsg: `${name}:ok` });
      };
    }
    const wx: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(known)) {
      wx[name] = (...args: unknown[]) => {
        record(name, args[0]);
        return (fn as (...a: unknown[]) => unknown)(...args);
      };
    }
    return wx;
  }
}
