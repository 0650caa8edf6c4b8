import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../src/index";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export interface CallOptions {
  token?: string;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  /** A multipart body (uploads), sent instead of `body`. */
  form?: FormData;
  headers?: Record<string, string>;
}

/**
 * Calls the real Worker's fetch handler as a client would, with the test file's bindings. Called
 * directly rather than through `exports.default.fetch`: each call through that makes the next one
 * slower within a file (cloudflare/workers-sdk#15446: 5 ms at first, over 300 ms after 1,500
 * calls), which turns the route sweeps into minutes. The answer is the same Response.
 *
 * @example const { status, body } = await api("GET", "/me", { token })
 */
export async function api<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | FormData | undefined = options.form;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://localhost/api/v1${path}`, { method, headers, body }), env, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed as T };
}

/** A resident signed in through dev-login; returns the token and the `/me` body. */
export async function residentLogin(openid: string, nickname = "测试居民") {
  const res = await api("POST", "/auth/dev-login", { body: { openid, nickname } });
  if (res.status !== 200) throw new Error(`dev-login failed: ${res.status} ${res.text}`);
  return res.body as { token: string; user: { id: string } };
}

export async function adminLogin() {
  const res = await api("POST", "/auth/staff-login", { body: { username: "admin", password: "renxing-admin" } });
  if (res.status !== 200) throw new Error(`staff-login failed: ${res.status} ${res.text}`);
  return res.body as { token: string; staff: { id: string } };
}

/** Rows of a table, read straight from D1, for asserting what was (not) written. */
export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (await env.DB.prepare(sql).bind(...params).all<T>()).results;
}

/** How many rows a table has now; compare before and after to show a request wrote nothing. */
export async function count(table: "users" | "sessions" | "staff" | "audit_log"): Promise<number> {
  return (await env.DB.prepare(`select count(*) as n from ${table}`).first<{ n: number }>())!.n;
}
