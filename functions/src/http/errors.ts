import type { ErrorBody, ErrorDetail } from "@renxing/shared";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { errorSummary } from "../lib/log";

/**
 * A failure the client should see: thrown anywhere (services included) and turned into the
 * contract's `{ error: { code, message, details? } }` body by `onError`.
 *
 * @example throw new ApiError(409, "WISH_NOT_OPEN", "这个心愿已被认领")
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const unauthenticated = (message = "请先登录") => new ApiError(401, "UNAUTHENTICATED", message);
export const forbidden = (message = "没有权限进行此操作", code = "FORBIDDEN") => new ApiError(403, code, message);
export const notFound = (message = "找不到请求的内容") => new ApiError(404, "NOT_FOUND", message);
export const validationFailed = (details: ErrorDetail[], message = "提交的内容有误，请检查后重试") =>
  new ApiError(400, "VALIDATION_FAILED", message, details);

export function errorJson(c: Context, status: ContentfulStatusCode, error: ErrorBody["error"]) {
  return c.json({ error } satisfies ErrorBody, status);
}

/**
 * The one place every uncaught failure becomes a response; no stack or SQL ever leaves it, neither
 * in the body nor in the log line, which names the route pattern (never the path with its ids) and
 * the request id the client sees in `x-request-id`.
 */
export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) {
    return errorJson(c, err.status, {
      code: err.code,
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
    });
  }
  if (err instanceof HTTPException && err.status < 500) {
    // Raised by Hono itself (e.g. a malformed request it refuses before our code runs).
    return errorJson(c, err.status as ContentfulStatusCode, { code: "BAD_REQUEST", message: "请求格式不正确" });
  }
  console.error(
    JSON.stringify({ msg: "unhandled error", requestId: c.get("requestId"), method: c.req.method, route: routePath(c, -1), status: 500, ...errorSummary(err) }),
  );
  return errorJson(c, 500, { code: "INTERNAL", message: "服务器开小差了，请稍后再试" });
};

export const onNotFound: NotFoundHandler = (c) =>
  errorJson(c, 404, { code: "NOT_FOUND", message: "找不到请求的内容" });
