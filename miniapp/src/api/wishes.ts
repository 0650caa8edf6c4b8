import Taro from "@tarojs/taro";
import type {
  ClaimWishBody,
  ConfirmWishBody,
  FulfilWishBody,
  ListBody,
  PublicWish,
  WishBody,
  WishCategory,
  WishDetail,
} from "@renxing/shared";
import { ApiError, call, goToLogin } from "./client";
import { API_BASE } from "./config";
import { clearToken, getToken } from "./token";

const wishPath = (id: string, action = "") => `/wishes/${encodeURIComponent(id)}${action ? `/${action}` : ""}`;

/** 微心愿 endpoints of the contract's "Micro-wishes" section, plus /me/wishes, /me/claimed-wishes and /uploads. */
export const wishesApi = {
  wall: (category?: WishCategory) =>
    call<ListBody<PublicWish>>("GET", `/wishes?limit=100${category ? `&category=${category}` : ""}`, { auth: "optional" }),

  get: (id: string) => call<WishDetail>("GET", wishPath(id), { auth: "optional" }),

  /** `quiet`: the form shows field problems inline and the rest itself. */
  post: (body: WishBody) => call<{ id: string; status: "pending_review" }>("POST", "/wishes", { body, quiet: true }),

  mine: () => call<ListBody<WishDetail>>("GET", "/me/wishes"),

  claimedByMe: () => call<ListBody<WishDetail>>("GET", "/me/claimed-wishes"),

  claim: (id: string, body: ClaimWishBody = {}) => call<WishDetail>("POST", wishPath(id, "claim"), { body }),

  release: (id: string) => call<WishDetail>("POST", wishPath(id, "release"), { body: {} }),

  fulfil: (id: string, body: FulfilWishBody) => call<WishDetail>("POST", wishPath(id, "fulfil"), { body, quiet: true }),

  confirm: (id: string, body: ConfirmWishBody) => call<WishDetail>("POST", wishPath(id, "confirm"), { body }),

  cancel: (id: string) => call<WishDetail>("POST", wishPath(id, "cancel"), { body: {} }),

  /**
   * One photo from `Taro.chooseImage` to POST /uploads (multipart field `file`) → its URL.
   * Taro.uploadFile is not Taro.request, so the token and the error body are handled here.
   */
  async uploadPhoto(filePath: string): Promise<string> {
    const token = getToken();
    let result: Taro.uploadFile.SuccessCallbackResult;
    try {
      result = await Taro.uploadFile({
        url: `${API_BASE}/uploads`,
        filePath,
        name: "file",
        header: token ? { authorization: `Bearer ${token}` } : {},
      });
    } catch {
      throw new ApiError(0, "NETWORK", "照片上传失败，请检查网络后再试");
    }
    let body: { url?: string; error?: { code: string; message: string } } = {};
    try {
      body = typeof result.data === "string" ? JSON.parse(result.data) : (result.data as typeof body);
    } catch {
      body = {};
    }
    if (result.statusCode === 401) {
      clearToken();
      goToLogin();
    }
    if (result.statusCode === 201 && body.url) return body.url;
    throw new ApiError(result.statusCode, body.error?.code ?? "INTERNAL", body.error?.message ?? "照片上传失败，请稍后再试");
  },
};
