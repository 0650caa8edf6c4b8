import type { ErrorDetail } from "@renxing/shared";
import type { Context } from "hono";
import type * as z from "zod/mini";
import { ApiError, validationFailed } from "./errors";

type Schema = z.ZodMiniType;

function toDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => ({ field: issue.path.map(String).join("."), message: issue.message }));
}

/** Validates `value` with a shared schema, or throws 400 `VALIDATION_FAILED` listing each field. */
export function validate<S extends Schema>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(toDetails(result.error.issues));
  return result.data as z.infer<S>;
}

/**
 * The request's JSON body checked against a shared schema.
 * Not JSON at all → 400 `INVALID_JSON`; wrong shape → 400 `VALIDATION_FAILED`.
 *
 * @example const body = await jsonBody(c, UpdateMeBody)
 */
export async function jsonBody<S extends Schema>(c: Context, schema: S, options: { optional?: boolean } = {}): Promise<z.infer<S>> {
  let value: unknown;
  try {
    const text = await c.req.text();
    // An optional body may be left out entirely (e.g. claiming as a volunteer sends nothing).
    value = options.optional && text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(400, "INVALID_JSON", "请求内容不是有效的 JSON");
  }
  return validate(schema, value);
}

/** The query string checked against a shared schema (each key's last value). */
export function queryParams<S extends Schema>(c: Context, schema: S): z.infer<S> {
  return validate(schema, c.req.query());
}
