import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getDb } from "../src/db/client";
import type { StaffPrincipal } from "../src/env";
import { logoutStaff } from "../src/services/staff";
import { admin } from "./fixtures";
import { consoleLogin, consolePage } from "./console-helpers";
import { adminLogin, api, rows } from "./helpers";

const HOUR = 3600_000;

function taskBody(title: string, overrides: Record<string, unknown> = {}) {
  const start = Date.now() + 24 * HOUR;
  return { title, description: "审计测试用的志愿任务", location: "仁兴社区党群服务中心", startsAt: new Date(start).toISOString(), endsAt: new Date(start + HOUR).toISOString(), capacity: 3, ...overrides };
}

const auditRows = (action: string, staffId: string) => rows("select target_id, outcome from audit_log where action = ? and actor_id = ?", action, staffId);

describe("the audit log records only what happened", () => {
  it("a task refused for an unknown team leaves no task.create entry; a created one leaves exactly one", async () => {
    const staff = await adminLogin();
    const refused = await api("POST", "/admin/tasks", { token: staff.token, body: taskBody("审计：不存在的队伍", { teamId: "team_nowhere" }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("VALIDATION_FAILED");
    expect(await rows("select id from audit_log where action = 'task.create' and detail like ?", "%不存在的队伍%")).toHaveLength(0);

    const created = await api("POST", "/admin/tasks", { token: await admin(), body: taskBody("审计：正常的任务") });
    expect(created.status).toBe(201);
    expect(await rows("select target_id, outcome from audit_log where action = 'task.create' and target_id = ?", created.body.id)).toEqual([
      { target_id: created.body.id, outcome: "ok" },
    ]);
  });

  it("one session signed out by several requests at once is one staff.logout entry", async () => {
    const staff = await adminLogin();
    const results = await Promise.all(Array.from({ length: 12 }, () => api("POST", "/auth/logout", { token: staff.token })));
    expect(results.some((r) => r.status === 204)).toBe(true);
    for (const r of results) expect([204, 401]).toContain(r.status);
    expect(await auditRows("staff.logout", staff.staff.id)).toHaveLength(1);
  });

  it("a logout whose session another request already ended writes no second entry", async () => {
    const staff = await adminLogin();
    const [session] = await rows<{ token_hash: string }>("select token_hash from sessions where staff_id = ? order by created_at desc limit 1", staff.staff.id);
    const member: StaffPrincipal = { kind: "staff", id: staff.staff.id, username: "admin", displayName: "管理员", role: "admin", gridId: null, tokenHash: session!.token_hash };
    const before = (await auditRows("staff.logout", staff.staff.id)).length;
    // Both requests passed the token check before either ended the session.
    await logoutStaff(getDb(env.DB), member);
    await logoutStaff(getDb(env.DB), member);
    expect((await auditRows("staff.logout", staff.staff.id)).length - before).toBe(1);
    expect((await api("POST", "/auth/logout", { token: staff.token })).status).toBe(401);
  });

  it("the console's logout sent twice at once is one staff.logout entry", async () => {
    const { cookie, csrf } = await consoleLogin();
    const home = await consolePage("/", { cookie });
    const staffId = (await rows<{ staff_id: string }>("select staff_id from sessions where staff_id is not null order by created_at desc limit 1"))[0]!.staff_id;
    const before = (await auditRows("staff.logout", staffId)).length;
    expect(home.status).toBe(200);
    await Promise.all(Array.from({ length: 3 }, () => consolePage("/logout", { method: "POST", cookie, form: { _csrf: csrf } })));
    expect((await auditRows("staff.logout", staffId)).length - before).toBe(1);
  });
});
