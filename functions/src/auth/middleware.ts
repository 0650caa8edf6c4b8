import type { StaffRole } from "@renxing/shared";
import { createMiddleware } from "hono/factory";
import { getDb } from "../db/client";
import type { AppEnv, ResidentPrincipal, StaffPrincipal } from "../env";
import { forbidden, unauthenticated } from "../http/errors";
import { resolveSession } from "./sessions";

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/;

/** The token of an `Authorization: Bearer …` header; 401 `UNAUTHENTICATED` when missing or malformed. */
export function bearerToken(header: string | undefined): string {
  const match = BEARER.exec(header ?? "");
  if (!match) throw unauthenticated();
  return match[1]!;
}

/** A well-formed token that is unknown, revoked or expired. */
export const sessionEnded = () => unauthenticated("登录已过期，请重新登录");
/** A staff token on a resident's own route. */
export const notAResident = () => forbidden("请使用居民账号登录小程序");

/** Any valid token, resident or staff; 401 `UNAUTHENTICATED` otherwise. */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const principal = await resolveSession(getDb(c.env.DB), bearerToken(c.req.header("authorization")), Date.now());
  if (!principal) throw sessionEnded();
  c.set("principal", principal);
  await next();
});

/** The signed-in resident (WeChat user); staff tokens get 403. */
export function residentOf(c: { get(key: "principal"): AppEnv["Variables"]["principal"] }): ResidentPrincipal {
  const p = c.get("principal");
  if (p.kind !== "user") throw notAResident();
  return p;
}

/** The signed-in staff member, optionally of given roles; residents get 403. */
export function staffOf(
  c: { get(key: "principal"): AppEnv["Variables"]["principal"] },
  roles: readonly StaffRole[] = ["admin", "grid_worker"],
): StaffPrincipal {
  const p = c.get("principal");
  if (p.kind !== "staff" || !roles.includes(p.role)) throw forbidden();
  return p;
}

/**
 * Route guards for /admin endpoints, after `requireAuth`: the role is checked before the body is
 * read, so a caller who may not act learns nothing from validation errors. The services check
 * the role again themselves.
 */
export const adminOnly = createMiddleware<AppEnv>(async (c, next) => {
  staffOf(c, ["admin"]);
  await next();
});
/** Resident routes that reserve something before the handler runs (an idempotency key). */
export const residentOnly = createMiddleware<AppEnv>(async (c, next) => {
  residentOf(c);
  await next();
});
export const staffOnly = createMiddleware<AppEnv>(async (c, next) => {
  staffOf(c);
  await next();
});
