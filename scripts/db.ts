/**
 * Local database chores: `tsx scripts/db.ts migrate` applies the migrations to the local D1
 * (under .wrangler/state), `tsx scripts/db.ts seed` loads the demo data. Both are safe to repeat.
 * Pass `--persist-to DIR` to work on another local state folder (the browser tests do).
 * The seed writes only to the local development D1 (never `--remote` or an `--env`): its admin's
 * password is in the README.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "../functions/src/auth/password";
import { demoStoryStatements } from "../functions/src/db/demo";
import { demoGridWorkerStatements } from "../functions/src/db/demo-staff";
import { DEV_ADMIN, demoSeedStatements } from "../functions/src/db/seed";
import { configuredEnvironment } from "./environment";
import { ROOT, wrangler } from "./wrangler";

function persistArgs(argv: string[]): string[] {
  const i = argv.indexOf("--persist-to");
  return i >= 0 && argv[i + 1] ? ["--persist-to", argv[i + 1]!] : [];
}

export function migrate(extra: string[] = [], options: { quiet?: boolean } = {}) {
  wrangler(["d1", "migrations", "apply", "DB", "--local", ...extra], options);
}

/**
 * Loads the base data and, unless `demo: false` (the browser tests), the demo story; `gridWorkers`
 * adds just the story's nine grid workers (a browser test of the console's grid scope).
 */
export async function seed(extra: string[] = [], options: { quiet?: boolean; demo?: boolean; gridWorkers?: boolean } = {}) {
  const environment = configuredEnvironment();
  if (extra.some((arg) => arg === "--remote" || arg.startsWith("--env"))) {
    throw new Error(`refusing to seed demo data anywhere but the local development database (${extra.join(" ")})`);
  }
  const now = Date.now();
  const statements = [
    ...demoSeedStatements({ environment, adminPasswordHash: await hashPassword(DEV_ADMIN.password), now }),
    ...(options.demo === false ? (options.gridWorkers ? demoGridWorkerStatements(now) : []) : demoStoryStatements(now)),
  ];
  // One file per process: the browser tests seed their own database while `npm start` may run.
  const file = path.join(ROOT, ".wrangler", `seed-${process.pid}.sql`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, statements.join("\n") + "\n");
  try {
    wrangler(["d1", "execute", "DB", "--local", "--file", file, ...extra], { quiet: options.quiet });
  } finally {
    rmSync(file, { force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, ...rest] = process.argv.slice(2);
  const extra = persistArgs(rest);
  if (command === "migrate") migrate(extra);
  else if (command === "seed") await seed(extra);
  else {
    console.error("usage: tsx scripts/db.ts migrate|seed [--persist-to DIR]");
    process.exit(2);
  }
}
