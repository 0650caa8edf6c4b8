import Taro from "@tarojs/taro";
import type { ErrorBody, ErrorDetail } from "@renxing/shared";
import { API_BASE } from "./config";
import { clearToken, getToken } from "./token";

/** A failed call, in the contract's terms: `message` is Chinese and meant for the resident. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Method = "GET" | "POST" | "PUT" | "DELETE";
type ResponseData = Record<string, unknown> | string;

export interface CallOptions {
  body?: unknown;
  /**
   * "required" (default): a 401 clears the token and sends the resident to the login page.
   * "optional": a 401 only clears the token (pages that also work signed out).
   */
  auth?: "required" | "optional";
  /** Do not toast the error: the caller shows it itself (e.g. inline under a field). */
  quiet?: boolean;
}

export const LOGIN_PAGE = "/pages/login/index";
let redirectingToLogin = false;

/** Sends the resident to log in once, remembering where to come back to. */
export function goToLogin(): void {
  if (redirectingToLogin) return;
  const pages = Taro.getCurrentPages();
  const current = pages[pages.length - 1];
  const route = current?.route ? `/${current.route.replace(/^\//, "")}` : "";
  if (route === LOGIN_PAGE) return;
  redirectingToLogin = true;
  const url = route ? `${LOGIN_PAGE}?redirect=${encodeURIComponent(route)}` : LOGIN_PAGE;
  void Taro.navigateTo({ url }).finally(() => {
    redirectingToLogin = false;
  });
}

export function toast(message: string): void {
  void Taro.showToast({ title: message, icon: "none", duration: 2500 });
}

function isErrorBody(data: unknown): data is ErrorBody {
  const error = (data as ErrorBody | null)?.error;
  return typeof error === "object" && error !== null && typeof error.code === "string" && typeof error.message === "string";
}

/**
 * The one way the mini-program talks to the API: JSON in and out, bearer token from storage,
 * errors turned into `ApiError` (and a toast with the server's Chinese message).
 *
 * @example const me = await call<MyProfile>("GET", "/me")
 */
export async function call<T>(method: Method, path: string, options: CallOptions = {}): Promise<T> {
  const token = getToken();
  const header: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) header["content-type"] = "application/json";
  if (token) header.authorization = `Bearer ${token}`;

  let response: Taro.request.SuccessCallbackResult<ResponseData>;
  try {
    response = await Taro.request<ResponseData>({
      url: API_BASE + path,
      method,
      header,
      data: options.body as Taro.request.Option["data"],
      dataType: "json",
      timeout: 15000,
    });
  } catch {
    const error = new ApiError(0, "NETWORK", "网络连接失败，请检查网络后再试");
    if (!options.quiet) toast(error.message);
    throw error;
  }

  const { statusCode, data } = response;
  if (statusCode >= 200 && statusCode < 300) return (statusCode === 204 ? undefined : data) as T;

  const error = isErrorBody(data)
    ? new ApiError(statusCode, data.error.code, data.error.message, data.error.details)
    : new ApiError(statusCode, "INTERNAL", "服务器开小差了，请稍后再试");
  if (statusCode === 401) {
    clearToken();
    if ((options.auth ?? "required") === "required") goToLogin();
    throw error;
  }
  if (!options.quiet) toast(error.message);
  throw error;
}
