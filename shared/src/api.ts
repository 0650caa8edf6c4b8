import type { Me, ResidentRole } from "./schemas/auth";

/**
 * Response shapes of the HTTP contract that clients read beyond the core schemas
 * (docs/api.md). The mini-program's API client is typed with these.
 */

/** GET /auth/methods: which sign-in screens a client may offer. */
export interface AuthMethods {
  wechat: boolean;
  /** false in production: the dev sign-in screen must not be shown then. */
  devLogin: boolean;
}

/** GET /me and PUT /me as the owner sees them: the full phone and the grid's name as well. */
export interface MyProfile extends Me {
  phone: string | null;
  gridName: string | null;
}

/** What a resident reads for each role (the API speaks the codes). */
export const RESIDENT_ROLE_LABELS: Record<ResidentRole, string> = {
  resident: "居民",
  volunteer: "志愿者",
  driver: "爱心司机",
  partner: "共建单位代表",
  representative: "居民代表",
};
