import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";
import { ROOT, wranglerEnv } from "../../scripts/wrangler";

/**
 * The Worker as `wrangler deploy` would upload it. Every cold start parses it, so it stays small:
 * Cloudflare's free plan refuses over 3 MB gzipped; we allow 100 KB, minified (wrangler.toml).
 */
const WORKER_GZIP_BUDGET = 100 * 1024;

test("the Worker bundle is at most 100 KB gzipped", () => {
  const out = mkdtempSync(path.join(os.tmpdir(), "renxing-bundle-"));
  try {
    const run = spawnSync(path.join(ROOT, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", out], { cwd: ROOT, env: wranglerEnv, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const code = readFileSync(path.join(out, "index.js"));
    const gzipped = gzipSync(code).length;
    console.log(`Worker bundle: ${(code.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${WORKER_GZIP_BUDGET / 1024} KB)`);
    expect(gzipped).toBeLessThanOrEqual(WORKER_GZIP_BUDGET);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
