import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

// Cloudflare's own ray id, e.g. "8f2b6c1d3e4a5b6c-SJC"; anything else a client sends is ignored.
const CF_RAY = /^[0-9a-f]{16}(-[A-Z]{3})?$/;

/**
 * Gives every request an id, returned as `x-request-id` and written on every log line about it:
 * a resident's screenshot of an error can then be matched to the log, which names no one.
 * Cloudflare's `cf-ray` when present (it also finds the request in Cloudflare's own logs).
 *
 * @example app.use(requestId); app.get("/", (c) => c.text(c.get("requestId")))
 */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const ray = c.req.header("cf-ray");
  const id = ray && CF_RAY.test(ray) ? ray : crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.header("x-request-id", id);
});
