import type {
  AuthMethods,
  DevLoginBody,
  Grid,
  ListBody,
  MyProfile,
  ResidentLoginResponse,
  UpdateMeBody,
  WechatLoginBody,
} from "@renxing/shared";
import { call, type CallOptions } from "./client";
import { clearToken, setToken } from "./token";

export { ApiError, goToLogin, toast } from "./client";
export { getToken } from "./token";
export { useApi, useAction } from "./hooks";

/** Typed endpoints of docs/api.md, one function each. */
export const api = {
  authMethods: () => call<AuthMethods>("GET", "/auth/methods", { auth: "optional" }),

  async devLogin(body: DevLoginBody) {
    const session = await call<ResidentLoginResponse>("POST", "/auth/dev-login", { body, auth: "optional" });
    setToken(session.token);
    return session;
  },

  async wechatLogin(body: WechatLoginBody) {
    const session = await call<ResidentLoginResponse>("POST", "/auth/wechat", { body, auth: "optional" });
    setToken(session.token);
    return session;
  },

  async logout() {
    try {
      await call<void>("POST", "/auth/logout", { auth: "optional", quiet: true });
    } finally {
      clearToken();
    }
  },

  me: (options?: Pick<CallOptions, "auth">) => call<MyProfile>("GET", "/me", options),

  updateMe: (body: UpdateMeBody) => call<MyProfile>("PUT", "/me", { body }),

  grids: () => call<ListBody<Grid>>("GET", "/grids", { auth: "optional" }),
};
