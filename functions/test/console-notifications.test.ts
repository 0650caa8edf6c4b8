import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { consoleLogin, consolePage } from "./console-helpers";
import { gridWorker } from "./fixtures";
import { residentLogin, rows } from "./helpers";

/**
 * 通知 in the console: how the WeChat messages fared. Rows are written straight into the outbox
 * here: the sends themselves are the queue consumer's (notify-delivery.test.ts).
 */

const DAY = 24 * 3600_000;
let seq = 0;

/** A notification with its outbox row in `status`, `ageMs` old, to a resident called `nickname`. */
async function send(nickname: string, status: string, options: { ageMs?: number; tries?: number; lastError?: string | null; body?: string } = {}) {
  const { user } = await residentLogin(`cn-${nickname}-${++seq}`, nickname);
  const at = Date.now() - (options.ageMs ?? 60_000);
  const id = `ntf_console_${seq}`;
  await env.DB.batch([
    env.DB.prepare("insert into notifications (id, user_id, kind, event_key, title, body, page, created_at) values (?, ?, 'ride_assigned', ?, '你的送考司机安排好了', ?, '/pages/ride-mine/index', ?)").bind(
      id,
      user.id,
      `console-test:${seq}`,
      options.body ?? "司机赵师傅，电话13700007777，车牌辽A12345",
      at,
    ),
    env.DB.prepare("insert into notification_sends (notification_id, status, tries, last_error, created_at, updated_at) values (?, ?, ?, ?, ?, ?)").bind(
      id,
      status,
      options.tries ?? 1,
      options.lastError ?? null,
      at,
      at,
    ),
  ]);
  return { id, userId: user.id };
}

const countOf = (html: string, status: string) => new RegExp(`data-status="${status}"[^>]*>[^<]*<[^>]*>(\\d+)<`).exec(html)?.[1];

describe("console 通知", () => {
  it("shows an admin the last 7 days by send status, the latest sends and the dead letters, without message text or openids", async () => {
    await send("王秀英", "sent");
    await send("李建国", "sent");
    await send("张桂兰", "refused", { lastError: "43101" });
    await send("赵德明", "dead", { tries: 5, lastError: "gave up" });
    await send("老周", "sent", { ageMs: 8 * DAY });

    const { cookie } = await consoleLogin();
    const res = await consolePage("/notifications", { cookie });
    expect(res.status).toBe(200);
    expect(res.html).toContain("<h1>通知</h1>");
    expect(res.html).toContain('href="/console/notifications"');

    // The counts cover the last 7 days: the 8-day-old send is not among them.
    expect(countOf(res.html, "sent")).toBe("2");
    expect(countOf(res.html, "refused")).toBe("1");
    expect(countOf(res.html, "dead")).toBe("1");
    expect(countOf(res.html, "pending")).toBe("0");

    const latest = /<section[^>]*id="latest"[^>]*>([\s\S]*?)<\/section>/.exec(res.html)?.[1] ?? "";
    expect(latest).toContain("送考司机已确定"); // the kind's label, not the message's title
    expect(latest).toContain("用户拒收");
    expect(latest).toContain("43101");
    expect(latest).toContain("王**");
    const dead = /<section[^>]*id="dead"[^>]*>([\s\S]*?)<\/section>/.exec(res.html)?.[1] ?? "";
    expect(dead).toContain("赵**");
    expect(dead).toContain("gave up");
    expect(dead).not.toContain("王**");

    // Nothing a message said (it may carry a driver's phone), no full names, no openids.
    expect(res.html).not.toContain("13700007777");
    expect(res.html).not.toContain("你的送考司机安排好了");
    expect(res.html).not.toContain("王秀英");
    const openids = await rows<{ openid: string }>("select openid from users where nickname in ('王秀英', '赵德明')");
    for (const { openid } of openids) expect(res.html).not.toContain(openid);
  });

  it("an empty outbox says so", async () => {
    await env.DB.prepare("delete from notification_sends").run();
    const { cookie } = await consoleLogin();
    const res = await consolePage("/notifications", { cookie });
    expect(res.status).toBe(200);
    expect(res.html).toContain("最近没有发送微信消息");
    expect(res.html).toContain("没有发送失败的消息");
  });

  it("is for admins: a grid worker gets 403 and no link to it", async () => {
    await gridWorker("cn-grid", "grd_renxing_05");
    const { cookie } = await consoleLogin("cn-grid");
    const res = await consolePage("/notifications", { cookie });
    expect(res.status).toBe(403);
    expect(res.html).not.toContain('href="/console/notifications"');
    expect((await consolePage("/", { cookie })).html).not.toContain('href="/console/notifications"');
  });
});
