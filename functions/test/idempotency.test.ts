import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, dayFromNow } from "./fixtures";
import { adminLogin, api, residentLogin, rows, type ApiResponse } from "./helpers";

const HOUR = 3600_000;
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));

const hours = (userId: string, title = "补录：社区义诊") => ({ userId, minutes: 90, title, at: new Date(Date.now() - 24 * HOUR).toISOString() });

/** Sends the same request twice with one key; the second answer must be the first, replayed. */
async function sentTwice(send: (headers: Record<string, string>) => Promise<ApiResponse>, key: string) {
  const headers = { "idempotency-key": key };
  const first = await send(headers);
  const again = await send(headers);
  expect(again.status).toBe(first.status);
  expect(again.body).toEqual(first.body);
  expect(first.headers.get("idempotent-replayed")).toBeNull();
  expect(again.headers.get("idempotent-replayed")).toBe("true");
  return first;
}

/** A reservation left behind by a request that died `ageMs` ago, before it stored an answer. */
async function leftInProgress(staffId: string, key: string, path: string, ageMs: number) {
  await env.DB.prepare("insert into idempotency_keys (caller_id, key, method, path, status, body, created_at) values (?, ?, 'POST', ?, null, null, ?)")
    .bind(`staff:${staffId}`, key, path, Date.now() - ageMs)
    .run();
}

describe("Idempotency-Key on the admin's creating POSTs", () => {
  it("/admin/hours sent twice with one key credits the minutes once and replays the first answer", async () => {
    const { user } = await residentLogin("idem-hours");
    const first = await sentTwice(async (headers) => api("POST", "/admin/hours", { token: await admin(), body: hours(user.id), headers }), "hours-1");
    expect(first.status).toBe(201);
    expect(await rows("select minutes from service_hours where user_id = ?", user.id)).toEqual([{ minutes: 90 }]);
    expect(await rows("select id from audit_log where action = 'hours.manual' and target_id = ?", user.id)).toHaveLength(1);
  });

  it("/admin/tasks sent twice with one key creates one task", async () => {
    const start = Date.now() + 2 * 24 * HOUR;
    const body = { title: "幂等测试任务", description: "重复提交只创建一个任务", location: "仁兴社区党群服务中心", startsAt: new Date(start).toISOString(), endsAt: new Date(start + HOUR).toISOString(), capacity: 5 };
    const first = await sentTwice(async (headers) => api("POST", "/admin/tasks", { token: await admin(), body, headers }), "task-1");
    expect(first.status).toBe(201);
    expect(await rows("select id from tasks where title = ?", body.title)).toEqual([{ id: first.body.id }]);
  });

  it("/admin/exam-sessions sent twice with one key opens one session", async () => {
    const body = {
      name: "幂等测试中考",
      kind: "zhongkao",
      examDates: [dayFromNow(30)],
      bookingOpensAt: new Date(Date.now() - HOUR).toISOString(),
      bookingClosesAt: new Date(Date.now() + 10 * 24 * HOUR).toISOString(),
      venues: [{ name: "沈阳市第二十中学考点", address: "铁西区兴华北街12号" }],
    };
    const first = await sentTwice(async (headers) => api("POST", "/admin/exam-sessions", { token: await admin(), body, headers }), "session-1");
    expect(first.status).toBe(201);
    expect(await rows("select id from exam_sessions where name = ?", body.name)).toEqual([{ id: first.body.id }]);
  });

  it("a resident's key on an admin route reserves nothing: the role is checked first", async () => {
    const { token, user } = await residentLogin("idem-not-admin");
    const res = await api("POST", "/admin/hours", { token, body: hours(user.id), headers: { "idempotency-key": "sneaky-1" } });
    expect(res.status).toBe(403);
    expect(await rows("select key from idempotency_keys where caller_id = ?", `user:${user.id}`)).toHaveLength(0);
  });
});

describe("Idempotency-Key on /uploads", () => {
  async function upload(token: string, key: string): Promise<ApiResponse> {
    const form = new FormData();
    form.append("file", new File([PNG], "photo.png", { type: "image/png" }));
    const res = await exports.default.fetch(
      new Request("http://localhost/api/v1/uploads", { method: "POST", body: form, headers: { authorization: `Bearer ${token}`, "idempotency-key": key } }),
    );
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
  }

  it("a staff token's key on a resident route reserves nothing: 403 and no stored answer", async () => {
    const { token, staff } = await adminLogin();
    for (const path of ["/uploads", "/wishes", "/rides", "/teams/team_6070/applications", "/tasks/tsk_x/signup"]) {
      const res = path === "/uploads" ? await upload(token, "staff-upload") : await api("POST", path, { token, body: {}, headers: { "idempotency-key": `staff-${path.length}` } });
      expect(res.status, path).toBe(403);
    }
    expect(await rows("select key from idempotency_keys where caller_id = ? and key like 'staff-%'", `staff:${staff.id}`)).toHaveLength(0);
  });

  it("a photo sent twice with one key is stored once and the same URL comes back", async () => {
    const { token, user } = await residentLogin("idem-uploader");
    const first = await sentTwice(() => upload(token, "photo-1"), "photo-1");
    expect(first.status).toBe(201);
    expect(await rows("select key from uploads where user_id = ?", user.id)).toHaveLength(1);
  });
});

describe("a request that died mid-way", () => {
  it("leaves its key usable again once the reservation is a minute old", async () => {
    const staff = await adminLogin();
    const { user } = await residentLogin("idem-stale");
    await leftInProgress(staff.staff.id, "stale-1", "/api/v1/admin/hours", 2 * 60_000);
    const retried = await api("POST", "/admin/hours", { token: staff.token, body: hours(user.id), headers: { "idempotency-key": "stale-1" } });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    expect(await rows("select count(*) as n from service_hours where user_id = ?", user.id)).toEqual([{ n: 1 }]);
    const again = await api("POST", "/admin/hours", { token: staff.token, body: hours(user.id), headers: { "idempotency-key": "stale-1" } });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(retried.body);
  });

  it("still holds its key while the reservation is fresh: 409 REQUEST_IN_PROGRESS", async () => {
    const staff = await adminLogin();
    const { user } = await residentLogin("idem-fresh");
    await leftInProgress(staff.staff.id, "fresh-1", "/api/v1/admin/hours", 10_000);
    const res = await api("POST", "/admin/hours", { token: staff.token, body: hours(user.id), headers: { "idempotency-key": "fresh-1" } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("REQUEST_IN_PROGRESS");
    expect(await rows("select count(*) as n from service_hours where user_id = ?", user.id)).toEqual([{ n: 0 }]);
  });

  it("of several retries taking over one stale key at once, exactly one runs", async () => {
    const staff = await adminLogin();
    const { user } = await residentLogin("idem-takers");
    await leftInProgress(staff.staff.id, "stale-race", "/api/v1/admin/hours", 5 * 60_000);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => api("POST", "/admin/hours", { token: staff.token, body: hours(user.id), headers: { "idempotency-key": "stale-race" } })),
    );
    const ran = results.filter((r) => r.status === 201 && r.headers.get("idempotent-replayed") === null);
    expect(ran).toHaveLength(1);
    for (const r of results) {
      if (r === ran[0]) continue;
      if (r.status === 409) expect(r.body.error.code).toBe("REQUEST_IN_PROGRESS");
      else expect(r.headers.get("idempotent-replayed")).toBe("true");
    }
    expect(await rows("select count(*) as n from service_hours where user_id = ?", user.id)).toEqual([{ n: 1 }]);
  });
});
