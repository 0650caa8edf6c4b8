import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./wrangler";

/**
 * The `ENVIRONMENT` a Worker of wrangler.toml runs with: `[vars]`, or `[env.<name>.vars]` for
 * `--env <name>` (wrangler does not inherit vars into a named environment). Undefined when not
 * set, which `isDevelopment` reads as production.
 *
 * @example isDevelopment({ ENVIRONMENT: configuredEnvironment() }) // true on a fresh clone
 */
export function configuredEnvironment(envName?: string): string | undefined {
  const table = envName ? `[env.${envName}.vars]` : "[vars]";
  let inTable = false;
  for (const raw of readFileSync(path.join(ROOT, "wrangler.toml"), "utf8").split("\n")) {
    const line = raw.trim();
    if (line.startsWith("[")) inTable = line === table;
    const value = inTable ? /^ENVIRONMENT\s*=\s*"([^"]*)"\s*(#.*)?$/.exec(line) : null;
    if (value) return value[1];
  }
  return undefined;
}
