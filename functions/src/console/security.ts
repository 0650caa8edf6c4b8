import { createMiddleware } from "hono/factory";
import type { Env } from "../env";

/**
 * What hono/secure-headers sets by default, with the console's policy (no inline or foreign code,
 * no framing, the referrer kept for 返回上一页), written out: the console Worker sits near its size
 * budget and this list is all it used of that middleware.
 */
const SECURITY_HEADERS: [string, string][] = [
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Origin-Agent-Cluster", "?1"],
  ["Referrer-Policy", "same-origin"],
  ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-DNS-Prefetch-Control", "off"],
  ["X-Download-Options", "noopen"],
  ["X-Frame-Options", "DENY"],
  ["X-Permitted-Cross-Domain-Policies", "none"],
  ["X-XSS-Protection", "0"],
  [
    "Content-Security-Policy",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  ],
];

/**
 * Headers on every console response: no inline or foreign scripts, no framing, no MIME sniffing,
 * no referrer leaking console URLs, HTTPS only (HSTS), no other origin holding a window on the
 * console or embedding its files (COOP, CORP), and no caching of pages that show residents' details.
 */
export const securityHeaders = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  await next();
  for (const [name, value] of SECURITY_HEADERS) c.res.headers.set(name, value);
  c.res.headers.delete("X-Powered-By");
  if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
});

/**
 * True when a state-changing request comes from the console's own pages. Browsers send `Origin`
 * on every POST; where an old one does not, `Sec-Fetch-Site` must say same-origin.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin) return origin === new URL(req.url).origin;
  const site = req.headers.get("sec-fetch-site");
  return site === "same-origin";
}

/**
 * The per-session CSRF token: derived from the session token, which only the HttpOnly cookie
 * holds, so a page on another site can neither read nor compute it.
 */
export async function csrfTokenFor(sessionToken: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`csrf|${sessionToken}`));
  return btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Compares two strings in time independent of where they differ. */
export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
