import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getDb } from "../src/db/client";
import { eraseExpiredRideData } from "../src/services/rides";
import { admin, at, booking, dayFromNow, driver, examSession, volunteer } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

describe("exam sessions", () => {
  it("an admin opens a session; GET /exam-sessions lists it with dates and venues", async () => {
    const s = await examSession();
    const list = await api("GET", "/exam-sessions");
    const found = list.body.items.find((x: { id: string }) => x.id === s.id);
    expect(found).toMatchObject({ name: "2027年高考", kind: "gaokao", examDates: s.examDates, venues: [{ name: "沈阳市第二十中学考点" }, { name: "沈阳市第一二〇中学考点" }] });
    expect(found.bookingOpensAt).toMatch(/\+08:00$/);
    const { token } = await residentLogin("not-admin");
    expect((await api("POST", "/admin/exam-sessions", { token, body: {} })).status).toBe(403);
  });

  it("a session with every list at its schema's maximum (30 venues, 10 dates) is created, audited once, and lists all its venues", async () => {
    const venues = Array.from({ length: 30 }, (_, i) => ({ name: `第${i + 1}考点`, address: `铁西区兴华北街${i + 1}号` }));
    const examDates = Array.from({ length: 10 }, (_, i) => dayFromNow(20 + i));
    const s = await examSession({ name: "三十个考点", examDates, venues });
    const found = (await api("GET", "/exam-sessions")).body.items.find((x: { id: string }) => x.id === s.id);
    expect(found.examDates).toEqual(examDates);
    expect(found.venues.map((v: { name: string }) => v.name)).toEqual(venues.map((v) => v.name));
    expect(await rows("select id from audit_log where action = 'exam_session.create' and target_id = ?", s.id)).toHaveLength(1);
  });
});

