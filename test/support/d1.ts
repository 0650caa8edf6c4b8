import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT, wranglerEnv } from "../../scripts/wrangler";
import type { RunningWorker } from "./worker";

/**
 * Runs SQL on a running Worker's local D1, beside `wrangler dev`: how a browser test moves time
 * (a deadline written into the past) instead of waiting for it. Asynchronous on purpose: a
 * blocking spawn would stall the test's event loop for seconds, and the keep-alive socket the
 * server closes meanwhile would then fail the test's next fetch ("other side closed").
 *
 * @example await executeSql(worker, "UPDATE deliberations SET publicized_until = 0 WHERE id = 'dlb_1'")
 */
export async function executeSql(worker: Pick<RunningWorker, "persistDir">, sql: string): Promise<void> {
  const args = ["d1", "execute", "DB", "--local", "--persist-to", worker.persistDir, "--command", sql];
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "wrangler"), args, { cwd: ROOT, env: wranglerEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => child.once("error", reject).once("close", resolve));
  if (code !== 0) throw new Error(`wrangler ${args.join(" ")} failed (exit ${code})\n${output}`);
}
