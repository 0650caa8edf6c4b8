import { WorkerEntrypoint } from "cloudflare:workers";
import consoleWorker from "../src/console/worker";
import type { Env } from "../src/env";

/**
 * The tests' Worker: the main Worker as deployed, plus the console Worker as a named entrypoint
 * that vitest.config.ts binds to CONSOLE. Every /console request of a test thus goes through the
 * main Worker's forwarding, as in production, without a second Worker to build.
 */
export { default } from "../src/index";

export class ConsoleWorker extends WorkerEntrypoint<Env> {
  override fetch(request: Request) {
    return consoleWorker.fetch(request, this.env, this.ctx);
  }
}
