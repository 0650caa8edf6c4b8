import { Open311KeyBody } from "@renxing/shared";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { adminOnly, requireAuth } from "../auth/middleware";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { ApiError, notFound } from "../http/errors";
import { jsonBody } from "../http/input";
import { errorSummary } from "../lib/log";
import { issueOpen311Key, listOpen311Keys, revokeOpen311Key } from "../services/open311-keys";
import { open311ServiceDefinition, open311Services } from "../services/open311/catalogue";
import { getOpen311Request, listOpen311Requests } from "../services/open311/requests";
import { OPEN311_FIELD, submitOpen311Request, type Open311Form } from "../services/open311/submit";

/** GeoReport's error answer: a list of `{ code, description }`, `code` being the HTTP status. */
const open311Error = (c: Context, status: ContentfulStatusCode, description: string | string[]) =>
  c.json(([] as string[]).concat(description).map((d) => ({ code: status, description: d })), status);

/** Our errors in GeoReport's shape; a field error names the GeoReport field the client sent. */
function onOpen311Error(err: Error, c: Context<AppEnv>) {
  if (err instanceof ApiError) {
    const descriptions = err.details?.map((d) => `${OPEN311_FIELD[d.field.split(".").at(-1) ?? ""] ?? d.field}: ${d.message}`);
    return open311Error(c, err.status, descriptions?.length ? descriptions : err.message);
  }
  if (err instanceof HTTPException && err.status < 500) return open311Error(c, err.status as ContentfulStatusCode, "请求格式不正确");
  console.error(JSON.stringify({ msg: "unhandled error", requestId: c.get("requestId"), method: c.req.method, route: "open311", status: 500, ...errorSummary(err) }));
  return open311Error(c, 500, "服务器开小差了，请稍后再试");
}

/** `facility.json` → `facility`; GeoReport's XML is not served (400), anything else is 404. */
function jsonResource(file: string): string {
  if (file.endsWith(".json")) return file.slice(0, -".json".length);
  throw xmlOrMissing(file);
}
const xmlOrMissing = (path: string) =>
  path.endsWith(".xml") ? new ApiError(400, "FORMAT_NOT_SUPPORTED", "只提供 JSON 格式：请把 .xml 换成 .json") : notFound("找不到这个 Open311 接口");

/** The form of a GeoReport POST: urlencoded or multipart, as GeoReport clients send it. */
async function open311Form(c: Context<AppEnv>): Promise<Open311Form> {
  const type = c.req.header("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw new ApiError(400, "VALIDATION_FAILED", "请以 application/x-www-form-urlencoded（或 multipart/form-data）提交");
  }
  try {
    return (await c.req.parseBody()) as Open311Form;
  } catch {
    throw new ApiError(400, "VALIDATION_FAILED", "表单格式不正确");
  }
}

const origin = (c: Context) => new URL(c.req.url).origin;

/**
 * Open311 GeoReport v2 (JSON only), mounted at /open311/v2: the district command platform and
 * other clients read the service list, file requests with an admin-issued `api_key`, and follow
 * public reports. Errors are GeoReport's `[{ code, description }]`, never our `{ error }` shape.
 */
export const open311Routes = new Hono<AppEnv>()
  .get("/services.json", (c) => c.json(open311Services()))
  .get("/services/:file", async (c) => c.json(await open311ServiceDefinition(getDb(c.env.DB), jsonResource(c.req.param("file")))))
  .get("/requests.json", async (c) => c.json(await listOpen311Requests(getDb(c.env.DB), c.req.query(), origin(c))))
  .post(
    "/requests.json",
    bodyLimit({ maxSize: 64 * 1024, onError: (c) => open311Error(c, 413, "提交的内容太大（上限 64 KB）") }),
    async (c) => c.json(await submitOpen311Request(getDb(c.env.DB), c.env, await open311Form(c), origin(c))),
  )
  .get("/requests/:file", async (c) => c.json(await getOpen311Request(getDb(c.env.DB), jsonResource(c.req.param("file")), origin(c))))
  .all("*", (c) => {
    throw xmlOrMissing(c.req.path);
  })
  .onError(onOpen311Error);

/** Admins issue, list and revoke the API keys of Open311 clients. */
export const open311KeyRoutes = new Hono<AppEnv>()
  .post("/admin/open311-keys", requireAuth, adminOnly, async (c) => {
    const { name } = await jsonBody(c, Open311KeyBody);
    return c.json(await issueOpen311Key(getDb(c.env.DB), c.get("principal"), name), 201);
  })
  .get("/admin/open311-keys", requireAuth, adminOnly, async (c) => c.json({ items: await listOpen311Keys(getDb(c.env.DB), c.get("principal")), nextCursor: null }))
  .post("/admin/open311-keys/:id/revoke", requireAuth, adminOnly, async (c) =>
    c.json(await revokeOpen311Key(getDb(c.env.DB), c.get("principal"), c.req.param("id"))),
  );
