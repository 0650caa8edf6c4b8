import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { withOutbox } from "../services/notifications/outbox";

/**
 * Every request (API and console alike) collects the notifications its state changes wrote and
 * queues their WeChat messages after the answer has gone: a resident never waits for WeChat.
 */
export const outboxAfterResponse = createMiddleware<AppEnv>((c, next) =>
  withOutbox(c.env.NOTIFY, (promise) => waitUntil(c, promise), () => next()),
);

function waitUntil(c: { executionCtx: ExecutionContext }, promise: Promise<unknown>) {
  try {
    c.executionCtx.waitUntil(promise);
  } catch {
    // No execution context (app.request in a test): the promise simply runs on.
  }
}
