import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server that plays WeChat's API for the tests. Test files run in parallel against one
 * server, so every scripted behaviour is chosen by something the test owns (an openid, an appid,
 * a token, a word in the text) rather than by shared switches.
 *
 * - `GET /sns/jscode2session`: code `ok:<openid>` → `{ openid, session_key }`; any other code →
 *   40029; a wrong secret → 40125.
 * - `POST /cgi-bin/stable_token`: any appid starting `wx-` with the configured secret gets a fresh
 *   token (`expires_in` 7200); calls are counted per appid (`GET /__calls?appid=`). An appid
 *   containing `slowtoken` waits 300 ms first.
 * - `POST /cgi-bin/message/subscribe/send?access_token=`: records the body per `touser`
 *   (`GET /__sent?touser=`) and answers by the openid: containing `refuses` → 43101, `broken` →
 *   HTTP 502, `slowsend` → answers after 8 s, otherwise `{ errcode: 0 }`. A token marked expired
 *   (`POST /__expire { token }`) or never issued → 40001.
 * - `POST /wxa/msg_sec_check?access_token=`: content containing `【违规】` → suggest `risky`,
 *   `【待审】` → `review`, `【超时】` → answers after 8 s, otherwise `pass`.
 */
export async function startFakeWechat(expected: { appid: string; secret: string }): Promise<{ url: string; server: Server }> {
  const issued = new Set<string>();
  const expired = new Set<string>();
  const tokenCalls = new Map<string, number>();
  const sent = new Map<string, unknown[]>();
  let counter = 0;

  const server = createServer(async (req, res) => {
    // No keep-alive: Node closes idle sockets after 5 s, and workerd reusing one just as it closes
    // answers "Network connection lost" (seen as a 502 on a loaded CI machine).
    res.setHeader("connection", "close");
    const url = new URL(req.url ?? "/", "http://fake");
    const reply = (body: object, status = 200) => {
      if (!res.headersSent) res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const q = url.searchParams;
    const tokenOk = () => {
      const token = q.get("access_token") ?? "";
      return issued.has(token) && !expired.has(token);
    };

    switch (`${req.method} ${url.pathname}`) {
      case "GET /sns/jscode2session": {
        if (q.get("appid") !== expected.appid || q.get("secret") !== expected.secret || q.get("grant_type") !== "authorization_code") {
          return reply({ errcode: 40125, errmsg: "invalid appsecret" });
        }
        const code = q.get("js_code") ?? "";
        if (code.startsWith("ok:")) return reply({ openid: code.slice(3), session_key: "fake-session-key" });
        return reply({ errcode: 40029, errmsg: "invalid code" });
      }
      case "POST /cgi-bin/stable_token": {
        const body = (await json(req)) as { grant_type?: string; appid?: string; secret?: string; force_refresh?: boolean };
        if (body.grant_type !== "client_credential" || !body.appid?.startsWith("wx-") || body.secret !== expected.secret) {
          return reply({ errcode: 40125, errmsg: "invalid appsecret" });
        }
        tokenCalls.set(body.appid, (tokenCalls.get(body.appid) ?? 0) + 1);
        if (body.appid.includes("slowtoken")) await sleep(300);
        const token = `tok-${body.appid}-${++counter}`;
        issued.add(token);
        return reply({ access_token: token, expires_in: 7200 });
      }
      case "POST /cgi-bin/message/subscribe/send": {
        const body = (await json(req)) as { touser?: string };
        if (!tokenOk()) return reply({ errcode: 40001, errmsg: "invalid credential" });
        const touser = body.touser ?? "";
        sent.set(touser, [...(sent.get(touser) ?? []), body]);
        if (touser.includes("refuses")) return reply({ errcode: 43101, errmsg: "user refuse to accept the msg" });
        if (touser.includes("broken")) return reply({ errmsg: "bad gateway" }, 502);
        if (touser.includes("slowsend")) await sleep(8000);
        return reply({ errcode: 0, errmsg: "ok" });
      }
      case "POST /wxa/msg_sec_check": {
        const body = (await json(req)) as { version?: number; content?: string; openid?: string; scene?: number };
        if (!tokenOk()) return reply({ errcode: 40001, errmsg: "invalid credential" });
        if (body.version !== 2 || !body.openid || !body.scene) return reply({ errcode: 47001, errmsg: "data format error" });
        const content = body.content ?? "";
        if (content.includes("【超时】")) await sleep(8000);
        const suggest = content.includes("【违规】") ? "risky" : content.includes("【待审】") ? "review" : "pass";
        return reply({ errcode: 0, errmsg: "ok", result: { suggest, label: suggest === "pass" ? 100 : 20001 }, detail: [] });
      }
      // Test-only controls and records.
      case "GET /__calls":
        return reply({ calls: tokenCalls.get(q.get("appid") ?? "") ?? 0 });
      case "GET /__sent":
        return reply({ sent: sent.get(q.get("touser") ?? "") ?? [] });
      case "POST /__expire": {
        const body = (await json(req)) as { token?: string };
        if (body.token) expired.add(body.token);
        return reply({ ok: true });
      }
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function json(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  } catch {
    return {};
  }
}
