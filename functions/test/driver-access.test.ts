import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { consoleLogin, consolePage } from "./console-helpers";
import { admin, at, booking, driver, examSession, volunteer } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

type Session = Awaited<ReturnType<typeof examSession>>;

/** A ride booked by a new family; `hhmm` keeps one driver's pickups 2 hours apart. */
async function bookedRide(s: Session, family: string, hhmm = "07:00") {
  const login = await residentLogin(family);
  const res = await api("POST", "/rides", { token: login.token, body: booking(s, { pickupAt: at(s.examDates[0]!, hhmm), studentName: `考生${family}` }) });
  if (res.status !== 201) throw new Error(res.text);
  return { id: res.body.id as string, family: login };
}

async function acceptedRide(s: Session, family: string, driverToken: string, hhmm = "07:00") {
  const ride = await bookedRide(s, family, hhmm);
  const accepted = await api("POST", `/rides/${ride.id}/accept`, { token: driverToken });
  if (accepted.status !== 200) throw new Error(accepted.text);
  return ride;
}

/** `reason` "" sends none. */
const revoke = async (userId: string, reason = "车辆年检过期") =>
  api("POST", `/admin/drivers/${userId}/verification`, { token: await admin(), body: reason ? { approve: false, reason } : { approve: false } });

const leave = (token: string, teamId = "team_marenxing") => api("DELETE", `/teams/${teamId}/membership`, { token });

const rideRow = (id: string) => rows("select status, driver_user_id, assigned_at from rides where id = ?", id);

describe("a driver who leaves their last team", () => {
  it("can no longer list open rides or accept one (403 NOT_A_VERIFIED_DRIVER), an admin cannot assign them, and /me shows revoked", async () => {
    const s = await examSession();
    const d = await driver("da-leaver");
    const ride = await bookedRide(s, "da-leaver-family");
    expect((await leave(d.token)).status).toBe(204);

    const open = await api("GET", "/rides/open", { token: d.token });
    expect(open.status).toBe(403);
    expect(open.body.error.code).toBe("NOT_A_VERIFIED_DRIVER");
    const accept = await api("POST", `/rides/${ride.id}/accept`, { token: d.token });
    expect(accept.status).toBe(403);
    expect(accept.body.error.code).toBe("NOT_A_VERIFIED_DRIVER");
    const assign = await api("POST", `/admin/rides/${ride.id}/assign`, { token: await admin(), body: { driverUserId: d.user.id } });
    expect(assign.status).toBe(422);
    expect(assign.body.error.code).toBe("NOT_A_VERIFIED_DRIVER");
    expect(await rideRow(ride.id)).toEqual([{ status: "requested", driver_user_id: null, assigned_at: null }]);

    const me = (await api("GET", "/me", { token: d.token })).body;
    expect(me.driver).toEqual({ status: "revoked" });
    expect(me.roles).toEqual(["resident"]);
    expect(await rows("select status, reason from driver_profiles where user_id = ?", d.user.id)).toEqual([{ status: "revoked", reason: "已退出志愿队伍" }]);
  });

  it("their rides not yet picked up go back to waiting for a driver, audited, and they get 404 on them", async () => {
    const s = await examSession();
    const d = await driver("da-leaver-2");
    const assigned = await acceptedRide(s, "da-leaver-2-a", d.token, "07:00");
    const pickedUp = await acceptedRide(s, "da-leaver-2-b", d.token, "10:00");
    expect((await api("POST", `/rides/${pickedUp.id}/progress`, { token: d.token, body: { status: "picked_up" } })).status).toBe(200);

    expect((await leave(d.token)).status).toBe(204);
    expect(await rideRow(assigned.id)).toEqual([{ status: "requested", driver_user_id: null, assigned_at: null }]);
    // A child already in the car is driven to the venue: that trip stays with its driver.
    expect((await rideRow(pickedUp.id))[0]).toMatchObject({ status: "picked_up", driver_user_id: d.user.id });
    expect((await api("POST", `/rides/${pickedUp.id}/progress`, { token: d.token, body: { status: "arrived" } })).status).toBe(200);

    const read = await api("GET", `/rides/${assigned.id}`, { token: d.token });
    expect(read.status).toBe(404);
    expect(read.body.error).toEqual({ code: "NOT_FOUND", message: "找不到这个预约" });
    const mine = await api("GET", "/me/driver-rides", { token: d.token });
    expect(mine.body.items.map((r: { id: string }) => r.id)).not.toContain(assigned.id);
    expect(await rows("select action, actor_kind, actor_id from audit_log where target_id in (?, ?) and action = 'ride.release'", assigned.id, pickedUp.id)).toEqual([
      { action: "ride.release", actor_kind: "user", actor_id: d.user.id },
    ]);
    expect(await rows("select action from audit_log where target_id = ? and action = 'driver.revoke'", d.user.id)).toEqual([{ action: "driver.revoke" }]);
    // The family sees their ride waiting for a driver again.
    expect((await api("GET", `/rides/${assigned.id}`, { token: assigned.family.token })).body).toMatchObject({ status: "requested", driver: null });
  });

  it("leaving one of two teams keeps them a driver", async () => {
    const d = await driver("da-two-teams");
    const applied = await api("POST", "/teams/team_6070/applications", {
      token: d.token,
      body: { realName: "赵师傅", phone: "13600000000", birthYear: 1975, skills: [], availability: "周末", motivation: "" },
    });
    expect((await api("POST", `/admin/applications/${applied.body.id}/decision`, { token: await admin(), body: { approve: true } })).status).toBe(200);
    expect((await leave(d.token)).status).toBe(204);
    expect((await api("GET", "/rides/open", { token: d.token })).status).toBe(200);
    expect((await api("GET", "/me", { token: d.token })).body.driver).toEqual({ status: "verified" });
  });

  it("a verified profile without an active membership cannot drive: the guarded statements check both", async () => {
    const s = await examSession();
    const d = await driver("da-orphan");
    const ride = await bookedRide(s, "da-orphan-family");
    // A membership ended by any other path than leaving (written here directly) must not leave a driver behind.
    await env.DB.prepare("update team_members set status = 'left', left_at = 1 where user_id = ?").bind(d.user.id).run();
    expect((await api("GET", "/rides/open", { token: d.token })).status).toBe(403);
    expect((await api("POST", `/rides/${ride.id}/accept`, { token: d.token })).status).toBe(403);
    expect((await api("POST", `/admin/rides/${ride.id}/assign`, { token: await admin(), body: { driverUserId: d.user.id } })).status).toBe(422);
    expect(await rideRow(ride.id)).toEqual([{ status: "requested", driver_user_id: null, assigned_at: null }]);
    expect((await api("GET", "/me", { token: d.token })).body.roles).not.toContain("driver");
  });
});

