import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { LOCAL_ENVIRONMENT, ROOT } from "../../scripts/wrangler";

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

/** A config as wrangler itself reads it for one environment (undefined: the top level). */
const read = (file: string, env?: string) => unstable_readConfig({ config: path.join(ROOT, file), env }, { hideWarnings: true });
const ENVIRONMENTS = [undefined, LOCAL_ENVIRONMENT, "production"];

describe("the two Workers: residents' API (wrangler.toml) and staff console (wrangler.console.toml)", () => {
  for (const env of ENVIRONMENTS) {
    const where = env ? `[env.${env}]` : "the top level";
    const main = read("wrangler.toml", env);
    const console = read("wrangler.console.toml", env);

    it(`${where}: both use the same database, the same vars, and ENVIRONMENT fails closed`, () => {
      expect(console.d1_databases).toEqual(main.d1_databases);
      expect(main.d1_databases).toEqual([expect.objectContaining({ binding: "DB", database_name: "renxing-volunteer", migrations_dir: "functions/migrations" })]);
      expect(console.vars).toEqual(main.vars);
      expect(main.vars.ENVIRONMENT).toBe(env);
    });

    it(`${where}: the main Worker forwards to the console by name; the console only queues notifications`, () => {
      expect(main.services).toEqual([{ binding: "CONSOLE", service: console.name }]);
      expect(console.name).toBe("renxing-console");
      expect(console.queues.producers).toEqual(main.queues.producers);
      expect(console.queues.consumers ?? []).toEqual([]);
      expect(main.queues.consumers?.map((c: { queue: string }) => c.queue)).toEqual(["renxing-notify", "renxing-notify-dead"]);
    });

    it(`${where}: every path the main Worker serves itself runs before the H5 assets`, () => {
      // Otherwise the single-page fallback answers it with the mini-program's index.html.
      for (const prefix of ["/api/*", "/console/*", "/media/*", "/open311/*"]) expect(main.assets?.run_worker_first).toContain(prefix);
    });

    it(`${where}: the console's stylesheet and scripts are static files, never Worker requests`, () => {
      for (const file of ["console.css", "console.js", "qr.js"]) expect(main.assets?.run_worker_first).toContain(`!/console/static/${file}`);
    });

    it(`${where}: the console Worker has no address, crons, assets or secrets of its own`, () => {
      expect(console.main).toBe(path.join(ROOT, "functions/src/console/worker.ts"));
      expect(console.workers_dev).toBe(false);
      expect(console.preview_urls).toBe(false);
      expect(console.routes ?? []).toEqual([]);
      expect(console.triggers.crons ?? []).toEqual([]);
      expect(console.assets).toBeUndefined();
      // Secrets go through `wrangler secret put`, never into a config file.
      for (const config of [main, console]) expect(Object.keys(config.vars)).not.toContain("WECHAT_SECRET");
    });
  }

  it("a Worker's dev-only settings live in [env.development], which `npm start` passes to both", () => {
    expect(read("wrangler.toml", LOCAL_ENVIRONMENT).vars).toMatchObject({ ENVIRONMENT: "development", CONTENT_CHECK: "off" });
  });
});
