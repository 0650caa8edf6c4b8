import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createConsole } from "./console";
import type { AppEnv } from "./env";
import { errorJson, onError, onNotFound } from "./http/errors";
import { authRoutes } from "./routes/auth";
import { communityRoutes } from "./routes/community";
import { healthRoutes } from "./routes/health";
import { meRoutes } from "./routes/me";
import { teamRoutes } from "./routes/teams";
import { wishRoutes } from "./routes/wishes";

export const MAX_BODY_BYTES = 64 * 1024;

/** The API under /api/v1, with the contract's error shape for every failure. */
export function createApi() {
  return new Hono<AppEnv>()
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: (c) => errorJson(c, 413, { code: "PAYLOAD_TOO_LARGE", message: "提交的内容太大（上限 64 KB）" }),
      }),
    )
    .route("/", healthRoutes)
    .route("/", authRoutes)
    .route("/", meRoutes)
    .route("/", communityRoutes)
    .route("/", teamRoutes)
    .route("/", wishRoutes);
}

/** The whole Worker app; tests build it too, to add routes of their own. */
export function createApp() {
  // Not strict: /console/ and /console are the same page to a person typing the address.
  const app = new Hono<AppEnv>({ strict: false });
  app.route("/api/v1", createApi());
  app.route("/console", createConsole());
  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
