import { createApp } from "./app";
import { getDb } from "./db/client";
import type { Env } from "./env";
import { errorSummary } from "./lib/log";
import { sweepExpired } from "./services/housekeeping";
import { sweepMedia } from "./services/media-retention";
import { eraseExpiredRideData } from "./services/rides";
import { autoCheckOut } from "./services/tasks";
import { deliverBatch, sweepOutbox } from "./services/notifications/deliver";
import { withOutbox, type NotifyMessage } from "./services/notifications/outbox";
import { sendReminders } from "./services/notifications/reminders";
import { escalateOverdue } from "./services/reports/escalation";
import { alertOverdueCare, remindCareVisits } from "./services/care/reminders";

const app = createApp();

/**
 * The crons of wrangler.toml: housekeeping at 02:30 Beijing, the outbox every 15 minutes, reminders
 * at 18:00 Beijing. Not exported: workerd takes every named export of the main module for a
 * handler and refuses to start otherwise.
 */
const DAILY_CRON = "30 18 * * *";
const QUARTER_HOUR_CRON = "*/15 * * * *";
/** 10:00 UTC is 18:00 in Beijing. */
const REMINDER_CRON = "0 10 * * *";

export default {
  fetch: app.fetch,
  /** Cron triggers: check out forgotten check-ins every run; once a day erase old ride data and sweep; at 18:00 Beijing remind of tomorrow. */
  async scheduled(controller, env, ctx) {
    const db = getDb(env.DB);
    const run = (name: string, job: () => Promise<object>) =>
      job().then(
        (result) => console.log(JSON.stringify({ msg: name, ...result })),
        (err) => {
          const summary = errorSummary(err);
          console.error(JSON.stringify({ msg: `${name} failed`, ...summary }));
          // Still fail the run, so the cron shows as failed, but with an error the runtime may log.
          throw new Error(`${name} failed: ${summary.code ?? summary.error}`);
        },
      );
    const jobs = [run("auto check-out", () => autoCheckOut(db))];
    if (controller.cron === QUARTER_HOUR_CRON) jobs.push(run("outbox", () => sweepOutbox(db, env.NOTIFY)));
    if (controller.cron === QUARTER_HOUR_CRON) {
      jobs.push(run("report escalation", () => withOutbox(env.NOTIFY, (p) => ctx.waitUntil(p), () => escalateOverdue(db, controller.scheduledTime))));
      jobs.push(run("care overdue", () => withOutbox(env.NOTIFY, (p) => ctx.waitUntil(p), () => alertOverdueCare(db, controller.scheduledTime))));
    }
    if (controller.cron === REMINDER_CRON) {
      // The run's own time, not the clock: a late or repeated run still reminds of the right day.
      jobs.push(
        run("reminders", () =>
          withOutbox(env.NOTIFY, (p) => ctx.waitUntil(p), async () => ({
            ...(await sendReminders(db, controller.scheduledTime)),
            care: await remindCareVisits(db, controller.scheduledTime),
          })),
        ),
      );
    }
    if (controller.cron === DAILY_CRON) {
      jobs.push(run("retention", () => eraseExpiredRideData(db)), run("sweep", () => sweepExpired(db)), run("media", () => sweepMedia(db, env.MEDIA)));
    }
    ctx.waitUntil(Promise.all(jobs));
  },
  /** The NOTIFY queue and its dead-letter queue: WeChat subscribe messages (deliver.ts). */
  async queue(batch, env) {
    await deliverBatch(batch, getDb(env.DB), env);
  },
} satisfies ExportedHandler<Env, NotifyMessage>;
