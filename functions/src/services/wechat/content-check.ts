import { ErrorCode, type ContentCheck } from "@renxing/shared";
import type { Db } from "../../db/client";
import type { Env } from "../../env";
import { ApiError } from "../../http/errors";
import { accessToken, WechatUnavailable } from "./access-token";

/**
 * WeChat's content check (`msg_sec_check` v2) of text a resident publishes, before it is saved.
 *
 * `risky` is refused with 422 `CONTENT_REJECTED`, so nothing is saved. Everything else is saved,
 * and the result says how much staff may rely on it: `pass`; `review` (WeChat is unsure) and
 * `unavailable` (WeChat unreachable, slow or answering with an error) both hold the text for a
 * person to read; `off` when `CONTENT_CHECK = "off"` (local development, where there is no WeChat).
 * A slow WeChat never holds a resident's request for more than about 3 s per try.
 *
 * The author's openid comes with their session (auth/sessions.ts), and the access token is
 * usually in the isolate's memory: checking costs no D1 round trip of its own.
 *
 * @example const check = await checkContent(db, env, { openid: resident.openid, scene: "forum", content: `${title}\n${story}` })
 */
export async function checkContent(
  db: Db,
  env: Env,
  text: { openid: string; scene: keyof typeof SCENES; content: string },
): Promise<ContentCheck> {
  if (contentCheckOff(env)) return "off";
  try {
    let token = await accessToken(db, env);
    const ask = { openid: text.openid, scene: text.scene, content: text.content };
    let answer = await msgSecCheck(env, token, ask);
    if (answer === "token") {
      token = await accessToken(db, env, { stale: token });
      answer = await msgSecCheck(env, token, ask);
    }
    if (answer === "risky") throw new ApiError(422, ErrorCode.CONTENT_REJECTED, "内容包含不适宜公开的信息，请修改后再提交");
    return answer === "pass" || answer === "review" ? answer : "unavailable";
  } catch (err) {
    if (err instanceof WechatUnavailable) return "unavailable";
    throw err;
  }
}

export const contentCheckOff = (env: Pick<Env, "CONTENT_CHECK">) => env.CONTENT_CHECK === "off";

/** WeChat's scene numbers: 1 a profile (names), 3 a forum (anything others read). */
const SCENES = { profile: 1, forum: 3 } as const;
const TIMEOUT_MS = 3000;
const TOKEN_ERRORS = new Set([40001, 42001]);

type Answer = "pass" | "review" | "risky" | "token" | "unavailable";

async function msgSecCheck(env: Env, token: string, text: { openid: string; scene: keyof typeof SCENES; content: string }): Promise<Answer> {
  const url = new URL("/wxa/msg_sec_check", env.WECHAT_API_BASE);
  url.searchParams.set("access_token", token);
  let reply: { errcode?: number; result?: { suggest?: string } };
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ version: 2, openid: text.openid, scene: SCENES[text.scene], content: text.content }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return logged("unavailable", `HTTP ${res.status}`);
    reply = await res.json();
  } catch (err) {
    return logged("unavailable", err instanceof Error && err.name === "TimeoutError" ? "timeout" : "unreachable");
  }
  const code = reply.errcode ?? 0;
  if (TOKEN_ERRORS.has(code)) return "token";
  // 61010: the resident has not opened the mini-program in the last 2 hours (a dev-login, say).
  if (code !== 0) return logged("unavailable", `errcode ${code}`);
  const suggest = reply.result?.suggest;
  return suggest === "pass" || suggest === "review" || suggest === "risky" ? suggest : logged("unavailable", `suggest ${String(suggest)}`);
}

/** Staff see the flag; the log says why WeChat could not answer, without the text. */
function logged(answer: "unavailable", reason: string): Answer {
  console.error(JSON.stringify({ msg: "content check unavailable", reason }));
  return answer;
}
