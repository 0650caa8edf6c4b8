import { spawn, spawnSync, type SpawnOptions } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

/** The repository root: scripts/ sits directly below it. */
export const ROOT = path.resolve(import.meta.dirname, "..");
const WRANGLER = path.join(ROOT, "node_modules", ".bin", "wrangler");

/**
 * What a local `wrangler dev` runs as. wrangler.toml leaves ENVIRONMENT unset (= production), so
 * only a Worker started by our own scripts has dev-login and the development admin. There is no
 * WeChat locally, so its content check is off: posted text is saved as `off`, still for review.
 */
export const LOCAL_ENVIRONMENT = "development";
export const localDevVars = ["--var", `ENVIRONMENT:${LOCAL_ENVIRONMENT}`, "--var", "CONTENT_CHECK:off"];

/** Offline-friendly wrangler: no telemetry, no cf fetch, logs kept in the ignored .wrangler/ folder. */
export const wranglerEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_LOG_PATH: path.join(ROOT, ".wrangler", "logs"),
};

/**
 * Runs `wrangler <args>` to completion, failing loudly. `quiet` keeps its output unless it fails
 * (the tests migrate and seed a fresh database for every run).
 */
export function wrangler(args: string[], { quiet = false } = {}): void {
  mkdirSync(wranglerEnv.WRANGLER_LOG_PATH, { recursive: true });
  const result = spawnSync(WRANGLER, args, { cwd: ROOT, env: wranglerEnv, stdio: ["ignore", quiet ? "pipe" : "inherit", quiet ? "pipe" : "inherit"], maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout?.toString() ?? ""}${result.stderr?.toString() ?? ""}` : "";
    throw new Error(`wrangler ${args.join(" ")} failed (exit ${result.status})${output}`);
  }
}

/** Starts a long-running `wrangler <args>` (e.g. dev). */
export function wranglerProcess(args: string[], options: SpawnOptions = {}) {
  mkdirSync(wranglerEnv.WRANGLER_LOG_PATH, { recursive: true });
  return spawn(WRANGLER, args, { cwd: ROOT, env: wranglerEnv, stdio: "inherit", ...options });
}
