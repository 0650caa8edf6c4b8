/**
 * Local database chores: `tsx scripts/db.ts migrate` applies the migrations to the local D1
 * (under .wrangler/state), `tsx scripts/db.ts seed` loads the demo data. Both are safe to repeat.
 * Pass `--persist-to DIR` to work on another local state folder (the browser tests do).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "../functions/src/auth/password";
import { DEV_ADMIN, demoSeedStatements } from "../functions/src/db/seed";
import { ROOT, wrangler } from "./wrangler";

function persistArgs(argv: string[]): string[] {
  const i = argv.indexOf("--persist-to");
  return i >= 0 && argv[i + 1] ? ["--persist-to", argv[i + 1]!] : [];
}

export function migrate(extra: string[] = []) {
  wrangler(["d1", "migrations", "apply", "DB", "--local", ...extra]);
}

export async function seed(extra: string[] = []) {
  const statements = demoSeedStatements({ adminPasswordHash: await hashPassword(DEV_ADMIN.password), now: Date.now() });
  const file = path.join(ROOT, ".wrangler", "seed.sql");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, statements.join("\n") + "\n");
  wrangler(["d1", "execute", "DB", "--local", "--file", file, ...extra]);
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