describe("an admin revokes a verified driver", () => {
  it("with a reason: the profile is revoked, audited, and rides not yet picked up go back to waiting", async () => {
    const s = await examSession();
    const d = await driver("da-revoked");
    const assigned = await acceptedRide(s, "da-revoked-a", d.token, "07:00");
    const pickedUp = await acceptedRide(s, "da-revoked-b", d.token, "10:00");
    await api("POST", `/rides/${pickedUp.id}/progress`, { token: d.token, body: { status: "picked_up" } });

    const res = await revoke(d.user.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: d.user.id, status: "revoked", reason: "车辆年检过期" });
    expect(await rideRow(assigned.id)).toEqual([{ status: "requested", driver_user_id: null, assigned_at: null }]);
    expect((await rideRow(pickedUp.id))[0]).toMatchObject({ status: "picked_up", driver_user_id: d.user.id });
    expect(await rows("select action, actor_kind, detail from audit_log where target_id = ? and action like 'driver.%' order by at", d.user.id)).toEqual([
      { action: "driver.verify", actor_kind: "staff", detail: null },
      { action: "driver.revoke", actor_kind: "staff", detail: JSON.stringify({ reason: "车辆年检过期" }) },
    ]);
    expect(await rows("select action, actor_kind from audit_log where target_id = ? and action = 'ride.release'", assigned.id)).toEqual([{ action: "ride.release", actor_kind: "staff" }]);

    expect((await api("GET", "/me", { token: d.token })).body.driver).toEqual({ status: "revoked" });
    expect((await api("GET", "/rides/open", { token: d.token })).status).toBe(403);
    expect((await api("GET", `/rides/${assigned.id}`, { token: d.token })).status).toBe(404);
  });

  it("revoking needs a reason (400); deciding a revoked or rejected profile again is 409", async () => {
    const d = await driver("da-revoke-twice");
    const noReason = await revoke(d.user.id, "");
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe("VALIDATION_FAILED");
    expect((await revoke(d.user.id)).status).toBe(200);
    for (const body of [{ approve: true }, { approve: false, reason: "再次撤销" }]) {
      const again = await api("POST", `/admin/drivers/${d.user.id}/verification`, { token: await admin(), body });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("INVALID_TRANSITION");
    }

    // A pending registration is still approved or rejected as before; a rejected one is final.
    const pending = await driverRegistration("da-pending-volunteer");
    expect((await api("POST", `/admin/drivers/${pending}/verification`, { token: await admin(), body: { approve: false, reason: "车牌号看不清" } })).body.status).toBe("rejected");
    expect((await api("POST", `/admin/drivers/${pending}/verification`, { token: await admin(), body: { approve: false, reason: "再次" } })).status).toBe(409);
  });

  it("two revocations at once: one 200, one 409, one audit entry", async () => {
    const d = await driver("da-revoke-race");
    const results = await Promise.all([revoke(d.user.id, "原因一"), revoke(d.user.id, "原因二")]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await rows("select action from audit_log where target_id = ? and action = 'driver.revoke'", d.user.id)).toEqual([{ action: "driver.revoke" }]);
  });

  it("a revocation racing an accept never leaves the ride with the revoked driver", async () => {
    const s = await examSession();
    for (let i = 0; i < 3; i++) {
      const d = await driver(`da-race-${i}`);
      const ride = await bookedRide(s, `da-race-family-${i}`);
      const [revoked] = await Promise.all([revoke(d.user.id), api("POST", `/rides/${ride.id}/accept`, { token: d.token })]);
      expect(revoked.status).toBe(200);
      expect(await rideRow(ride.id)).toEqual([{ status: "requested", driver_user_id: null, assigned_at: null }]);
    }
  });

  it("a revoked driver may register again: back to pending", async () => {
    const d = await driver("da-reregister");
    await revoke(d.user.id);
    const saved = await api("PUT", "/me/driver-profile", { token: d.token, body: { plateNumber: "辽A54321", seats: 4, licenseYears: 9 } });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ status: "pending" });
    expect((await api("GET", "/me", { token: d.token })).body.driver).toEqual({ status: "pending" });
  });
});

