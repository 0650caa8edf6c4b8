import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { hasCjkFont, withNpmCjkFont } from "./cjk-fonts";
import { unpackNpmChromium } from "./npm-chromium";

/** Which Chromium a run drives, and the environment it needs. */
export interface FoundChromium {
  executablePath: string;
  /** The browser's environment: `env` plus what makes the npm build start and draw Chinese. */
  env: NodeJS.ProcessEnv;
  /** One line for the log: which browser, and which fonts. */
  description: string;
}

/**
 * The Chromium to test with, never one downloaded at run time: `CHROMIUM_PATH` if set, else
 * `chromium` on the PATH (Debian's: `apt-get install chromium fonts-noto-cjk`, the fast path
 * .ci/run takes), else the one inside the `@sparticuz/chromium` npm package. When fontconfig knows
 * no CJK font (or the npm build, whose own fontconfig may not look where Debian's does), Chromium
 * also gets the Noto Sans SC from npm, so a bare machine's `npm ci && npm test` needs nothing else.
 *
 * @example
 * const { executablePath, env } = await findChromium();
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<FoundChromium> {
  const system = systemChromium(env);
  const { browser, ...found }: Candidate = system
    ? { executablePath: system.path, env: { ...env }, browser: `${system.path} (${system.why})` }
    : await npmChromium(env);
  const cjk = hasCjkFont(env);
  if (system && cjk) return { ...found, description: `${browser}; fonts: the system's, CJK among them` };
  found.env.FONTCONFIG_FILE = withNpmCjkFont(env);
  const systemFonts = cjk ? "the system's" : "the system's (no CJK among them)";
  return { ...found, description: `${browser}; fonts: ${systemFonts} + Noto Sans SC from npm` };
}

function systemChromium(env: NodeJS.ProcessEnv): { path: string; why: string } | undefined {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { path: fromEnv, why: "CHROMIUM_PATH" };
  }
  try {
    const onPath = execFileSync("/bin/sh", ["-c", "command -v chromium"], { env, encoding: "utf8" }).trim();
    return { path: onPath, why: "chromium on the PATH" };
  } catch {
    return undefined;
  }
}

/** A Chromium before its fonts are settled; `browser` names it for the log. */
type Candidate = Omit<FoundChromium, "description"> & { browser: string };

async function npmChromium(env: NodeJS.ProcessEnv): Promise<Candidate> {
  const { executablePath, libraryPath, version } = await unpackNpmChromium();
  return {
    executablePath,
    env: { ...env, LD_LIBRARY_PATH: [libraryPath, env.LD_LIBRARY_PATH].filter(Boolean).join(":") },
    browser: `@sparticuz/chromium ${version} at ${executablePath} (no chromium on the PATH, CHROMIUM_PATH unset)`,
  };
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

/** What this process already logged (one line per browser, not per test). */
const described = new Set<string>();

/**
 * Launches headless Chromium (the one `findChromium()` picks) through playwright-core.
 *
 * @example
 * const { newContext, close } = await launchBrowser();
 * try { const page = await (await newContext()).newPage(); await page.goto(worker.baseUrl) } finally { await close() }
 */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const { executablePath, env, description } = await findChromium();
  if (!described.has(description)) console.info(`[browser] ${description}`);
  described.add(description);
  const browser = await chromium.launch({ executablePath, env, args: CHROMIUM_ARGS, timeout: 60_000 });
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
