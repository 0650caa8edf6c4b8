import { createMiddleware } from "hono/factory";

/**
 * On every API response, errors included: most carry a resident's name, phone or address, so no
 * browser, WebView or proxy keeps a copy, and no answer is read as anything but its content type.
 *
 * @example app.use("/api/v1/*", noStore)
 */
export const noStore = createMiddleware(async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
  c.header("X-Content-Type-Options", "nosniff");
});
