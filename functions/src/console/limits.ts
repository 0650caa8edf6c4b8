import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { ConsoleEnv } from "./session";

/** The console's forms are short text; the largest, an exam session with 30 venues, is ~14 KB as multipart. */
export const MAX_CONSOLE_BODY_BYTES = 16 * 1024;

/** Every console POST, the sign-in form included: at most 16 KB. */
export const consoleBodyLimit = bodyLimit({
  maxSize: MAX_CONSOLE_BODY_BYTES,
  onError: (c) => c.text("提交的内容太多（上限 16 KB），请精简后再提交。", 413),
});

/**
 * A console POST must carry a form that parses: a malformed body (a broken multipart boundary)
 * is the sender's fault, so 400, not a crash. The parsed form is cached on the request, so the
 * handlers read it again for free.
 *
 * @example app.post("*", consoleBodyLimit, consoleFormParses)
 */
export const consoleFormParses = createMiddleware<ConsoleEnv>(async (c, next) => {
  try {
    await c.req.parseBody();
  } catch {
    return c.text("提交的表单格式不正确，请刷新页面后重试。", 400);
  }
  await next();
});
