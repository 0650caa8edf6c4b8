import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { kCurrentWorker } from "miniflare";
import { defineConfig } from "vitest/config";
import { TEST_TEMPLATES } from "./test/wechat-templates";

/**
 * API tests run inside workerd with the real wrangler.toml bindings and a real D1 per test file,
 * migrated with the real migrations (test/setup.ts). WeChat is the one party we cannot reach: a
 * real local HTTP server plays it (test/fake-wechat.ts, started by the global setup). The console
 * Worker is an entrypoint of the test Worker itself (test/worker-entry.ts), bound as CONSOLE.
 */
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        main: "./test/worker-entry.ts",
        wrangler: { configPath: "../wrangler.toml" },
        miniflare: {
          serviceBindings: { CONSOLE: { name: kCurrentWorker, entrypoint: "ConsoleWorker" } },
          bindings: {
            TEST_MIGRATIONS: migrations,
            // wrangler.toml leaves ENVIRONMENT unset (production); tests run as "test".
            ENVIRONMENT: "test",
            WECHAT_API_BASE: inject("wechatBase"),
            WECHAT_APPID: "wx-test-appid",
            WECHAT_SECRET: "wx-test-secret",
            WECHAT_TEMPLATES: TEST_TEMPLATES,
          },
        },
      })),
    ],
    test: {
      globalSetup: ["./test/global-setup.ts"],
      setupFiles: ["./test/setup.ts"],
      // The parallel-race tests fire dozens of requests; on a loaded 2-core CI machine 5 s is short.
      testTimeout: 30_000,
      // Two files at a time even on two cores: much of each file's time is workerd starting up and
      // waiting on D1, and CI must stay under 15 minutes (measured: 264 s with one, 200 s with two).
      maxWorkers: 2,
    },
  };
});
