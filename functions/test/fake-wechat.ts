import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server that answers `GET /sns/jscode2session` the way WeChat does:
 * - code `ok:<openid>` → `{ openid, session_key }`
 * - any other code → `{ errcode: 40029, errmsg: "invalid code" }`
 * - a wrong appid or secret → `{ errcode: 40125, errmsg: "invalid appsecret" }`
 */
export async function startFakeWechat(expected: { appid: string; secret: string }): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    // No keep-alive: Node closes idle sockets after 5 s, and workerd reusing one just as it closes
    // answers "Network connection lost" (seen as a 502 on a loaded CI machine).
    res.setHeader("connection", "close");
    const url = new URL(req.url ?? "/", "http://fake");
    const reply = (body: object) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (url.pathname !== "/sns/jscode2session") return res.writeHead(404).end();
    const q = url.searchParams;
    if (q.get("appid") !== expected.appid || q.get("secret") !== expected.secret || q.get("grant_type") !== "authorization_code") {
      return reply({ errcode: 40125, errmsg: "invalid appsecret" });
    }
    const code = q.get("js_code") ?? "";
    if (code.startsWith("ok:")) return reply({ openid: code.slice(3), session_key: "fake-session-key" });
    return reply({ errcode: 40029, errmsg: "invalid code" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}
