import { AsyncLocalStorage } from "node:async_hooks";
import { errorSummary } from "../../lib/log";

/** What the NOTIFY queue carries: a notification whose WeChat message may be due. */
export interface NotifyMessage {
  notificationId: string;
}

/**
 * The notifications a request (or a cron run) wrote for residents, collected without threading a
 * list through every service. Some of them did not land (the state change was refused, or the
 * event had told this person already): the consumer finds no pending outbox row for those and
 * acknowledges them. The cron also re-queues outbox rows left pending, for a request that ended
 * before the queue heard of them.
 */
const written = new AsyncLocalStorage<Set<string>>();

export function noteWritten(notificationId: string): void {
  written.getStore()?.add(notificationId);
}

/** Runs `work`, then hands the notifications it wrote to the queue (after the answer, via waitUntil). */
export async function withOutbox<T>(queue: Queue<NotifyMessage> | undefined, waitUntil: (p: Promise<unknown>) => void, work: () => Promise<T>): Promise<T> {
  const ids = new Set<string>();
  try {
    return await written.run(ids, work);
  } finally {
    if (queue && ids.size > 0) {
      // A lost enqueue is not lost mail: the outbox row stays pending and the cron re-queues it.
      waitUntil(enqueue(queue, [...ids]).catch((err) => console.error(JSON.stringify({ msg: "notify enqueue failed", ...errorSummary(err) }))));
    }
  }
}

/** Queue sends take at most 100 messages at a time. */
export async function enqueue(queue: Queue<NotifyMessage>, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 100) {
    await queue.sendBatch(ids.slice(i, i + 100).map((notificationId) => ({ body: { notificationId } })));
  }
}
