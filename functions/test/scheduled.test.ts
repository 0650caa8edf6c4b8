import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index";

describe("cron triggers", () => {
  for (const cron of ["*/15 * * * *", "30 18 * * *"]) {
    it(`the scheduled handler runs its jobs for "${cron}" without failing`, async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron, scheduledTime: Date.now() }), env, ctx);
      await expect(waitOnExecutionContext(ctx)).resolves.toBeUndefined();
    });
  }
});
