import type { StaffRole } from "@renxing/shared";
import type { NotifyMessage } from "./services/notifications/outbox";

/** Bindings from wrangler.toml (`[vars]`, `[[d1_databases]]`) and Worker secrets. */
export interface Env {
  DB: D1Database;
  /** R2 bucket for residents' photos (wish fulfilment). */
  MEDIA: R2Bucket;
  /**
   * "development" or "test" turn on development-only things (dev-login, a plain-http console
   * cookie); anything else, unset included, is production. See `isDevelopment`.
   */
  ENVIRONMENT?: string;
  /** Base URL of WeChat's API; tests point it at a local fake. */
  WECHAT_API_BASE: string;
  /** Secrets: `wrangler secret put WECHAT_APPID` / `WECHAT_SECRET`, or `.dev.vars` locally. */
  WECHAT_APPID?: string;
  WECHAT_SECRET?: string;
  /**
   * The staff console Worker (wrangler.console.toml), bound in the main Worker only: /console and
   * /console/* go there with the path kept.
   */
  CONSOLE: Fetcher;
  /** Producer of the queue whose consumer sends WeChat subscribe messages (wrangler.toml). */
  NOTIFY?: Queue<NotifyMessage>;
  /**
   * Subscribe-message templates by notification kind, as JSON:
   * `{ "wish_claimed": { "id": "<template id>", "data": { "thing1": "title", "time2": "time" } } }`
   * (`data` maps the template's keywords to the notification's values). A kind without one is
   * in-app only; unset means in-app only for everything.
   */
  WECHAT_TEMPLATES?: string;
  /** `formal` (default), `trial` or `developer`: which build of the mini-program a message opens. */
  WECHAT_MINIPROGRAM_STATE?: string;
  /** `off` skips WeChat's content check (local development only); anything else checks. */
  CONTENT_CHECK?: string;
}

export interface ResidentPrincipal {
  kind: "user";
  id: string;
  /** WeChat's id of the resident (`dev:…` for a development sign-in). */
  openid: string;
  tokenHash: string;
}

export interface StaffPrincipal {
  kind: "staff";
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  gridId: string | null;
  tokenHash: string;
}

export type Principal = ResidentPrincipal | StaffPrincipal;

export interface AppEnv {
  Bindings: Env;
  Variables: {
    principal: Principal;
    /** Set for every request by http/request-id.ts; on the response and on every log line. */
    requestId: string;
  };
}

export { isDevelopment } from "./lib/environment";
