import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../src/db/client";
import type { ResidentPrincipal } from "../src/env";
import { autoCheckOut, checkIn, checkOut } from "../src/services/tasks";
import { admin, volunteer } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function newTask(overrides: Record<string, unknown> = {}, startsInMin = 10, lengthMin = 60) {
  const start = Date.now() + startsInMin * MIN;
  const res = await api("POST", "/admin/tasks", {
    token: await admin(),
    body: { title: "走访独居老人", description: "两人一组上门看望独居老人，帮忙打扫、聊聊天", location: "仁兴社区党群服务中心", startsAt: iso(start), endsAt: iso(start + lengthMin * MIN), capacity: 10, ...overrides },
  });
  if (res.status !== 201) throw new Error(res.text);
  return res.body as { id: string; checkInCode: string; checkInQr: string; startsAt: string };
}

const principal = (user: { id: string }): ResidentPrincipal => ({ kind: "user", id: user.id, openid: "", tokenHash: "" });

describe("service tasks", () => {
  it("an admin creates a task with a 6-digit code; the public list shows places, never the code", async () => {
    const task = await newTask();
    expect(task.checkInCode).toMatch(/^\d{6}$/);
    expect(task.checkInQr).toBe(`renxing-checkin:${task.id}:${task.checkInCode}`);
    const list = await api("GET", "/tasks");
    const item = list.body.items.find((t: { id: string }) => t.id === task.id);
    expect(item).toMatchObject({ title: "走访独居老人", capacity: 10, signedUpCount: 0, teamId: null, mySignup: null });
    expect(list.text).not.toContain(task.checkInCode);
    const { token } = await residentLogin("task-stranger");
    expect((await api("POST", "/admin/tasks", { token, body: {} })).status).toBe(403);
  });

  it("30 parallel sign-ups for 10 places: exactly 10 get in, the rest 409 TASK_FULL", async () => {
    const task = await newTask();
    const vols = [];
    for (let i = 0; i < 30; i++) vols.push(await volunteer(`signup-${i}`));
    const results = await Promise.all(vols.map((v) => api("POST", `/tasks/${task.id}/signup`, { token: v.token })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const full = results.filter((r) => r.status === 409);
    expect(full).toHaveLength(20);
    for (const r of full) expect(r.body.error.code).toBe("TASK_FULL");
    expect(await rows("select count(*) as n from task_signups where task_id = ? and status = 'signed_up'", task.id)).toEqual([{ n: 10 }]);
    expect((await api("GET", `/tasks/${task.id}`)).body.signedUpCount).toBe(10);
  });

  it("signing up twice is 409 ALREADY_SIGNED_UP; withdrawing frees the place", async () => {
    const task = await newTask({ capacity: 1 });
    const a = await volunteer("twice-a");
    const b = await volunteer("twice-b");
    expect((await api("POST", `/tasks/${task.id}/signup`, { token: a.token })).status).toBe(201);
    expect((await api("POST", `/tasks/${task.id}/signup`, { token: a.token })).body.error.code).toBe("ALREADY_SIGNED_UP");
    expect((await api("POST", `/tasks/${task.id}/signup`, { token: b.token })).body.error.code).toBe("TASK_FULL");
    expect((await api("DELETE", `/tasks/${task.id}/signup`, { token: a.token })).status).toBe(204);
    expect((await api("POST", `/tasks/${task.id}/signup`, { token: b.token })).status).toBe(201);
  });

  it("a task limited to one team refuses other volunteers (403); residents who are not volunteers too", async () => {
    const task = await newTask({ teamId: "team_6070" });
    const outsider = await volunteer("other-team");
    const res = await api("POST", `/tasks/${task.id}/signup`, { token: outsider.token });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("6070分队");
    const plain = await residentLogin("no-team");
    expect((await api("POST", `/tasks/${task.id}/signup`, { token: plain.token })).body.error.code).toBe("NOT_A_VOLUNTEER");
  });

  it("check-in needs the right code (wrong code 422) and the window (not 30+ minutes early)", async () => {
    const task = await newTask();
    const v = await volunteer("checker");
    await api("POST", `/tasks/${task.id}/signup`, { token: v.token });
    const wrongCode = task.checkInCode === "000000" ? "111111" : "000000";
    const wrong = await api("POST", `/tasks/${task.id}/check-in`, { token: v.token, body: { code: wrongCode } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe("WRONG_CHECK_IN_CODE");
    expect((await api("POST", `/tasks/${task.id}/check-in`, { token: v.token, body: { code: "12ab" } })).status).toBe(400);
    const ok = await api("POST", `/tasks/${task.id}/check-in`, { token: v.token, body: { code: task.checkInCode } });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe("checked_in");

    const later = await newTask({}, 120);
    await api("POST", `/tasks/${later.id}/signup`, { token: v.token });
    const early = await api("POST", `/tasks/${later.id}/check-in`, { token: v.token, body: { code: later.checkInCode } });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe("CHECK_IN_NOT_OPEN");
    // …and after the end it is closed too.
    const closed = await checkIn(getDb(env.DB), principal(v.user), later.id, { code: later.checkInCode }, Date.now() + 200 * MIN).catch((e) => e);
    expect(closed.code).toBe("CHECK_IN_CLOSED");
  });

  it("check-out credits time in, capped at the task length + 30 minutes, into /me/hours once", async () => {
    const task = await newTask({}, 10, 60);
    const v = await volunteer("long-stayer");
    await api("POST", `/tasks/${task.id}/signup`, { token: v.token });
    const start = Date.parse(task.startsAt);
    const db = getDb(env.DB);
    await checkIn(db, principal(v.user), task.id, { code: task.checkInCode }, start - 5 * MIN);
    const out = await checkOut(db, principal(v.user), task.id, start + 5 * 60 * MIN);
    expect(out).toEqual({ status: "checked_out", creditedMinutes: 90 });
    const again = await api("POST", `/tasks/${task.id}/check-out`, { token: v.token });
    expect(again.status).toBe(409);
    const hours = (await api("GET", "/me/hours", { token: v.token })).body;
    expect(hours.totalMinutes).toBe(90);
    expect(hours.records).toEqual([{ source: "task", minutes: 90, title: "志愿任务：走访独居老人", at: expect.stringMatching(/\+08:00$/) }]);
  });

  it("a short stay is credited as it was, a started minute counting whole; checking out before checking in is 409", async () => {
    const task = await newTask();
    const v = await volunteer("short-stayer");
    await api("POST", `/tasks/${task.id}/signup`, { token: v.token });
    expect((await api("POST", `/tasks/${task.id}/check-out`, { token: v.token })).status).toBe(409);
    const start = Date.parse(task.startsAt);
    const db = getDb(env.DB);
    await checkIn(db, principal(v.user), task.id, { code: task.checkInCode }, start);
    expect(await checkOut(db, principal(v.user), task.id, start + 25 * MIN + 1000)).toEqual({ status: "checked_out", creditedMinutes: 26 });
  });

  it("the auto check-out job closes forgotten check-ins 2 hours after the end, crediting up to the cap", async () => {
    const task = await newTask({}, 10, 60);
    const forgetful = await volunteer("forgetful");
    const tidy = await volunteer("tidy");
    for (const v of [forgetful, tidy]) await api("POST", `/tasks/${task.id}/signup`, { token: v.token });
    const start = Date.parse(task.startsAt);
    const db = getDb(env.DB);
    await checkIn(db, principal(forgetful.user), task.id, { code: task.checkInCode }, start + 10 * MIN);
    const end = start + 60 * MIN;
    const statusOf = async () => (await rows<{ status: string }>("select status from task_signups where task_id = ? and user_id = ?", task.id, forgetful.user.id))[0]!.status;
    await autoCheckOut(db, end + 60 * MIN); // only an hour after the end: not yet
    expect(await statusOf()).toBe("checked_in");
    expect((await autoCheckOut(db, end + 2 * 60 * MIN)).checkedOut).toBeGreaterThanOrEqual(1);
    expect(await rows("select user_id, status, credited_minutes, checked_out_by from task_signups where task_id = ? order by status", task.id)).toEqual([
      { user_id: forgetful.user.id, status: "checked_out", credited_minutes: 50, checked_out_by: "auto" },
      { user_id: tidy.user.id, status: "signed_up", credited_minutes: null, checked_out_by: null },
    ]);
    expect((await api("GET", "/me/hours", { token: forgetful.token })).body.totalMinutes).toBe(50);
    expect((await autoCheckOut(db, end + 3 * 60 * MIN)).checkedOut).toBe(0);
  });
});

describe("hours for the office", () => {
  it("manual hours are audited and show in /me/hours; only admins add them", async () => {
    const v = await volunteer("backfilled", "孙志愿");
    const res = await api("POST", "/admin/hours", { token: await admin(), body: { userId: v.user.id, minutes: 45, title: "春节慰问（补录）", at: "2026-02-10T10:00:00+08:00" } });
    expect(res.status).toBe(201);
    expect((await api("GET", "/me/hours", { token: v.token })).body.records).toContainEqual({ source: "manual", minutes: 45, title: "春节慰问（补录）", at: "2026-02-10T10:00:00.000+08:00" });
    expect(await rows("select action from audit_log where action = 'hours.manual' and target_id = ?", v.user.id)).toHaveLength(1);
    expect((await api("POST", "/admin/hours", { token: v.token, body: { userId: v.user.id, minutes: 600, title: "自己加的", at: "2026-02-10T10:00:00+08:00" } })).status).toBe(403);
  });

  it("the CSV starts with a BOM, has the columns of api.md, and neutralises formulas", async () => {
    const v = await volunteer("csv-vol", "=HYPERLINK(\"x\")");
    await api("POST", "/admin/hours", { token: await admin(), body: { userId: v.user.id, minutes: 30, title: "清扫楼道, 贴春联", at: new Date().toISOString() } });
    const res = await api("GET", "/admin/hours.csv", { token: await admin() });
    expect(res.status).toBe(200);
    const raw = new Uint8Array(await (await exports.default.fetch(new Request("http://localhost/api/v1/admin/hours.csv", { headers: { authorization: `Bearer ${await admin()}` } }))).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM Excel looks for
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="service-hours_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("volunteer,team,source,title,date,minutes");
    const row = lines.find((l) => l.includes("清扫楼道"));
    expect(row).toMatch(/^"'=HYPERLINK\(""x""\)",马仁兴志愿者服务队,manual,"清扫楼道, 贴春联",\d{4}-\d{2}-\d{2},30$/);
    expect((await api("GET", "/admin/hours.csv?from=2020-01-01&to=2020-01-31", { token: await admin() })).text.replace(/^\uFEFF/, "")).toBe("volunteer,team,source,title,date,minutes\r\n");
    expect((await api("GET", "/admin/hours.csv?from=2027-01-01&to=2026-01-01", { token: await admin() })).status).toBe(400);
  });
});

describe("volunteer names for staff", () => {
  it("use the real name given when applying when the profile has none, not the nickname", async () => {
    const login = await residentLogin("nick-only", "快乐小鱼");
    const applied = await api("POST", "/teams/team_marenxing/applications", { token: login.token, body: { realName: "蒋正式", phone: "13600000001", birthYear: 1990, skills: [], availability: "周末", motivation: "" } });
    await api("POST", `/admin/applications/${applied.body.id}/decision`, { token: await admin(), body: { approve: true } });
    await api("POST", "/admin/hours", { token: await admin(), body: { userId: login.user.id, minutes: 20, title: "整理图书角", at: new Date().toISOString() } });
    const csv = await api("GET", "/admin/hours.csv", { token: await admin() });
    expect(csv.text).toContain("蒋正式,马仁兴志愿者服务队,manual,整理图书角");
    expect(csv.text).not.toContain("快乐小鱼");
  });
});
