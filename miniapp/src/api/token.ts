import Taro from "@tarojs/taro";

/** The bearer token, kept in Taro storage (wx storage in the mini-program, localStorage in H5). */
const TOKEN_KEY = "renxing.token";

export function getToken(): string | null {
  const token: unknown = Taro.getStorageSync(TOKEN_KEY);
  return typeof token === "string" && token ? token : null;
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token);
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_KEY);
}
