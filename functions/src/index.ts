import { createApp } from "./app";
import { getDb } from "./db/client";
import type { Env } from "./env";
import { eraseExpiredRideData } from "./services/rides";
import { autoCheckOut } from "./services/tasks";

const app = createApp();

/** The daily cron of wrangler.toml; the other one runs every 15 minutes. */
export const DAILY_CRON = "30 18 * * *";

export default {
  fetch: app.fetch,
  /** Cron triggers: check out forgotten check-ins every run; erase old ride data once a day. */
  async scheduled(controller, env, ctx) {
    const db = getDb(env.DB);
    const jobs: Promise<unknown>[] = [autoCheckOut(db).then((r) => console.log(JSON.stringify({ msg: "auto check-out", ...r })))];
    if (controller.cron === DAILY_CRON) jobs.push(eraseExpiredRideData(db).then((r) => console.log(JSON.stringify({ msg: "retention", ...r }))));
    ctx.waitUntil(Promise.all(jobs));
  },
} satisfies ExportedHandler<Env>;
