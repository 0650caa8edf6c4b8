/**
 * `npm test`: type-checks every workspace, then runs the suites in two lanes side by side:
 *
 * - lane 1: the API tests inside workerd (functions/), then the console's browser tests and a few
 *   short ones from test/;
 * - lane 2: the rest of test/ — its global setup builds the H5 and weapp apps — the mini-program's
 *   browser tests, the weapp smoke test and the budgets.
 *
 * Why lanes: each suite alone leaves one of CI's two cores idle much of the time (workerd starting
 * per file, a browser waiting on the Worker). One after the other they took 18 minutes; the two
 * workspaces side by side 16 (the browser suite ran on alone for 7 of them). The split below
 * evens the lanes by the files' measured times (CI log of 2026-11-30: lane 1's browser files
 * ~190 s of the suite's ~600 s). Every test file still runs exactly once: lane 2 excludes what
 * lane 1 runs.
 *
 * Each line is prefixed with its lane's current suite; the run fails if anything failed, after
 * both lanes finished, so one run shows every failure.
 */
import { spawn, spawnSync } from "node:child_process";
import { ROOT } from "./wrangler";

/** test/ files lane 1 runs after the workerd suite, as vitest filters and as lane 2's excludes. */
const AFTER_WORKERD = ["e2e/console", "e2e/reports-journey", "e2e/stale-reply", "e2e/api-docs", "e2e/bare-machine", "budget/worker"];

interface Step {
  label: string;
  args: string[];
}

const LANES: Step[][] = [
  [
    { label: "functions", args: ["test", "-w", "functions"] },
    { label: "test·console", args: ["test", "-w", "test", "--", ...AFTER_WORKERD] },
  ],
  [{ label: "test", args: ["test", "-w", "test", "--", ...AFTER_WORKERD.flatMap((filter) => ["--exclude", `${filter}*.test.ts`])] }],
];

function run({ label, args }: Step): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("npm", args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    const prefix = `[${label}] `;
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

/** A lane's steps one after the other; a failed step does not stop the rest (one run shows all). */
async function runLane(steps: Step[]): Promise<{ label: string; code: number }[]> {
  const results = [];
  for (const step of steps) results.push({ label: step.label, code: await run(step) });
  return results;
}

// First and alone: a type error fails in a minute, and as a third lane it slowed the suites more
// than it saved (CI 14:17 → 15:00, and a browser test timed out under the load).
const typecheck = spawnSync("npm", ["run", "typecheck"], { cwd: ROOT, stdio: "inherit" });
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);

const started = Date.now();
const results = (await Promise.all(LANES.map(runLane))).flat();
for (const { label, code } of results) console.log(`${label}: ${code === 0 ? "passed" : `FAILED (exit ${code})`}`);
console.log(`all suites in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(results.some(({ code }) => code !== 0) ? 1 : 0);
