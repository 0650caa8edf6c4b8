import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";
import { ROOT, wranglerEnv } from "../../scripts/wrangler";

/**
 * The Workers as `wrangler deploy` would upload them. Every cold start parses the bundle, so each
 * stays small: Cloudflare's free plan refuses over 3 MB gzipped; we allow 100 KB, minified. The
 * residents' API Worker must not carry the staff console: that is the console Worker's job.
 */
const WORKER_GZIP_BUDGET = 100 * 1024;

/** `wrangler deploy --dry-run` of one config: the bundle (its only .js file) and its gzipped size. */
function bundle(config: string) {
  const out = mkdtempSync(path.join(os.tmpdir(), "renxing-bundle-"));
  try {
    const run = spawnSync(path.join(ROOT, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "-c", config, "--outdir", out], { cwd: ROOT, env: wranglerEnv, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const [file] = readdirSync(out).filter((name) => name.endsWith(".js"));
    const code = readFileSync(path.join(out, file!));
    const gzipped = gzipSync(code).length;
    console.log(`${config}: ${(code.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${WORKER_GZIP_BUDGET / 1024} KB)`);
    return { code: code.toString(), gzipped };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test("the API Worker bundle is at most 100 KB gzipped and carries no console code", () => {
  const api = bundle("wrangler.toml");
  expect(api.gzipped).toBeLessThanOrEqual(WORKER_GZIP_BUDGET);
  // The console's session cookie and its stylesheet's route: in any bundle that imports the console.
  expect(api.code.includes("rx_console"), "the console's session cookie in the API bundle").toBe(false);
  expect(api.code.includes("/static/console.css"), "the console's stylesheet route in the API bundle").toBe(false);
});

test("the console Worker bundle is at most 100 KB gzipped", () => {
  const console = bundle("wrangler.console.toml");
  expect(console.gzipped).toBeLessThanOrEqual(WORKER_GZIP_BUDGET);
  expect(console.code.includes("rx_console"), "the console's session cookie in the console bundle").toBe(true);
  // The stylesheet is a static file (scripts/console-assets.ts), not Worker code.
  expect(console.code.includes("box-sizing:border-box"), "the console's stylesheet in the console bundle").toBe(false);
});
