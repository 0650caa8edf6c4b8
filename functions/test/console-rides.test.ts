import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { consoleLogin, consolePage } from "./console-helpers";
import { booking, dayFromNow, driver, examSession, volunteer } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

describe("console 送考调度", () => {
  it("creates an exam session from the form (Beijing time), audited", async () => {
    const { cookie, csrf } = await consoleLogin();
    const d1 = dayFromNow(30);
    const res = await consolePage("/rides/sessions", {
      method: "POST",
      cookie,
      form: { _csrf: csrf, name: "2027年中考", kind: "zhongkao", examDates: `${d1}，${dayFromNow(31)}`, bookingOpensAt: "2026-05-01T08:00", bookingClosesAt: `${dayFromNow(10)}T20:00`, venues: "第二十中学考点｜铁西区兴华北街12号\n第一二〇中学考点|铁西区北二中路5号" },
    });
    expect(res.status).toBe(303);
    const sessions = (await api("GET", "/exam-sessions")).body.items;
    const made = sessions.find((s: { name: string }) => s.name === "2027年中考");
    expect(made).toMatchObject({ kind: "zhongkao", examDates: [d1, dayFromNow(31)], bookingOpensAt: "2026-05-01T08:00:00.000+08:00", venues: [{ name: "第二十中学考点", address: "铁西区兴华北街12号" }, { name: "第一二〇中学考点", address: "铁西区北二中路5号" }] });
    expect(await rows("select action from audit_log where target_id = ?", made.id)).toEqual([{ action: "exam_session.create" }]);
    const bad = await consolePage("/rides/sessions", { method: "POST", cookie, form: { _csrf: csrf, name: "x", kind: "gaokao", examDates: "明天", bookingOpensAt: "", bookingClosesAt: "", venues: "" } });
    expect(bad.status).toBe(400);
  });

  it("verifies a pending driver, then dispatches a ride to them; a clash shows the API's message", async () => {
    const { cookie, csrf } = await consoleLogin();
    const pending = await volunteer("console-driver", "钱师傅");
    await api("PUT", "/me/driver-profile", { token: pending.token, body: { plateNumber: "辽A66666", seats: 4, licenseYears: 10 } });
    const queue = await consolePage("/rides", { cookie });
    expect(queue.html).toContain("辽A66666");
    expect((await consolePage(`/drivers/${pending.user.id}/approve`, { method: "POST", cookie, form: { _csrf: csrf } })).status).toBe(303);
    expect((await api("GET", "/me", { token: pending.token })).body.roles).toContain("driver");

    const s = await examSession();
    const fam1 = await residentLogin("console-fam-1");
    const fam2 = await residentLogin("console-fam-2");
    const r1 = (await api("POST", "/rides", { token: fam1.token, body: booking(s, { studentName: "周小雨" }) })).body.id;
    const r2 = (await api("POST", "/rides", { token: fam2.token, body: booking(s, { studentName: "吴小雷", pickupAt: `${s.examDates[0]}T08:00:00+08:00` }) })).body.id;
    const page = await consolePage(`/rides?examDate=${s.examDates[0]}`, { cookie });
    expect(page.html).toContain("周小雨");
    expect(page.html).toContain("钱师傅（辽A66666，4座）");
    expect((await consolePage(`/rides/${r1}/assign`, { method: "POST", cookie, form: { _csrf: csrf, driverUserId: pending.user.id } })).status).toBe(303);
    const after = await consolePage(`/rides?examDate=${s.examDates[0]}`, { cookie });
    expect(after.html).toMatch(/钱师傅（辽A66666，4座，已接 \d\d-\d\d 07:00）/);
    const clash = await consolePage(`/rides/${r2}/assign`, { method: "POST", cookie, form: { _csrf: csrf, driverUserId: pending.user.id } });
    expect(clash.status).toBe(409);
    expect(clash.html).toContain("与已接的另一单接送时间相隔不到2小时");
    expect(await rows("select action from audit_log where target_id = ?", r1)).toEqual([{ action: "ride.assign" }]);
  });

  it("a grid worker can neither open dispatch nor assign (403)", async () => {
    await env.DB.prepare("insert into staff (id, username, display_name, password_hash, role, created_at) select 'stf_gwr', 'gwr', '网格员', password_hash, 'grid_worker', 0 from staff where username = 'admin'").run();
    const d = await driver("gw-check-driver");
    const s = await examSession();
    const ride = (await api("POST", "/rides", { token: (await residentLogin("gw-fam")).token, body: booking(s) })).body.id;
    const { cookie, csrf } = await consoleLogin("gwr", "renxing-admin");
    expect((await consolePage("/rides", { cookie })).status).toBe(403);
    expect((await consolePage(`/rides/${ride}/assign`, { method: "POST", cookie, form: { _csrf: csrf, driverUserId: d.user.id } })).status).toBe(403);
    expect(await rows("select status from rides where id = ?", ride)).toEqual([{ status: "requested" }]);
  });
});
