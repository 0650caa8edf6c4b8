import type { Env } from "../../env";
import { ApiError } from "../../http/errors";

/** WeChat's answer to `jscode2session`: an openid, or an `errcode`. */
interface Code2SessionReply {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

const TIMEOUT_MS = 5000;
/** errcodes that mean the code itself is bad (invalid, already used, or expired). */
const BAD_CODE = new Set([40029, 40163, 40226]);

const unavailable = () => new ApiError(502, "WECHAT_UNAVAILABLE", "暂时无法连接微信，请稍后再试");

/**
 * Exchanges a `wx.login` code for the user's openid at `${WECHAT_API_BASE}/sns/jscode2session`.
 * A bad code is 401; WeChat unreachable, slow or answering nonsense is 502 `WECHAT_UNAVAILABLE`.
 * The session_key is not kept: nothing here decrypts WeChat data yet.
 */
export async function code2Session(env: Env, code: string): Promise<{ openid: string }> {
  if (!env.WECHAT_APPID || !env.WECHAT_SECRET) {
    console.error(JSON.stringify({ msg: "WECHAT_APPID / WECHAT_SECRET are not configured" }));
    throw unavailable();
  }
  const url = new URL("/sns/jscode2session", env.WECHAT_API_BASE);
  url.search = new URLSearchParams({ appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET, js_code: code, grant_type: "authorization_code" }).toString();

  let reply: Code2SessionReply;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    reply = await res.json();
  } catch (err) {
    console.error(JSON.stringify({ msg: "jscode2session failed", error: String(err) }));
    throw unavailable();
  }

  if (reply.errcode && BAD_CODE.has(reply.errcode)) {
    throw new ApiError(401, "UNAUTHENTICATED", "微信登录凭证无效或已过期，请重新进入小程序");
  }
  if (reply.errcode === 45011) throw new ApiError(429, "RATE_LIMITED", "登录太频繁，请稍后再试");
  if (reply.errcode || !reply.openid) {
    console.error(JSON.stringify({ msg: "jscode2session refused", errcode: reply.errcode, errmsg: reply.errmsg }));
    throw unavailable();
  }
  return { openid: reply.openid };
}
