import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { expectNoSeriousAxeViolations } from "./a11y";
import { artifactPath } from "./artifacts";

/**
 * Driving Taro's H5 build the way a resident uses it. Taro keeps other pages in the DOM, hidden,
 * so every locator here is limited to what is on screen.
 */
export const visible = (locator: Locator) => locator.filter({ visible: true });
export const button = (page: Page, label: string) => visible(page.locator("taro-button-core", { hasText: new RegExp(`^\\s*${label}\\s*$`) }));
/** The real <input> (Taro's web component repeats the placeholder on its wrapper). */
export const field = (page: Page, placeholder: string) => visible(page.locator(`input[placeholder="${placeholder}"]`));
export const choice = (page: Page, label: string) => visible(page.locator(".choice", { hasText: label }));
export const tab = (page: Page, label: string) => page.locator(".weui-tabbar__item", { hasText: label });
/** Taro's H5 showModal: the confirmation before anything irreversible. */
export const confirmModal = async (page: Page) => visible(page.locator(".taro-model__confirm")).click();

/**
 * A screenshot in test/artifacts/screenshots/, taken once a success toast has faded. Screenshots
 * are for people to look at, not assertions: a capture that hangs (headless Chromium on a loaded
 * CI machine once waited out 15 s taking one) is logged and the test goes on.
 */
export async function screenshot(page: Page, name: string, { fullPage = false } = {}) {
  await page.locator(".taro__toast").filter({ visible: true }).waitFor({ state: "hidden", timeout: 5_000 });
  await page.evaluate("document.fonts.ready");
  try {
    await page.screenshot({ path: artifactPath("screenshots", `${name}.png`), fullPage, animations: "disabled", timeout: 30_000 });
  } catch (err) {
    if (!(err instanceof Error && err.name === "TimeoutError")) throw err;
    console.warn(`[screenshot] ${name}: capture timed out, no screenshot`);
  }
}

/** Which elements count as text and as tap targets on a page (CSS selectors). */
export interface Readable {
  texts: string;
  targets: string;
}

/** The minimum sizes in each mode: 大字模式 (elder mode) promises larger text and tap targets. */
export const READABLE_PX = { normal: { text: 16, target: 44 }, elder: { text: 20, target: 56 } } as const;

/**
 * Elder-friendly checks on what is on screen: text ≥ 16px, every tap target ≥ 44px tall;
 * with `{ elder: true }` (大字模式 on) text ≥ 20px and targets ≥ 56px.
 */
export async function expectReadable(page: Page, { texts, targets }: Readable, { elder = false } = {}) {
  const min = READABLE_PX[elder ? "elder" : "normal"];
  const r = (await page.evaluate(`(() => {
    const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const texts = [...document.querySelectorAll(${JSON.stringify(texts)})].filter(shown);
    const targets = [...document.querySelectorAll(${JSON.stringify(targets)})].filter(shown);
    return {
      texts: texts.length,
      smallestFontPx: Math.min(...texts.map((el) => parseFloat(getComputedStyle(el).fontSize))),
      smallTargets: targets.filter((el) => el.getBoundingClientRect().height < ${min.target}).map((el) => (el.textContent || el.className).trim()),
    };
  })()`)) as { texts: number; smallestFontPx: number; smallTargets: string[] };
  expect(r.texts, "text on screen").toBeGreaterThan(0);
  expect(r.smallestFontPx, "smallest font on screen").toBeGreaterThanOrEqual(min.text);
  expect(r.smallTargets, `tap targets under ${min.target}px`).toEqual([]);
}

/** Whether 大字模式 is on in this page (the elder module marks <html> on H5). */
export const elderModeOn = async (page: Page) => (await page.evaluate(`document.documentElement.classList.contains("elder")`)) as boolean;

/**
 * What each visit to a page checks: the size checks (elder mode's when 大字模式 is on) and axe
 * (0 serious or critical), recorded under `label`, by default the page's path.
 */
export async function expectAccessible(page: Page, readable: Readable, label = new URL(page.url()).pathname.replace(/^\/pages\/|\/index$/g, "") || "index") {
  await expectReadable(page, readable, { elder: await elderModeOn(page) });
  await expectNoSeriousAxeViolations(page, label);
}

/** Signs in with the H5 dev sign-in (the nickname is the account) through 我的, as a resident would. */
export async function signIn(page: Page, baseUrl: string, nickname: string) {
  await page.goto(baseUrl + "/");
  await tab(page, "我的").click();
  await page.waitForURL(/\/pages\/login\/index/);
  await field(page, "例如：王阿姨").fill(nickname);
  await button(page, "登录").click();
  await page.waitForURL(/\/pages\/mine\/index/);
  await visible(page.getByText("修改资料")).waitFor();
}

/**
 * A plain client for the API, for setting up what a test does not exercise in the browser.
 *
 * @example const api = apiClient(worker.baseUrl); await api("POST", "/auth/dev-login", null, { openid, nickname })
 */
export function apiClient(baseUrl: string) {
  return async function api<T = any>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