describe("booking", () => {
  it("a family books a ride and sees it with full detail", async () => {
    const s = await examSession();
    const family = await residentLogin("family-1");
    const res = await api("POST", "/rides", { token: family.token, body: booking(s) });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^rid_/), status: "requested" });
    const mine = await api("GET", "/me/rides", { token: family.token });
    expect(mine.body.items[0]).toMatchObject({ id: res.body.id, status: "requested", pickupAddress: "仁兴小区3号楼2单元", studentName: "李小明", guardianPhone: "13912340000" });
  });

  it("outside the booking window, or for a date that is not an exam date: 422 BOOKING_CLOSED", async () => {
    const family = await residentLogin("family-window");
    const notYet = await examSession({ bookingOpensAt: new Date(Date.now() + 2 * 86400_000).toISOString(), bookingClosesAt: new Date(Date.now() + 5 * 86400_000).toISOString() });
    const early = await api("POST", "/rides", { token: family.token, body: booking(notYet) });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe("BOOKING_CLOSED");

    const s = await examSession();
    const wrongDay = dayFromNow(25);
    const res = await api("POST", "/rides", { token: family.token, body: booking(s, { examDate: wrongDay, pickupAt: at(wrongDay, "07:00") }) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("BOOKING_CLOSED");

    const mismatch = await api("POST", "/rides", { token: family.token, body: booking(s, { pickupAt: at(s.examDates[1]!, "07:00") }) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.details).toEqual([{ field: "pickupAt", message: "接送时间必须在考试当天" }]);
  });

  it("the same student, session and date twice while active is 409 DUPLICATE_BOOKING; after cancelling, allowed", async () => {
    const s = await examSession();
    const family = await residentLogin("family-dup");
    const first = await api("POST", "/rides", { token: family.token, body: booking(s) });
    const again = await api("POST", "/rides", { token: family.token, body: booking(s, { pickupAt: at(s.examDates[0]!, "07:30") }) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("DUPLICATE_BOOKING");
    expect((await api("POST", "/rides", { token: family.token, body: booking(s, { examDate: s.examDates[1], pickupAt: at(s.examDates[1]!, "07:00") }) })).status).toBe(201);
    expect((await api("POST", `/rides/${first.body.id}/cancel`, { token: family.token })).body.status).toBe("cancelled");
    expect((await api("POST", "/rides", { token: family.token, body: booking(s) })).status).toBe(201);
  });

  it("another resident reading or cancelling a ride gets 404", async () => {
    const s = await examSession();
    const family = await residentLogin("family-private");
    const ride = await api("POST", "/rides", { token: family.token, body: booking(s) });
    const nosy = await residentLogin("nosy-neighbour");
    for (const res of [await api("GET", `/rides/${ride.body.id}`, { token: nosy.token }), await api("POST", `/rides/${ride.body.id}/cancel`, { token: nosy.token })]) {
      expect(res.status).toBe(404);
      expect(res.text).not.toContain("李小明");
    }
    expect((await api("GET", `/rides/${ride.body.id}`, { token: await admin() })).body.studentName).toBe("李小明");
  });
});

describe("drivers", () => {
  it("a resident who is not a driver, and an unverified driver, get 403 on /rides/open", async () => {
    const plain = await residentLogin("no-car");
    const notDriver = await api("GET", "/rides/open", { token: plain.token });
    expect(notDriver.status).toBe(403);
    expect(notDriver.body.error.code).toBe("NOT_A_VERIFIED_DRIVER");
    expect((await api("PUT", "/me/driver-profile", { token: plain.token, body: { plateNumber: "辽A88888", seats: 4, licenseYears: 3 } })).body.error.code).toBe("NOT_A_VOLUNTEER");

    const pending = await volunteer("pending-driver");
    const saved = await api("PUT", "/me/driver-profile", { token: pending.token, body: { plateNumber: "辽A88888", seats: 4, licenseYears: 3 } });
    expect(saved.body).toEqual({ status: "pending" });
    expect((await api("GET", "/me", { token: pending.token })).body.driver).toEqual({ status: "pending" });
    const res = await api("GET", "/rides/open", { token: pending.token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("NOT_A_VERIFIED_DRIVER");
  });

  it("the open list's raw body contains none of the booking's address, phone or names", async () => {
    const s = await examSession();
    const family = await residentLogin("family-secret", "家长昵称");
    await api("PUT", "/me", { token: family.token, body: { gridId: "grd_renxing_06" } });
    const ride = await api("POST", "/rides", { token: family.token, body: booking(s, { pickupAddress: "仁兴小区十八号楼七单元", studentName: "欧阳晓彤", guardianName: "欧阳建国", guardianPhone: "13698765432", notes: "孩子晕车请慢点开" }) });
    const d = await driver("open-list-driver");
    const res = await api("GET", "/rides/open", { token: d.token });
    expect(res.status).toBe(200);
    const item = res.body.items.find((r: { id: string }) => r.id === ride.body.id);
    expect(item).toEqual({ id: ride.body.id, examDate: s.examDates[0], pickupAt: expect.stringMatching(/T07:00:00\.000\+08:00$/), venue: { id: s.venues[0]!.id, name: "沈阳市第二十中学考点" }, passengers: 2, gridName: "第六网格" });
    for (const secret of ["仁兴小区十八号楼七单元", "十八号楼", "欧阳", "晓彤", "建国", "13698765432", "698765432", "晕车", "家长昵称"]) expect(res.text).not.toContain(secret);
    expect((await api("GET", `/rides/${ride.body.id}`, { token: d.token })).status).toBe(404);
  });

  it("10 drivers accepting one ride in parallel: exactly one wins", async () => {
    const s = await examSession();
    const family = await residentLogin("family-race");
    const ride = await api("POST", "/rides", { token: family.token, body: booking(s) });
    const drivers = [];
    for (let i = 0; i < 10; i++) drivers.push(await driver(`race-driver-${i}`));
    const results = await Promise.all(drivers.map((d) => api("POST", `/rides/${ride.body.id}/accept`, { token: d.token })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const lost = results.filter((r) => r.status === 409);
    expect(lost).toHaveLength(9);
    for (const r of lost) expect(r.body.error.code).toBe("RIDE_NOT_OPEN");
    const winner = drivers[results.findIndex((r) => r.status === 200)]!;
    // Now the winner sees the full detail, and the family sees the driver.
    expect((await api("GET", `/rides/${ride.body.id}`, { token: winner.token })).body).toMatchObject({ status: "assigned", pickupAddress: "仁兴小区3号楼2单元", guardianPhone: "13912340000" });
    expect((await api("GET", `/rides/${ride.body.id}`, { token: family.token })).body.driver).toMatchObject({ userId: winner.user.id, plateNumber: "辽A12345", phone: "13700007777" });
  });

  it("with an 08:00 pickup a driver gets 409 DRIVER_SCHEDULE_CONFLICT for 09:30 and succeeds for 10:30", async () => {
    const s = await examSession();
    const day = s.examDates[0]!;
    const d = await driver("busy-driver");
    const book = async (openid: string, time: string) => (await api("POST", "/rides", { token: (await residentLogin(openid)).token, body: booking(s, { pickupAt: at(day, time) }) })).body.id;
    const eight = await book("fam-0800", "08:00");
    const nineThirty = await book("fam-0930", "09:30");
    const tenThirty = await book("fam-1030", "10:30");
    expect((await api("POST", `/rides/${eight}/accept`, { token: d.token })).status).toBe(200);
    const clash = await api("POST", `/rides/${nineThirty}/accept`, { token: d.token });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe("DRIVER_SCHEDULE_CONFLICT");
    expect((await api("POST", `/rides/${tenThirty}/accept`, { token: d.token })).status).toBe(200);
    // The admin's assignment runs the same checks.
    const assigned = await api("POST", `/admin/rides/${nineThirty}/assign`, { token: await admin(), body: { driverUserId: d.user.id } });
    expect(assigned.status).toBe(409);
    expect(assigned.body.error.code).toBe("DRIVER_SCHEDULE_CONFLICT");
  });

  it("3 passengers with 2 seats is 422 NOT_ENOUGH_SEATS", async () => {
    const s = await examSession();
    const family = await residentLogin("family-three");
    const ride = await api("POST", "/rides", { token: family.token, body: booking(s, { passengers: 3 }) });
    const small = await driver("small-car", 2);
    const res = await api("POST", `/rides/${ride.body.id}/accept`, { token: small.token });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("NOT_ENOUGH_SEATS");
    const adminAssign = await api("POST", `/admin/rides/${ride.body.id}/assign`, { token: await admin(), body: { driverUserId: small.user.id } });
    expect(adminAssign.body.error.code).toBe("NOT_ENOUGH_SEATS");
    const big = await driver("big-car", 4);
    expect((await api("POST", `/admin/rides/${ride.body.id}/assign`, { token: await admin(), body: { driverUserId: big.user.id } })).body.status).toBe("assigned");
  });

  it("progress goes in order only: arrived before picked_up is 409; completing twice credits 120 minutes once", async () => {
    const s = await examSession();
    const family = await residentLogin("family-progress");
    const ride = await api("POST", "/rides", { token: family.token, body: booking(s) });
    const d = await driver("progress-driver");
    await api("POST", `/rides/${ride.body.id}/accept`, { token: d.token });
    const skip = await api("POST", `/rides/${ride.body.id}/progress`, { token: d.token, body: { status: "arrived" } });
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe("INVALID_TRANSITION");
    const other = await driver("other-driver");
    expect((await api("POST", `/rides/${ride.body.id}/progress`, { token: other.token, body: { status: "picked_up" } })).status).toBe(404);

    for (const status of ["picked_up", "arrived", "completed"]) {
      const res = await api("POST", `/rides/${ride.body.id}/progress`, { token: d.token, body: { status } });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status);
    }
    const twice = await Promise.all([1, 2].map(() => api("POST", `/rides/${ride.body.id}/progress`, { token: d.token, body: { status: "completed" } })));
    expect(twice.map((r) => r.status)).toEqual([409, 409]);
    expect((await api("GET", "/me", { token: d.token })).body.totalServiceMinutes).toBe(120);
    const seen = (await api("GET", `/rides/${ride.body.id}`, { token: family.token })).body;
    expect(seen.status).toBe("completed");
    expect(seen.timeline.map((t: { status: string }) => t.status)).toEqual(["requested", "assigned", "picked_up", "arrived", "completed"]);
    expect((await api("POST", `/rides/${ride.body.id}/cancel`, { token: family.token })).status).toBe(409);
  });
});

describe("retention", () => {
  it("30 days after the last exam, erases address, phone, names and notes of that session only, keeping counts", async () => {
    const old = await examSession({ name: "2027年中考", kind: "zhongkao", examDates: [dayFromNow(3)] });
    const later = await examSession({ name: "2027年高考", examDates: [dayFromNow(40)] });
    const fam = await residentLogin("family-retention");
    const oldRide = await api("POST", "/rides", { token: fam.token, body: booking(old, { notes: "单元门密码1234" }) });
    const laterRide = await api("POST", "/rides", { token: fam.token, body: booking(later) });

    // 34 days from now: the first session's exam was 31 days ago, the second's is still ahead.
    const result = await eraseExpiredRideData(getDb(env.DB), Date.now() + 34 * 86400_000);
    expect(result.ridesErased).toBe(1);
    const [erased] = await rows("select pickup_address, student_name, guardian_name, guardian_phone, notes, status, passengers, exam_date, venue_id from rides where id = ?", oldRide.body.id);
    expect(erased).toEqual({ pickup_address: null, student_name: null, guardian_name: null, guardian_phone: null, notes: null, status: "requested", passengers: 2, exam_date: old.examDates[0], venue_id: old.venues[0]!.id });
    const [kept] = await rows("select pickup_address, student_name, guardian_phone from rides where id = ?", laterRide.body.id);
    expect(kept).toEqual({ pickup_address: "仁兴小区3号楼2单元", student_name: "李小明", guardian_phone: "13912340000" });
    expect(await rows("select count(*) as n from rides where session_id = ?", old.id)).toEqual([{ n: 1 }]);
    // Running it again changes nothing more.
    expect((await eraseExpiredRideData(getDb(env.DB), Date.now() + 35 * 86400_000)).ridesErased).toBe(0);
  });
});
