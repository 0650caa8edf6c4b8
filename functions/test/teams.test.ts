import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, adminLogin, residentLogin, rows } from "./helpers";

const application = (overrides: Record<string, unknown> = {}) => ({
  realName: "王秀兰",
  phone: "13912345678",
  birthYear: 1962,
  skills: ["做饭", "聊天"],
  availability: "周一到周五上午",
  motivation: "退休在家，想帮帮独居的老邻居",
  ...overrides,
});

async function teamByName(name: string) {
  const { body } = await api("GET", "/teams");
  return body.items.find((t: { name: string }) => t.name === name);
}

async function decide(adminToken: string, id: string, decision: object) {
  return api("POST", `/admin/applications/${id}/decision`, { token: adminToken, body: decision });
}

describe("teams", () => {
  it("lists the three seeded teams with slogans, member counts and birth-year limits", async () => {
    const res = await api("GET", "/teams");
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { name: string }) => t.name)).toEqual(["薪火青年团", "6070分队", "马仁兴志愿者服务队"]);
    const t6070 = res.body.items[1];
    expect(t6070).toMatchObject({ slogan: expect.any(String), description: expect.any(String), memberCount: 0, minBirthYear: 1950, maxBirthYear: 1979 });
    expect((await api("GET", `/teams/${t6070.id}`)).body).toEqual(t6070);
    expect((await api("GET", "/teams/team_nope")).status).toBe(404);
  });

  it("someone born outside a team's years gets 422 NOT_ELIGIBLE and nothing is written", async () => {
    const team = await teamByName("6070分队");
    const { token, user } = await residentLogin("too-young");
    const res = await api("POST", `/teams/${team.id}/applications`, { token, body: application({ birthYear: 1995 }) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("NOT_ELIGIBLE");
    expect(res.body.error.message).toContain("1950–1979");
    expect(await rows("select id from team_applications where user_id = ?", user.id)).toHaveLength(0);
  });

  it("a bad application is 400 with each field, and writes nothing", async () => {
    const team = await teamByName("马仁兴志愿者服务队");
    const { token, user } = await residentLogin("sloppy");
    const res = await api("POST", `/teams/${team.id}/applications`, { token, body: application({ phone: "123", birthYear: "1960", availability: "" }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(["availability", "birthYear", "phone"]);
    expect(await rows("select id from team_applications where user_id = ?", user.id)).toHaveLength(0);
  });

  it("applying twice while pending is 409 ALREADY_APPLIED", async () => {
    const team = await teamByName("马仁兴志愿者服务队");
    const { token } = await residentLogin("eager");
    const first = await api("POST", `/teams/${team.id}/applications`, { token, body: application() });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.stringMatching(/^app_/), status: "pending" });
    const second = await api("POST", `/teams/${team.id}/applications`, { token, body: application() });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("ALREADY_APPLIED");
  });

  it("identical applications sent at the same moment create one row", async () => {
    const team = await teamByName("马仁兴志愿者服务队");
    const { token, user } = await residentLogin("double-tap");
    const results = await Promise.all(Array.from({ length: 8 }, () => api("POST", `/teams/${team.id}/applications`, { token, body: application() })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await rows("select id from team_applications where user_id = ?", user.id)).toHaveLength(1);
  });

  it("a repeat with the same Idempotency-Key returns the first response and creates nothing", async () => {
    const team = await teamByName("马仁兴志愿者服务队");
    const { token, user } = await residentLogin("flaky-network");
    const headers = { "idempotency-key": "apply-1" };
    const first = await api("POST", `/teams/${team.id}/applications`, { token, body: application(), headers });
    const again = await api("POST", `/teams/${team.id}/applications`, { token, body: application(), headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await rows("select id from team_applications where user_id = ?", user.id)).toHaveLength(1);
  });

  it("approval makes the applicant a volunteer; applying again as a member is 409 ALREADY_MEMBER", async () => {
    const team = await teamByName("6070分队");
    const { token } = await residentLogin("joiner");
    const applied = await api("POST", `/teams/${team.id}/applications`, { token, body: application() });
    const admin = await adminLogin();

    const pending = await api("GET", "/admin/applications?status=pending", { token: admin.token });
    expect(pending.status).toBe(200);
    const mine = pending.body.items.find((a: { id: string }) => a.id === applied.body.id);
    expect(mine).toMatchObject({ status: "pending", team: { name: "6070分队" }, applicant: { realName: "王秀兰", phone: "13912345678", birthYear: 1962 }, skills: ["做饭", "聊天"] });

    const approved = await decide(admin.token, applied.body.id, { approve: true });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: applied.body.id, status: "approved", decidedAt: expect.stringMatching(/\+08:00$/) });

    const me = (await api("GET", "/me", { token })).body;
    expect(me.roles).toEqual(["resident", "volunteer"]);
    expect(me.teams).toEqual([{ id: team.id, name: "6070分队" }]);
    expect((await api("GET", `/teams/${team.id}`)).body.memberCount).toBe(1);

    const again = await api("POST", `/teams/${team.id}/applications`, { token, body: application() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_MEMBER");

    const audit = await rows("select action, outcome, target_id from audit_log where action like 'application.%'");
    expect(audit).toContainEqual({ action: "application.approve", outcome: "ok", target_id: applied.body.id });
  });

  it("rejecting needs a reason (400); the applicant sees the status and the reason", async () => {
    const team = await teamByName("马仁兴志愿者服务队");
    const { token } = await residentLogin("rejected-one");
    const applied = await api("POST", `/teams/${team.id}/applications`, { token, body: application() });
    const admin = await adminLogin();
    const noReason = await decide(admin.token, applied.body.id, { approve: false });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([{ field: "reason", message: "不通过时请填写原因" }]);
    expect((await rows("select status from team_applications where id = ?", applied.body.id))[0]).toEqual({ status: "pending" });

    const rejected = await decide(admin.token, applied.body.id, { approve: false, reason: "本期名额已满，请下月再报" });
    expect(rejected.status).toBe(200);
    const mine = await api("GET", "/me/applications", { token });
    expect(mine.body.items).toEqual([expect.objectContaining({ id: applied.body.id, status: "rejected", reason: "本期名额已满，请下月再报", team: { id: team.id, name: team.name } })]);
  });

  it("deciding twice is 409 INVALID_TRANSITION, and two admins deciding at once: exactly one wins", async () => {
    const team = await teamByName("马仁兴志愿者服务队");
    const { token } = await residentLogin("decided-twice");
    const applied = await api("POST", `/teams/${team.id}/applications`, { token, body: application() });
    const admin = await adminLogin();
    const both = await Promise.all([decide(admin.token, applied.body.id, { approve: true }), decide(admin.token, applied.body.id, { approve: false, reason: "重复" })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe("INVALID_TRANSITION");
    const audits = await rows("select action from audit_log where target_id = ?", applied.body.id);
    expect(audits).toHaveLength(1);
    const later = await decide(admin.token, applied.body.id, { approve: true });
    expect(later.status).toBe(409);
    expect((await decide(admin.token, "app_missing", { approve: true })).status).toBe(404);
  });

  it("residents and grid workers may not review applications (403)", async () => {
    const { token } = await residentLogin("nosy");
    expect((await api("GET", "/admin/applications", { token })).status).toBe(403);
    await env.DB.prepare("insert into staff (id, username, display_name, password_hash, role, created_at) select 'stf_gw', 'gw', '网格员', password_hash, 'grid_worker', 0 from staff where username = 'admin'").run();
    const gw = await api("POST", "/auth/staff-login", { body: { username: "gw", password: "renxing-admin" } });
    const list = await api("GET", "/admin/applications", { token: gw.body.token });
    expect(list.status).toBe(403);
    const decision = await decide(gw.body.token, "app_whatever", { approve: true });
    expect(decision.status).toBe(403);
  });

  it("leaving the last team removes the volunteer role; leaving a team you are not in is 404", async () => {
    const a = await teamByName("马仁兴志愿者服务队");
    const b = await teamByName("6070分队");
    const { token } = await residentLogin("leaver");
    const admin = await adminLogin();
    for (const team of [a, b]) {
      const applied = await api("POST", `/teams/${team.id}/applications`, { token, body: application() });
      await decide(admin.token, applied.body.id, { approve: true });
    }
    expect((await api("GET", "/me", { token })).body.teams).toHaveLength(2);
    expect((await api("DELETE", `/teams/${a.id}/membership`, { token })).status).toBe(204);
    expect((await api("GET", "/me", { token })).body.roles).toEqual(["resident", "volunteer"]);
    expect((await api("DELETE", `/teams/${b.id}/membership`, { token })).status).toBe(204);
    const me = (await api("GET", "/me", { token })).body;
    expect(me.roles).toEqual(["resident"]);
    expect(me.teams).toEqual([]);
    const again = await api("DELETE", `/teams/${b.id}/membership`, { token });
    expect(again.status).toBe(404);
    // They may apply again after leaving.
    expect((await api("POST", `/teams/${b.id}/applications`, { token, body: application() })).status).toBe(201);
  });

  it("admin lists page with limit and cursor, and reject a bad status filter with 400", async () => {
    const admin = await adminLogin();
    const team = await teamByName("马仁兴志愿者服务队");
    for (let i = 0; i < 3; i++) {
      const { token } = await residentLogin(`pager-${i}`);
      await api("POST", `/teams/${team.id}/applications`, { token, body: application() });
    }
    const page1 = await api("GET", "/admin/applications?limit=2", { token: admin.token });
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await api("GET", `/admin/applications?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`, { token: admin.token });
    const ids = [...page1.body.items, ...page2.body.items].map((a: { id: string }) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await api("GET", "/admin/applications?status=maybe", { token: admin.token })).status).toBe(400);
    expect((await api("GET", "/admin/applications?limit=500", { token: admin.token })).status).toBe(400);
  });
});
