import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { consoleLogin, consolePage } from "./console-helpers";
import { gridWorker, volunteer } from "./fixtures";
import { api, rows } from "./helpers";

const MINE = "grd_renxing_06";

/** A grid worker of `gridId`, signed in to the console. */
async function workerConsole(username: string, gridId: string) {
  await gridWorker(username, gridId);
  return consoleLogin(username, "renxing-admin");
}

/** A message for one staff member, written as notify() writes it. */
async function message(staffId: string, id: string, title: string, createdAt: number) {
  await env.DB.prepare("insert into notifications (id, staff_id, kind, event_key, title, body, page, created_at) values (?, ?, 'report_update', ?, ?, ?, ?, ?)")
    .bind(id, staffId, `test:${id}`, title, `${title}，请处理。`, "/console/reports", createdAt)
    .run();
}

const messageIds = (html: string, section: "unread" | "read") =>
  [...(new RegExp(`<section aria-labelledby="${section}-title">[\\s\\S]*?</section>`).exec(html)?.[0] ?? "").matchAll(/data-message="([^"]+)"/g)].map((m) => m[1]);
const unreadBadge = (html: string) => /data-unread="(\d+)"/.exec(html)?.[1] ?? null;

describe("console 消息: every staff member's own messages", () => {
  it("a grid worker sees only their own messages, unread first with the count in the navigation, and marks one, then all, read", async () => {
    const gw = await workerConsole("ci-gw1", MINE);
    const other = await workerConsole("ci-gw2", "grd_renxing_07");
    const t = Date.now();
    await message("stf_ci-gw1", "ntf_ci_old", "旧诉求", t - 3000);
    await message("stf_ci-gw1", "ntf_ci_mid", "中间的诉求", t - 2000);
    await message("stf_ci-gw1", "ntf_ci_new", "新诉求", t - 1000);
    await message("stf_ci-gw2", "ntf_ci_theirs", "别人的诉求", t);

    const inbox = await consolePage("/messages", { cookie: gw.cookie });
    expect(inbox.status).toBe(200);
    expect(messageIds(inbox.html, "unread")).toEqual(["ntf_ci_new", "ntf_ci_mid", "ntf_ci_old"]);
    expect(inbox.html).not.toContain("别人的诉求");
    expect(unreadBadge(inbox.html)).toBe("3");
    expect(inbox.html).toContain("3 条未读");
    // The count shows on every page, not only on 消息.
    expect(unreadBadge((await consolePage("/", { cookie: gw.cookie })).html)).toBe("3");

    // Someone else's message id changes nothing; nor does a POST without the CSRF token.
    expect((await consolePage("/messages/read", { method: "POST", cookie: gw.cookie, form: { _csrf: gw.csrf, id: "ntf_ci_theirs" } })).status).toBe(303);
    expect((await consolePage("/messages/read", { method: "POST", cookie: gw.cookie, form: { id: "ntf_ci_mid" } })).status).toBe(403);
    expect(await rows("select id from notifications where read_at is not null and id like 'ntf_ci_%'")).toEqual([]);

    const one = await consolePage("/messages/read", { method: "POST", cookie: gw.cookie, form: { _csrf: gw.csrf, id: "ntf_ci_mid" } });
    expect(one.status).toBe(303);
    expect(one.headers.get("location")).toBe("/console/messages?done=read");
    const after = await consolePage("/messages?done=read", { cookie: gw.cookie });
    expect(messageIds(after.html, "unread")).toEqual(["ntf_ci_new", "ntf_ci_old"]);
    expect(messageIds(after.html, "read")).toEqual(["ntf_ci_mid"]);
    expect(unreadBadge(after.html)).toBe("2");

    await consolePage("/messages/read", { method: "POST", cookie: gw.cookie, form: { _csrf: gw.csrf } });
    const all = await consolePage("/messages", { cookie: gw.cookie });
    expect(messageIds(all.html, "unread")).toEqual([]);
    expect(messageIds(all.html, "read")).toEqual(["ntf_ci_new", "ntf_ci_mid", "ntf_ci_old"]);
    expect(unreadBadge(all.html)).toBeNull();
    expect(all.html).toContain("没有未读消息");

    // The other worker's message is still unread, and theirs alone.
    const theirs = await consolePage("/messages", { cookie: other.cookie });
    expect(messageIds(theirs.html, "unread")).toEqual(["ntf_ci_theirs"]);
  });

  it("a visit that found no one home reaches the grid worker's 消息 as a 走访预警 linking to the elder's page", async () => {
    const admin = await consoleLogin();
    const gw = await workerConsole("ci-gw3", MINE);
    const registered = await consolePage("/care", {
      method: "POST",
      cookie: admin.cookie,
      form: {
        _csrf: admin.csrf,
        name: "何淑珍",
        gridId: MINE,
        address: "仁兴小区6号楼1单元302",
        phone: "13812340606",
        emergencyName: "何立新",
        emergencyPhone: "13912340606",
        riskLevel: "high",
        consentAt: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
      },
    });
    const id = /cre_\w+/.exec(registered.headers.get("location") ?? "")![0];
    const v = await volunteer("ci-v1", "施志愿");
    await consolePage(`/care/${id}/pairings`, { method: "POST", cookie: admin.cookie, form: { _csrf: admin.csrf, userId: v.user.id } });
    const visit = await api("POST", `/care/${id}/visits`, {
      token: v.token,
      headers: { "idempotency-key": "ci-visit-1" },
      body: { visitedAt: new Date(Date.now() - 600_000).toISOString(), minutes: 10, outcome: "no_answer", flags: [] },
    });
    expect(visit.status, visit.text).toBe(201);

    const inbox = await consolePage("/messages", { cookie: gw.cookie });
    const alert = /<li class="message"[^>]*data-kind="visit_overdue" data-read="false">[\s\S]*?<\/li>/.exec(inbox.html)?.[0];
    expect(alert).toContain("走访预警");
    expect(alert).toContain("何淑珍");
    expect(alert).toContain("敲门无人应");
    expect(alert).toContain(`href="/console/care/${id}"`);
    expect(unreadBadge(inbox.html)).toBe("1");
    // Not the admin's: the grid has a worker of its own.
    expect((await consolePage("/messages", { cookie: admin.cookie })).html).not.toContain("何淑珍");
  });
});