/** A volunteer's driver registration left pending; returns their user id. */
async function driverRegistration(openid: string) {
  const login = await volunteer(openid);
  await api("PUT", "/me/driver-profile", { token: login.token, body: { plateNumber: "辽A00001", seats: 4, licenseYears: 3 } });
  return login.user.id;
}

describe("the former driver of a ride", () => {
  it("gets 404 once the family cancels, and /me/driver-rides no longer lists it", async () => {
    const s = await examSession();
    const d = await driver("da-cancelled");
    const ride = await acceptedRide(s, "da-cancelled-family", d.token);
    expect((await api("POST", `/rides/${ride.id}/cancel`, { token: ride.family.token })).body.status).toBe("cancelled");
    const read = await api("GET", `/rides/${ride.id}`, { token: d.token });
    expect(read.status).toBe(404);
    expect(read.text).not.toContain("13912340000");
    const mine = await api("GET", "/me/driver-rides", { token: d.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).not.toContain(ride.id);
    for (const secret of ["仁兴小区3号楼2单元", "13912340000", "李建华"]) expect(mine.text).not.toContain(secret);
  });

  it("gets 404 once the ride went to another driver; the new driver sees it", async () => {
    const s = await examSession();
    const first = await driver("da-first");
    const second = await driver("da-second");
    const ride = await acceptedRide(s, "da-reassigned-family", first.token);
    await revoke(first.user.id);
    expect((await api("POST", `/rides/${ride.id}/accept`, { token: second.token })).status).toBe(200);
    expect((await api("GET", `/rides/${ride.id}`, { token: first.token })).status).toBe(404);
    expect((await api("GET", "/me/driver-rides", { token: first.token })).body.items).toEqual([]);
    expect((await api("GET", `/rides/${ride.id}`, { token: second.token })).body).toMatchObject({ status: "assigned", guardianPhone: "13912340000" });
  });
});

describe("送考调度 in the console", () => {
  it("lists verified drivers with 撤销认证, which needs a reason and asks before revoking", async () => {
    const d = await driver("da-console", 4, "孙师傅");
    const { cookie, csrf } = await consoleLogin();
    const page = await consolePage("/rides", { cookie });
    const form = new RegExp(`<form method="post" action="/console/drivers/${d.user.id}/revoke" data-confirm="[^"]+">`);
    expect(page.html).toMatch(form);
    expect(page.html).toContain("撤销认证");

    const noReason = await consolePage(`/drivers/${d.user.id}/revoke`, { method: "POST", cookie, form: { _csrf: csrf } });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain("请填写原因");
    const ok = await consolePage(`/drivers/${d.user.id}/revoke`, { method: "POST", cookie, form: { _csrf: csrf, reason: "多次爽约" } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/console/rides?done=revoked");
    expect(await rows("select status, reason from driver_profiles where user_id = ?", d.user.id)).toEqual([{ status: "revoked", reason: "多次爽约" }]);
    const after = await consolePage("/rides?done=revoked", { cookie });
    expect(after.html).toContain("已撤销这位司机的认证");
    expect(after.html).not.toMatch(form);
  });
});
