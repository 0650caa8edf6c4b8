import { readFileSync } from "node:fs";
import path from "node:path";
import { LOCAL_ENVIRONMENT, ROOT } from "./wrangler";

/**
 * The `ENVIRONMENT` a Worker runs with: for the local Worker (no `--env`), the one our scripts
 * pass to `wrangler dev` (wrangler.toml's top-level `[vars]` leaves it unset, which is production);
 * for `--env <name>`, `[env.<name>.vars]` of wrangler.toml. Undefined when not set, which
 * `isDevelopment` reads as production.
 *
 * @example isDevelopment({ ENVIRONMENT: configuredEnvironment() }) // true: the local Worker
 */
export function configuredEnvironment(envName?: string): string | undefined {
  if (!envName) return LOCAL_ENVIRONMENT;
  const table = `[env.${envName}.vars]`;
  let inTable = false;
  for (const raw of readFileSync(path.join(ROOT, "wrangler.toml"), "utf8").split("\n")) {
    const line = raw.trim();
    if (line.startsWith("[")) inTable = line === table;
    const value = inTable ? /^ENVIRONMENT\s*=\s*"([^"]*)"\s*(#.*)?$/.exec(line) : null;
    if (value) return value[1];
  }
  return undefined;
}
