import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/wrangler";

/** The `KEY = "value"` lines of one table of wrangler.toml (`[vars]`, `[env.production.vars]`). */
function table(name: string): Record<string, string> {
  const values: Record<string, string> = {};
  let inside = false;
  for (const raw of readFileSync(path.join(ROOT, "wrangler.toml"), "utf8").split("\n")) {
    const line = raw.trim();
    if (line.startsWith("[")) inside = line === `[${name}]`;
    const pair = inside ? /^([A-Z_]+)\s*=\s*"([^"]*)"/.exec(line) : null;
    if (pair) values[pair[1]!] = pair[2]!;
  }
  return values;
}

describe("wrangler.toml fails closed", () => {
  it("a bare `wrangler deploy` runs as production: the top-level [vars] leave ENVIRONMENT unset", () => {
    // The Worker treats anything but "development"/"test" as production, unset included.
    expect(table("vars")).not.toHaveProperty("ENVIRONMENT");
    expect(table("env.production.vars").ENVIRONMENT).toBe("production");
  });
});
