import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

/**
 * Debian's Chromium, never a downloaded browser: `CHROMIUM_PATH` if set, else `chromium` on the
 * PATH (`apt-get install chromium fonts-noto-cjk`; .ci/run does it).
 */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium not found: apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH");
  }
}

/**
 * Flags for a closed network (tests run offline): without the background-networking
 * ones Chromium keeps dialling Google. Playwright adds a fresh, empty `--user-data-dir` of its own
 * for every launch (a temporary folder it deletes on close); it refuses one passed in `args`.
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A phone-sized page as the mini-program's residents see it (iPhone 6/7/8: 375×667). */
export const PHONE = { viewport: { width: 375, height: 667 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" } as const;

export interface LaunchedBrowser {
  browser: Browser;
  /** A fresh context (own storage, so its own signed-in user), phone-sized unless told otherwise. */
  newContext: (options?: Parameters<Browser["newContext"]>[0]) => Promise<BrowserContext>;
  /** Closes the browser; safe to call twice. */
  close: () => Promise<void>;
}

/**
 * Launches headless Debian Chromium through playwright-core.
 *
 * @example
 * const { newContext, close } = await launchBrowser();
 * try { const page = await (await newContext()).newPage(); await page.goto(worker.baseUrl) } finally { await close() }
 */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, timeout: 60_000 });
  let closed: Promise<void> | undefined;
  return {
    browser,
    newContext: async (options) => {
      const context = await browser.newContext({ ...PHONE, ...options });
      // A first load of the app on a loaded two-core CI machine (wrangler, workerd and Chromium
      // sharing it) can take longer than the tests' 15 s per action; navigation alone gets 60 s.
      context.on("page", (page) => page.setDefaultNavigationTimeout(60_000));
      return context;
    },
    close: () => (closed ??= browser.close().catch(() => undefined)),
  };
}
