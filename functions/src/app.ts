import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./env";
import { errorJson, onError, onNotFound } from "./http/errors";
import { noStore } from "./http/no-store";
import { requestId } from "./http/request-id";
import { authRoutes } from "./routes/auth";
import { careRoutes } from "./routes/care";
import { communityRoutes } from "./routes/community";
import { deliberationRecordRoutes } from "./routes/deliberation-records";
import { deliberationRoutes } from "./routes/deliberations";
import { healthRoutes } from "./routes/health";
import { meRoutes } from "./routes/me";
import { notificationRoutes } from "./routes/notifications";
import { open311KeyRoutes, open311Routes } from "./routes/open311";
import { teamRoutes } from "./routes/teams";
import { mediaRoutes, uploadRoutes } from "./routes/uploads";
import { reportRoutes } from "./routes/reports";
import { reportStatsRoutes } from "./routes/report-stats";
import { rideRoutes } from "./routes/rides";
import { taskRoutes } from "./routes/tasks";
import { wishRoutes } from "./routes/wishes";
import { MAX_UPLOAD_BYTES } from "./services/uploads";
import { outboxAfterResponse } from "./http/outbox";

/**
 * The request as it came, path and body included, to the console Worker (the CONSOLE service
 * binding). Its redirects (after sign-in, after every form) are the browser's to follow, not ours.
 */
const forwardToConsole = (c: Context<AppEnv>) => c.env.CONSOLE.fetch(new Request(c.req.raw, { redirect: "manual" }));

export const MAX_BODY_BYTES = 64 * 1024;

const jsonLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => errorJson(c, 413, { code: "PAYLOAD_TOO_LARGE", message: "提交的内容太大（上限 64 KB）" }),
});
// A photo may be 2 MB; the multipart envelope around it adds a little.
const uploadLimit = bodyLimit({
  maxSize: MAX_UPLOAD_BYTES + 16 * 1024,
  onError: (c) => errorJson(c, 413, { code: "PAYLOAD_TOO_LARGE", message: "照片不能超过 2 MB，请压缩后再上传" }),
});

/** The API under /api/v1, with the contract's error shape for every failure. */
export function createApi() {
  return new Hono<AppEnv>()
    .use((c, next) => (c.req.path.endsWith("/uploads") ? uploadLimit(c, next) : jsonLimit(c, next)))
    .route("/", healthRoutes)
    .route("/", authRoutes)
    .route("/", meRoutes)
    .route("/", notificationRoutes)
    .route("/", communityRoutes)
    .route("/", teamRoutes)
    .route("/", wishRoutes)
    .route("/", uploadRoutes)
    .route("/", rideRoutes)
    .route("/", taskRoutes)
    .route("/", reportStatsRoutes)
    .route("/", reportRoutes)
    .route("/", open311KeyRoutes)
    .route("/", careRoutes)
    .route("/", deliberationRecordRoutes)
    .route("/", deliberationRoutes);
}

/** The whole Worker app; tests build it too, to add routes of their own. */
export function createApp() {
  // Not strict: /console/ and /console are the same page to a person typing the address.
  const app = new Hono<AppEnv>({ strict: false });
  // The staff console is its own Worker (functions/src/console/worker.ts), so a resident's cold
  // start never parses it. Forwarded before any middleware: it sets its own request id and outbox.
  app.all("/console", forwardToConsole);
  app.all("/console/*", forwardToConsole);
  app.use(requestId);
  app.use(outboxAfterResponse);
  app.use("/api/v1/*", noStore);
  app.route("/api/v1", createApi());
  app.route("/open311/v2", open311Routes);
  app.route("/", mediaRoutes);
  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
