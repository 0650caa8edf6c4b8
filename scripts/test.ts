/**
 * `npm test`: type-checks every workspace, then runs the workspaces' suites side by side — the
 * API tests inside workerd (functions/) and the browser, weapp and budget tests (test/).
 *
 * Side by side because each suite alone leaves a core idle much of the time (workerd starting
 * per file, a browser waiting on the Worker), and one after the other they took CI past its
 * 15 minutes. Each line is prefixed with its suite; the run fails if either suite fails, after
 * both have finished, so one run shows every failure.
 */
import { spawn, spawnSync } from "node:child_process";
import { ROOT } from "./wrangler";

const SUITES = ["functions", "test"] as const;

function runSuite(workspace: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["test", "-w", workspace], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    const prefix = `[${workspace}] `;
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      let rest = "";
      stream.on("data", (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) out.write(prefix + line + "\n");
      });
      stream.on("end", () => rest && out.write(prefix + rest + "\n"));
    }
    child.on("close", (code) => resolve(code ?? 1));
  });
}

const typecheck = spawnSync("npm", ["run", "typecheck"], { cwd: ROOT, stdio: "inherit" });
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);

const started = Date.now();
const codes = await Promise.all(SUITES.map(runSuite));
SUITES.forEach((suite, i) => console.log(`${suite}: ${codes[i] === 0 ? "passed" : `FAILED (exit ${codes[i]})`}`));
console.log(`both suites in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(codes.some((code) => code !== 0) ? 1 : 0);
