/**
 * Builds the mini-program: `tsx scripts/miniapp.ts build h5|weapp [--if-stale]`.
 *
 * Output: miniapp/dist/h5 (served by the Worker as static assets) and miniapp/dist/weapp (open it
 * in WeChat DevTools). Each build leaves a stamp beside its folder (miniapp/dist/.<platform>.stamp)
 * with a hash of everything it was built from, so `npm start` and the tests rebuild only when a
 * source, the config, the shared package, the lockfile or a TARO_APP_* setting changed.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeConsoleAssets } from "./console-assets";
import { writeApiReference } from "./openapi";
import { ROOT } from "./wrangler";

export type Platform = "h5" | "weapp";

export const MINIAPP = path.join(ROOT, "miniapp");
export const distDir = (platform: Platform) => path.join(MINIAPP, "dist", platform);
const stampFile = (platform: Platform) => path.join(MINIAPP, "dist", `.${platform}.stamp`);
/** A file that only a finished build leaves behind. */
const builtMarker = (platform: Platform) => path.join(distDir(platform), platform === "h5" ? "index.html" : "app.json");

const INPUTS = ["miniapp/src", "miniapp/config", "miniapp/h5", "miniapp/types", "miniapp/babel.config.js", "miniapp/project.config.json", "miniapp/package.json", "miniapp/.env", "shared/src", "package-lock.json"];

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isDirectory()) {
    for (const name of readdirSync(entry).sort()) yield* files(path.join(entry, name));
  } else {
    yield entry;
  }
}

/** Hash of the build's inputs, including the TARO_APP_* settings that end up in the bundle. */
export function sourceHash(platform: Platform): string {
  const hash = createHash("sha256").update(platform);
  for (const input of INPUTS) {
    for (const file of files(path.join(ROOT, input))) hash.update(path.relative(ROOT, file)).update("\0").update(readFileSync(file));
  }
  for (const key of Object.keys(process.env).filter((k) => k.startsWith("TARO_APP_")).sort()) hash.update(`${key}=${process.env[key]}`);
  return hash.digest("hex");
}

export function isFresh(platform: Platform): boolean {
  if (!existsSync(builtMarker(platform)) || !existsSync(stampFile(platform))) return false;
  return readFileSync(stampFile(platform), "utf8").trim() === sourceHash(platform);
}

/** Runs Taro's production build for one platform (h5 ≈ 25 s, weapp ≈ 10 s on 2 cores). */
export function build(platform: Platform): void {
  const started = Date.now();
  const hash = sourceHash(platform);
  console.log(`[miniapp] building ${platform} …`);
  // Taro prints webpack's whole asset table; keep it for when the build fails.
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "taro"), ["build", "--type", platform], {
    cwd: MINIAPP,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout?.toString() ?? ""}${result.stderr?.toString() ?? ""}`;
  // Taro exits 0 on a config it rejects ("Taro 配置有误"), leaving the previous build in place.
  if (result.status !== 0 || !existsSync(builtMarker(platform)) || /Compiled with (some )?errors|✖ Errors|配置有误/.test(output)) {
    console.error(output);
    throw new Error(`taro build --type ${platform} failed (exit ${result.status})`);
  }
  writeFileSync(stampFile(platform), hash + "\n");
  if (platform === "h5") writeStaticExtras();
  console.log(`[miniapp] built ${platform} in ${((Date.now() - started) / 1000).toFixed(1)} s → ${path.relative(ROOT, distDir(platform))}`);
}

/** What the Worker's static assets hold beside the H5 app: the API reference and console files. */
function writeStaticExtras(): void {
  writeApiReference(distDir("h5"));
  writeConsoleAssets(distDir("h5"));
}

/**
 * Builds only when the last build is missing or out of date. Two test runs (or `npm start` beside
 * a test run) must not build into the same folder at once: the second waits for the first and
 * then finds the build fresh.
 */
export function ensureBuilt(platform: Platform): void {
  withBuildLock(platform, () => {
    if (isFresh(platform)) {
      console.log(`[miniapp] ${platform} build is up to date`);
      // The API reference and console files come from sources the stamp does not cover: rewrite them.
      if (platform === "h5") writeStaticExtras();
    } else build(platform);
  });
}

const LOCK_STALE_MS = 10 * 60_000;

function withBuildLock(platform: Platform, work: () => void): void {
  const lock = path.join(MINIAPP, "dist", `.${platform}.lock`);
  mkdirSync(path.dirname(lock), { recursive: true });
  const waitUntil = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than any build is left by a killed process.
      if (Date.now() > waitUntil || Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, ...rest] = process.argv.slice(2);
  const ifStale = rest.includes("--if-stale");
  const platforms = rest.filter((a): a is Platform => a === "h5" || a === "weapp");
  if (command !== "build" || platforms.length === 0) {
    console.error("usage: tsx scripts/miniapp.ts build h5|weapp [--if-stale]");
    process.exit(2);
  }
  for (const platform of platforms) (ifStale ? ensureBuilt : build)(platform);
}
