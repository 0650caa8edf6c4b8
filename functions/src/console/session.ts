import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { resolveSession, STAFF_SESSION_MS } from "../auth/sessions";
import { getDb } from "../db/client";
import { isDevelopment, type Env, type StaffPrincipal } from "../env";
import { auditInsert, staffActor } from "../services/audit";
import { csrfTokenFor, isSameOrigin, safeEqual } from "./security";

export const SESSION_COOKIE = "rx_console";

export interface ConsoleEnv {
  Bindings: Env;
  Variables: { staff: StaffPrincipal; csrf: string };
}

/** The session cookie: HttpOnly, SameSite=Strict, scoped to /console, Secure unless in development. */
export function setSessionCookie(c: Context<ConsoleEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    path: "/console",
    secure: !isDevelopment(c.env),
    maxAge: STAFF_SESSION_MS / 1000,
  });
}

export function clearSessionCookie(c: Context<ConsoleEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: "/console", secure: !isDevelopment(c.env) });
}

export const sessionToken = (c: Context) => getCookie(c, SESSION_COOKIE) ?? null;

/**
 * Every console page but the login form: no valid staff session → redirect to the login page.
 * A POST must also come from our own origin and carry this session's CSRF token (`_csrf`),
 * otherwise 403, audited.
 */
export const requireConsoleSession = createMiddleware<ConsoleEnv>(async (c, next) => {
  const token = sessionToken(c);
  const principal = token ? await resolveSession(getDb(c.env.DB), token, Date.now()) : null;
  if (!token || !principal || principal.kind !== "staff") {
    if (token) clearSessionCookie(c);
    return c.redirect("/console/login", 302);
  }
  const csrf = await csrfTokenFor(token);
  c.set("staff", principal);
  c.set("csrf", csrf);

  if (c.req.method === "POST") {
    const form = await c.req.parseBody();
    const sent = typeof form._csrf === "string" ? form._csrf : "";
    const sameOrigin = isSameOrigin(c.req.raw);
    if (!sameOrigin || !safeEqual(sent, csrf)) {
      const db = getDb(c.env.DB);
      await auditInsert(db, {
        actor: staffActor(principal),
        action: "console.request_rejected",
        outcome: "denied",
        detail: { path: c.req.path, reason: sameOrigin ? "csrf_token" : "origin" },
      });
      return c.text("请求来源不可信，已拒绝。请刷新页面后重试。", 403);
    }
  }
  await next();
});
