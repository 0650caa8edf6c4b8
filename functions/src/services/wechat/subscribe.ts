import type { Env } from "../../env";

const TIMEOUT_MS = 5000;

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
}

/**
 * What became of one send: `sent`; `refused` (43101, the user withdrew consent: the grant is
 * spent and retrying cannot help); `token` (40001/42001: the access token went stale); `retry`
 * (WeChat busy, unreachable or slow); `failed` (anything else: a bad openid or template, which
 * retrying would only repeat).
 */
export type SendOutcome = { outcome: "sent" } | { outcome: "refused" | "token" | "retry" | "failed"; error: string };

const TOKEN_ERRORS = new Set([40001, 42001]);
/** -1 system busy, 45009 daily limit reached (resets), 45011 too frequent. */
const TRANSIENT_ERRORS = new Set([-1, 45009, 45011]);

export async function sendSubscribeMessage(env: Env, token: string, message: SubscribeMessage): Promise<SendOutcome> {
  const url = new URL("/cgi-bin/message/subscribe/send", env.WECHAT_API_BASE);
  url.searchParams.set("access_token", token);
  let reply: { errcode?: number };
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...message, miniprogram_state: env.WECHAT_MINIPROGRAM_STATE || "formal", lang: "zh_CN" }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return { outcome: "retry", error: `HTTP ${res.status}` };
    reply = await res.json();
  } catch (err) {
    return { outcome: "retry", error: err instanceof Error && err.name === "TimeoutError" ? "timeout" : "unreachable" };
  }
  const code = reply.errcode ?? 0;
  if (code === 0) return { outcome: "sent" };
  const error = String(code);
  if (code === 43101) return { outcome: "refused", error };
  if (TOKEN_ERRORS.has(code)) return { outcome: "token", error };
  if (TRANSIENT_ERRORS.has(code)) return { outcome: "retry", error };
  return { outcome: "failed", error };
}
