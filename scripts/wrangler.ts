import { spawn, spawnSync, type SpawnOptions } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

/** The repository root: scripts/ sits directly below it. */
export const ROOT = path.resolve(import.meta.dirname, "..");
const WRANGLER = path.join(ROOT, "node_modules", ".bin", "wrangler");

/**
 * What a local `wrangler dev` runs as: the `[env.development]` of both configs, whose vars set
 * ENVIRONMENT to this (dev-login, a plain-http console cookie) and turn WeChat's content check
 * off. The top-level `[vars]` leave ENVIRONMENT unset (= production), so only a Worker started
 * by our own scripts is a development one.
 */
export const LOCAL_ENVIRONMENT = "development";

/**
 * `wrangler dev` arguments for both Workers in one process: the main one first (it serves the
 * port), the console behind its CONSOLE service binding, both over the same local D1. `--env`,
 * not `--var`: wrangler gives `--var` to the first config's Worker only.
 */
export const localDevArgs = ["-c", "wrangler.toml", "-c", "wrangler.console.toml", "--env", LOCAL_ENVIRONMENT];

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
