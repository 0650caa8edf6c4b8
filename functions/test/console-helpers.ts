import { exports } from "cloudflare:workers";

export const ORIGIN = "http://localhost";

export interface ConsoleRequest {
  method?: "GET" | "POST";
  form?: Record<string, string>;
  cookie?: string | null;
  /** The Origin header a browser would send; null sends none. Defaults to our own origin. */
  origin?: string | null;
}

/** Calls a /console page on the real Worker the way a browser would (no redirects followed). */
export async function consolePage(path: string, { method = "GET", form, cookie, origin = ORIGIN }: ConsoleRequest = {}) {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (method === "POST" && origin) headers.origin = origin;
  let body: string | undefined;
  if (form) {
    body = new URLSearchParams(form).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
  }
  const res = await exports.default.fetch(new Request(`${ORIGIN}/console${path}`, { method, headers, body, redirect: "manual" }));
  return { status: res.status, headers: res.headers, html: await res.text() };
}

/** Signs in through the login form; returns the cookie to send back and the page's CSRF token. */
export async function consoleLogin(username = "admin", password = "renxing-admin") {
  const res = await consolePage("/login", { method: "POST", form: { username, password } });
  if (res.status !== 302) throw new Error(`console login failed: ${res.status}`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const home = await consolePage("/", { cookie });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.html)?.[1];
  if (!csrf) throw new Error("no CSRF token on the dashboard");
  return { cookie, csrf, setCookie: res.headers.get("set-cookie")! };
}
