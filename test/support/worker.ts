import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { localDevArgs, ROOT, wranglerEnv } from "../../scripts/wrangler";
import { copyOfTemplate, type D1Templates } from "./d1-templates";
import { freePort } from "./ports";

export interface RunningWorker {
  /** e.g. http://127.0.0.1:43121 (no trailing slash); the API is at `${baseUrl}/api/v1`. */
  baseUrl: string;
  /** The local D1's `--persist-to` folder: a test writes to it to move time (support/d1.ts). */
  persistDir: string;
  /** Stops wrangler and workerd and deletes the database folder. Safe to call twice. */
  stop: () => Promise<void>;
}

const STARTUP_TIMEOUT_MS = 90_000;

/**
 * Starts the real Workers (the main one and, behind it, the console's) with `wrangler dev` on free
 * ports, as `npm start` does, over a fresh local D1 (its own
 * `--persist-to` folder, a copy of the run's migrated and seeded template), serving whatever is in
 * miniapp/dist/h5 as static assets. Never uses 8787, so it runs beside `npm start`.
 *
 * @example
 * const worker = await startWorker();
 * try { await fetch(`${worker.baseUrl}/api/v1/health`) } finally { await worker.stop() }
 */
export async function startWorker(options: { gridWorkers?: boolean; templates?: D1Templates } = {}): Promise<RunningWorker> {
  // The base seed only (no demo story): each test builds the journey it checks. `gridWorkers`:
  // the demo's grid workers grid1…grid9 (the development admin's password). Outside vitest (the
  // bench) the caller prepares the templates.
  const templates = options.templates ?? inject("d1Templates");
  const persistDir = copyOfTemplate(options.gridWorkers ? templates.gridWorkers : templates.base);

  const [port, inspectorPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${port}`;
  mkdirSync(wranglerEnv.WRANGLER_LOG_PATH, { recursive: true });
  const child = spawn(
    path.join(ROOT, "node_modules", ".bin", "wrangler"),
    ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort), "--persist-to", persistDir, "--show-interactive-dev-session=false", "--log-level", "warn", ...localDevArgs],
    // Its own process group, so that stop() ends workerd along with wrangler.
    { cwd: ROOT, env: { ...wranglerEnv, CI: "true" }, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-8000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const stop = once(async () => {
    await killGroup(child);
    rmSync(persistDir, { recursive: true, force: true });
  });

  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, persistDir, stop };
}

/**
 * Ready means both Workers answer, the console through the main one's binding, three times in a
 * row: wrangler dev bundles the two configs separately and reloads the runtime when each bundle
 * is done, so an early answer can be followed by a restart that fails the next request with 503
 * "Your worker restarted mid-request" (seen in CI on a test's first POST).
 */
async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  const answers = async (path: string) => {
    const res = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.ok;
  };
  let inARow = 0;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output()}`);
    try {
      inARow = (await answers("/api/v1/health")) && (await answers("/console/login")) ? inARow + 1 : 0;
      if (inARow === 3) return;
    } catch {
      inARow = 0; // not listening yet, or restarting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer /api/v1/health and /console/login within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** SIGTERM to the whole process group, SIGKILL if it is still there after 5 s. */
export async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
  // workerd may outlive wrangler by a moment; make sure nothing of the group is left.
  signal("SIGKILL");
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
