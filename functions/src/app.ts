import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createConsole } from "./console";
import type { AppEnv } from "./env";
import { errorJson, onError, onNotFound } from "./http/errors";
import { noStore } from "./http/no-store";
import { requestId } from "./http/request-id";
import { authRoutes } from "./routes/auth";
import { communityRoutes } from "./routes/community";
import { healthRoutes } from "./routes/health";
import { meRoutes } from "./routes/me";
import { notificationRoutes } from "./routes/notifications";
import { teamRoutes } from "./routes/teams";
import { mediaRoutes, uploadRoutes } from "./routes/uploads";
import { reportRoutes } from "./routes/reports";
import { rideRoutes } from "./routes/rides";
import { taskRoutes } from "./routes/tasks";
import { wishRoutes } from "./routes/wishes";
import { MAX_UPLOAD_BYTES } from "./services/uploads";
import { outboxAfterResponse } from "./http/outbox";

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
    .route("/", reportRoutes);
}

/** The whole Worker app; tests build it too, to add routes of their own. */
export function createApp() {
  // Not strict: /console/ and /console are the same page to a person typing the address.
  const app = new Hono<AppEnv>({ strict: false });
  app.use(requestId);
  app.use(outboxAfterResponse);
  app.use("/api/v1/*", noStore);
  app.route("/api/v1", createApi());
  app.route("/console", createConsole());
  app.route("/", mediaRoutes);
  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
