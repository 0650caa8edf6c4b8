import { defineConfig } from "vitest/config";

/**
 * Cross-package tests in Node: the H5 build in real Chromium against the real Worker, the weapp
 * build through WeChat's own compilers, and the size budgets. One file at a time: the machine has
 * two cores, and a browser plus wrangler plus workerd already use them.
 */
export default defineConfig({
  test: {
    environment: "node",
    include: ["config/**/*.test.ts", "e2e/**/*.test.ts", "weapp/**/*.test.ts", "budget/**/*.test.ts"],
    globalSetup: ["./support/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});
