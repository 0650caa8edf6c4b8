import { createApp } from "./app";
import { getDb } from "./db/client";
import type { Env } from "./env";
import { eraseExpiredRideData } from "./services/rides";

const app = createApp();

export default {
  fetch: app.fetch,
  /** Cron triggers (wrangler.toml `[triggers]`): the daily privacy clean-up. */
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(
      eraseExpiredRideData(getDb(env.DB)).then((r) => console.log(JSON.stringify({ msg: "retention", ...r }))),
    );
  },
} satisfies ExportedHandler<Env>;
