import { Hono } from "hono";
import type { AppEnv } from "../env";
import { onError } from "../http/errors";
import { requestId } from "../http/request-id";
import { outboxAfterResponse } from "../http/outbox";
import { createConsole } from "./index";
import { LoginPage } from "./pages/login";

/**
 * The console Worker's app (wrangler.console.toml): the staff console under /console, with the
 * per-request middleware the API has too. The main Worker forwards /console here unchanged; tests
 * build it to call the console with bindings of their own.
 *
 * @example await createConsoleApp().fetch(new Request("https://x/console/login"), env, ctx)
 */
export function createConsoleApp() {
  // Not strict: /console/ and /console are the same page to a person typing the address.
  const app = new Hono<AppEnv>({ strict: false });
  app.use(requestId);
  app.use(outboxAfterResponse);
  app.route("/console", createConsole());
  // The console's own onError shows refused actions in the page frame; this logs the rest.
  app.onError(onError);
  // Only the main Worker's forwarding reaches this Worker, so anything outside /console is a mistake.
  app.notFound((c) => c.html(<LoginPage error="找不到这个页面" />, 404));
  return app;
}
