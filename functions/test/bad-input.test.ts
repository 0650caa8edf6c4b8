import { describe, expect, it } from "vitest";
import { createApi } from "../src/app";
import { admin, booking, dayFromNow, examSession, openWish, volunteer, wishBody } from "./fixtures";
import { api, residentLogin, type ApiResponse } from "./helpers";

/**
 * Every endpoint, fed a spread of malformed input: each answer must be a 4xx in the contract's
 * error shape with a Chinese message, never a 500 and never a stack trace. Each route is called as
 * the caller it serves, so the input reaches validation. The list is checked against the routes
 * the API really serves: a new route without its line here fails the sweep. Requests go straight
 * to the Worker's fetch handler (`api`): there are over a thousand of them.
 */
const CALLER: Record<string, "resident" | "admin" | "anyone"> = {
  "GET /health": "anyone",
  "GET /auth/methods": "anyone",
  "POST /auth/wechat": "anyone",
  "POST /auth/dev-login": "anyone",
  "POST /auth/staff-login": "anyone",
  // A resident's token: logging the shared admin token out would end every admin call after it.
  "POST /auth/logout": "resident",
  "GET /me": "resident",
  "PUT /me": "resident",
  "GET /grids": "anyone",
  "GET /partners": "anyone",
  "POST /admin/partners/:id/representatives": "admin",
  "GET /teams": "anyone",
  "GET /teams/:id": "anyone",
  "POST /teams/:id/applications": "resident",
  "GET /me/applications": "resident",
  "DELETE /teams/:id/membership": "resident",
  "GET /admin/applications": "admin",
  "POST /admin/applications/:id/decision": "admin",
  "GET /wishes": "anyone",
  "POST /wishes": "resident",
  "GET /me/wishes": "resident",
  "GET /me/claimed-wishes": "resident",
  "GET /wishes/:id": "anyone",
  "POST /wishes/:id/claim": "resident",
  "POST /wishes/:id/release": "resident",
  "POST /wishes/:id/fulfil": "resident",
  "POST /wishes/:id/confirm": "resident",
  "POST /wishes/:id/cancel": "resident",
  "GET /admin/wishes": "admin",
  "POST /admin/wishes": "admin",
  "POST /admin/wishes/:id/review": "admin",
  "POST /uploads": "resident",
  "GET /exam-sessions": "anyone",
  "POST /rides": "resident",
  "GET /me/rides": "resident",
  "GET /me/driver-rides": "resident",
  "GET /rides/open": "resident",
  "GET /rides/:id": "resident",
  "POST /rides/:id/cancel": "resident",
  "PUT /me/driver-profile": "resident",
  "POST /rides/:id/accept": "resident",
  "POST /rides/:id/progress": "resident",
  "POST /admin/exam-sessions": "admin",
  "GET /admin/rides": "admin",
  "POST /admin/rides/:id/assign": "admin",
  "GET /admin/drivers": "admin",
  "POST /admin/drivers/:userId/verification": "admin",
  "GET /tasks": "anyone",
  "GET /tasks/:id": "anyone",
  "POST /tasks/:id/signup": "resident",
  "DELETE /tasks/:id/signup": "resident",
  "POST /tasks/:id/check-in": "resident",
  "POST /tasks/:id/check-out": "resident",
  "GET /me/hours": "resident",
  "POST /admin/tasks": "admin",
  "GET /admin/tasks/:id/roster": "admin",
  "POST /admin/hours": "admin",
  "GET /admin/hours/summary": "admin",
  "GET /admin/hours.csv": "admin",
  "GET /me/notifications": "resident",
  "GET /me/notifications/unread-count": "resident",
  "POST /me/notifications/read": "resident",
  "GET /me/subscriptions": "resident",
  "POST /me/subscriptions": "resident",
  "POST /admin/open311-keys": "admin",
  "GET /admin/open311-keys": "admin",
  "POST /admin/open311-keys/:id/revoke": "admin",
  "GET /admin/reports/stats": "admin",
  "GET /report-categories": "anyone",
  "POST /reports": "resident",
  "GET /me/reports": "resident",
  "GET /reports": "anyone",
  "GET /reports/:id": "anyone",
  "POST /reports/:id/withdraw": "resident",
  "POST /reports/:id/rate": "resident",
  "POST /admin/reports": "admin",
  "GET /admin/reports": "admin",
  "POST /admin/reports/:id/accept": "admin",
  "POST /admin/reports/:id/notes": "admin",
  "POST /admin/reports/:id/escalate": "admin",
  "POST /admin/reports/:id/resolve": "admin",
  "POST /admin/reports/:id/reject": "admin",
  "GET /me/care": "resident",
  "POST /care/:recipientId/visits": "resident",
  "GET /care/:recipientId/visits": "resident",
  "GET /admin/care-recipients": "admin",
  "POST /admin/care-recipients": "admin",
  "GET /admin/care-recipients/:id": "admin",
  "PUT /admin/care-recipients/:id": "admin",
  "POST /admin/care-recipients/:id/pairings/:userId": "admin",
  "DELETE /admin/care-recipients/:id/pairings/:userId": "admin",
  "GET /admin/care/overdue": "admin",
  "GET /admin/care/stats": "admin",
  "GET /deliberations/:id/comments": "anyone",
  "POST /deliberations/:id/comments": "resident",
  "POST /suggestions": "resident",
  "GET /me/suggestions": "resident",
  "POST /admin/deliberations/:id/meetings": "admin",
  "POST /admin/deliberations/:id/pledges": "admin",
  "POST /admin/deliberations/:id/payments": "admin",
  "POST /admin/deliberations/:id/progress": "admin",
  "GET /deliberations": "anyone",
  "GET /deliberations/:id": "anyone",
  "POST /deliberations/:id/votes": "resident",
  "POST /deliberations/:id/objections": "resident",
  "POST /admin/deliberations": "admin",
  "POST /admin/deliberations/:id/advance": "admin",
  "POST /admin/deliberations/:id/objections/:oid/answer": "admin",
  "POST /admin/representatives/:userId": "admin",
  "DELETE /admin/representatives/:userId": "admin",
};

const servedRoutes = () => new Set(createApi().routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
const ENDPOINTS = Object.entries(CALLER).map(([route, as]) => {
  const [method, pattern] = route.split(" ") as [string, string];
  return { method, pattern, path: pattern.replace(/:\w+/g, "x_1"), as };
});

async function tokenFor(as: "resident" | "admin" | "anyone") {
  if (as === "admin") return admin();
  return as === "resident" ? (await residentLogin("fuzzer")).token : undefined;
}

/** A 4xx in the contract's shape with a Chinese message and nothing internal in it. */
function expectContractError(res: ApiResponse, label: string) {
  expect(res.status, label).toBeLessThan(500);
  if (res.status < 400) return;
  expect(res.body?.error?.code, label).toMatch(/^[A-Z_]+$/);
  expect(res.body.error.message, label).toMatch(/[\u4e00-\u9fff]/);
  expect(res.text, label).not.toMatch(/at .*\.(ts|js):\d+|SQLITE|D1_ERROR/);
}

const WRONG_VALUES = [null, true, -1, 1.5, 1e308, "", " ", "x".repeat(5000), "2027-13-45", "2027-06-07T25:61:00+08:00", "' or 1=1 --", "<script>", [], [null], {}, { nested: { deep: [1, "a"] } }];
const FIELDS = ["title", "story", "category", "rating", "note", "photoUrls", "partnerId", "approve", "reason", "realName", "phone", "birthYear", "skills", "gridId", "nickname", "openid", "code", "username", "password", "sessionId", "venueId", "examDate", "pickupAt", "passengers", "plateNumber", "seats", "licenseYears", "status", "driverUserId", "userId", "name", "kind", "examDates", "bookingOpensAt", "bookingClosesAt", "venues", "onBehalfOf", "estimatedValueYuan", "availability", "motivation", "description", "location", "startsAt", "endsAt", "capacity", "teamId", "minutes", "at", "ids", "all", "results", "text", "public", "result", "mediation", "externalRef", "reporter", "comment", "building", "lat", "long", "level", "overdue"];

function badBodies(): unknown[] {
  const bodies: unknown[] = ["", "null", "[]", '"text"', "42", "{", '{"a":', "\u0000", "{}"];
  for (const value of WRONG_VALUES) bodies.push(Object.fromEntries(FIELDS.map((f) => [f, value])));
  return bodies;
}

// Every query key some list reads, each wrong in a different way, plus broken encodings.
const BAD_QUERIES = ["limit=abc&cursor=%%%&status=%00", "limit=1e9&category=1&gridId=' or 1=1 --", "limit=-1&limit=x&cursor=" + "z".repeat(300), "examDate=2027-99-99&from=2027-02-30&to=x", "from=2027-12-31&to=2027-01-01", "%=%&&=&a[b][c]=1"];
const ODD_IDS = ["x".repeat(300), "%E0%A4%A", "%00", "'%20or%20'1'%3D'1", "..%2F..%2Fadmin", "%F0%9F%98%80"];
const SLOW = { timeout: 180_000 };

describe("bad input never breaks the server", () => {
  it("the sweep has a line for every route the API serves, and none for a route it does not", () => {
    const served = servedRoutes();
    expect([...served].filter((k) => !(k in CALLER)), "routes missing from the sweep").toEqual([]);
    expect(Object.keys(CALLER).filter((k) => !served.has(k)), "sweep lines for routes the API does not serve").toEqual([]);
  });

  for (const endpoint of ENDPOINTS) {
    const what = endpoint.method === "GET" ? "malformed query strings" : "malformed bodies";
    const andIds = endpoint.pattern.includes(":") ? " and odd ids" : "";
    it(`${endpoint.method} ${endpoint.pattern}: ${what}${andIds} get a 4xx contract error (or are ignored), never a 500`, SLOW, async () => {
      const token = await tokenFor(endpoint.as);
      if (endpoint.method === "GET") {
        for (const query of BAD_QUERIES) {
          const path = `${endpoint.path}?${query}`;
          expectContractError(await api("GET", path, { token }), `GET ${path}`);
        }
      } else {
        for (const body of badBodies()) {
          const text = typeof body === "string" ? body : JSON.stringify(body);
          // Some odd bodies are still valid somewhere (any string is a fine openid): never a 5xx.
          expectContractError(await api(endpoint.method, endpoint.path, { token, body: text }), `${endpoint.method} ${endpoint.path} ${text.slice(0, 80)}`);
        }
      }
      for (const id of andIds ? ODD_IDS : []) {
        const path = endpoint.pattern.replace(/:\w+/g, id);
        expectContractError(await api(endpoint.method, path, { token, body: endpoint.method === "GET" ? undefined : "{}" }), `${endpoint.method} ${path.slice(0, 80)}`);
      }
    });
  }

  it("a malformed multipart upload gets 400, never a 500", SLOW, async () => {
    const { token } = await residentLogin("fuzzer");
    const bodies: [string, string][] = [
      ["multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"],
      ["multipart/form-data; boundary=x", "garbage without any boundary"],
      ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n\u0089PNG"],
      ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nv\r\n--x--\r\n"],
      ["application/x-www-form-urlencoded", "file=%%%"],
    ];
    for (const [type, body] of bodies) {
      const res = await api("POST", "/uploads", { token, body, headers: { "content-type": type } });
      expectContractError(res, `${type} ${body.slice(0, 40)}`);
      expect(res.status, `${type} ${body.slice(0, 40)}`).toBe(400);
    }
  });

  it("malformed query strings get 400, never a 500", SLOW, async () => {
    const staff = await admin();
    for (const path of ["/wishes?limit=abc", "/wishes?limit=0", "/wishes?status=%00", "/wishes?category=1&cursor=%%%", "/admin/rides?examDate=2027-99-99", "/admin/wishes?gridId=' or 1=1", "/admin/applications?limit=1e9", "/admin/drivers?status=x", "/admin/hours.csv?from=2027-02-30", "/admin/hours/summary?to=x", "/admin/reports/stats?from=2027-02-30", "/admin/reports/stats?from=2027-12-31&to=2027-01-01"]) {
      const res = await api("GET", path, { token: staff });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    // A cursor that does not decode starts from the top instead of failing.
    expect((await api("GET", "/wishes?cursor=not-a-cursor")).status).toBe(200);
  });
});

// ---------------------------------------------------------------- every list and string at its maximum

const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));

async function uploadPhoto(token: string): Promise<string> {
  const form = new FormData();
  form.append("file", new File([PNG], "done.png", { type: "image/png" }));
  const res = await api("POST", "/uploads", { token, form });
  if (res.status !== 201) throw new Error(`upload refused: ${res.status} ${res.text}`);
  return res.body.url as string;
}

/** `n` characters of Chinese text (one UTF-16 unit each, three bytes each in the body). */
const chars = (n: number, ch = "字") => ch.repeat(n);
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const fields = (res: ApiResponse) => ((res.body?.error?.details ?? []) as { field: string }[]).map((d) => d.field.split(".")[0]);

/** A refusal for the right reason: 400 naming `field`. */
function expectRefused(res: ApiResponse, field: string) {
  expect(res.status, res.text).toBe(400);
  expect(fields(res), res.text).toContain(field);
}

const maxSession = () => ({
  name: chars(40),
  kind: "gaokao",
  examDates: Array.from({ length: 10 }, (_, i) => dayFromNow(40 + i)),
  bookingOpensAt: hoursFromNow(-24),
  bookingClosesAt: hoursFromNow(24 * 30),
  venues: Array.from({ length: 30 }, (_, i) => ({ name: `${String(i + 1).padStart(2, "0")}${chars(38, "考")}`, address: chars(100, "街") })),
});
const maxApplication = () => ({
  realName: chars(30, "名"),
  phone: "13600003333",
  birthYear: 1980,
  skills: Array.from({ length: 10 }, (_, i) => `${i}${chars(19, "技")}`),
  availability: chars(100, "时"),
  motivation: chars(300, "愿"),
});

describe("every list and string at its schema's maximum is served; one more is refused", () => {
  it("an exam session with 10 dates and 30 venues, every name and address at its longest, is created and listed whole", SLOW, async () => {
    const token = await admin();
    const made = await api("POST", "/admin/exam-sessions", { token, body: maxSession() });
    expect(made.status, made.text).toBe(201);
    expect(made.body.venues).toHaveLength(30);
    expect(made.body.examDates).toHaveLength(10);
    const listed = (await api("GET", "/exam-sessions")).body.items.find((s: { id: string }) => s.id === made.body.id);
    expect(listed.venues.map((v: { name: string }) => v.name)).toEqual(maxSession().venues.map((v) => v.name));

    // A family can book at the 30th venue.
    const family = await residentLogin("max-family");
    const booked = await api("POST", "/rides", { token: family.token, body: booking(made.body, { venueId: made.body.venues[29].id, pickupAddress: chars(100, "楼"), studentName: chars(30, "考"), guardianName: chars(30, "家"), passengers: 3, notes: chars(200, "备") }) });
    expect(booked.status, booked.text).toBe(201);

    expectRefused(await api("POST", "/admin/exam-sessions", { token, body: { ...maxSession(), venues: [...maxSession().venues, { name: "多余考点", address: "铁西区多余路1号" }] } }), "venues");
    expectRefused(await api("POST", "/admin/exam-sessions", { token, body: { ...maxSession(), examDates: [...maxSession().examDates, dayFromNow(60)] } }), "examDates");
    expectRefused(await api("POST", "/admin/exam-sessions", { token, body: { ...maxSession(), name: chars(41) } }), "name");
    expectRefused(await api("POST", "/admin/exam-sessions", { token, body: { ...maxSession(), venues: [{ name: "考点", address: chars(101) }] } }), "venues");
  });

  it("a team application with 10 skills and every text at its longest is accepted; an 11th skill is refused", SLOW, async () => {
    const { token } = await residentLogin("max-applicant");
    expectRefused(await api("POST", "/teams/team_marenxing/applications", { token, body: { ...maxApplication(), skills: [...maxApplication().skills, "多一项"] } }), "skills");
    expectRefused(await api("POST", "/teams/team_marenxing/applications", { token, body: { ...maxApplication(), skills: [chars(21)] } }), "skills");
    expectRefused(await api("POST", "/teams/team_marenxing/applications", { token, body: { ...maxApplication(), motivation: chars(301) } }), "motivation");
    const applied = await api("POST", "/teams/team_marenxing/applications", { token, body: maxApplication() });
    expect(applied.status, applied.text).toBe(201);
    const review = await api("GET", "/admin/applications?status=pending&limit=100", { token: await admin() });
    expect(review.body.items.find((a: { id: string }) => a.id === applied.body.id).skills).toEqual(maxApplication().skills);
    const decided = await api("POST", `/admin/applications/${applied.body.id}/decision`, { token: await admin(), body: { approve: false, reason: chars(200, "因") } });
    expect(decided.status, decided.text).toBe(200);
  });

  it("a fulfilment with 6 of the claimer's photos and the longest note is accepted; a 7th photo is refused", SLOW, async () => {
    const wisher = await residentLogin("max-wisher");
    const wishId = await openWish(wisher.token, { title: chars(40, "愿"), story: chars(500, "事"), estimatedValueYuan: 2000 });
    const vol = await volunteer("max-claimer");
    expect((await api("POST", `/wishes/${wishId}/claim`, { token: vol.token })).status).toBe(200);
    const photos: string[] = [];
    for (let i = 0; i < 6; i++) photos.push(await uploadPhoto(vol.token));

    expectRefused(await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: chars(300, "完"), photoUrls: [...photos, photos[0]] } }), "photoUrls");
    expectRefused(await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: chars(301, "完"), photoUrls: photos } }), "note");
    const done = await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: chars(300, "完"), photoUrls: photos } });
    expect(done.status, done.text).toBe(200);
    expect(done.body.fulfilment.photoUrls).toEqual(photos);

    expectRefused(await api("POST", `/wishes/${wishId}/confirm`, { token: wisher.token, body: { rating: 5, thanks: chars(201, "谢") } }), "thanks");
    const confirmed = await api("POST", `/wishes/${wishId}/confirm`, { token: wisher.token, body: { rating: 5, thanks: chars(200, "谢") } });
    expect(confirmed.status, confirmed.text).toBe(200);
  });

  it("marking 100 notifications read is served; 101 is refused", SLOW, async () => {
    const { token } = await residentLogin("max-reader");
    const ids = Array.from({ length: 100 }, (_, i) => `ntf_${"x".repeat(20)}${i}`);
    expect((await api("POST", "/me/notifications/read", { token, body: { ids } })).status).toBe(204);
    const tooMany = await api("POST", "/me/notifications/read", { token, body: { ids: [...ids, "ntf_one_more"] } });
    expectRefused(tooMany, "ids");
    expect(tooMany.body.error.details).toContainEqual({ field: "ids", message: "一次最多100条" });
    // Neither or both of { ids } and { all } is refused on the body itself.
    expectRefused(await api("POST", "/me/notifications/read", { token, body: {} }), "");
    expectRefused(await api("POST", "/me/notifications/read", { token, body: { ids: ids.slice(0, 1), all: true } }), "");
  });

  it("every other body with each string at its longest is served", SLOW, async () => {
    const token = await admin();
    const login = await api("POST", "/auth/dev-login", { body: { openid: "o".repeat(64), nickname: chars(32, "昵") } });
    expect(login.status, login.text).toBe(200);
    expect((await api("POST", "/auth/wechat", { body: { code: `ok:${"w".repeat(125)}` } })).status).toBe(200);
    // No such account, so 401; what matters is that the longest fields are read, not refused or crashed on.
    expect((await api("POST", "/auth/staff-login", { body: { username: "u".repeat(64), password: "p".repeat(256) } })).status).toBe(401);
    const me = await api("PUT", "/me", { token: login.body.token, body: { nickname: chars(32, "昵"), realName: chars(30, "名"), phone: "13912345678", gridId: "grd_renxing_09" } });
    expect(me.status, me.text).toBe(200);
    expectRefused(await api("PUT", "/me", { token: login.body.token, body: { nickname: chars(33, "昵") } }), "nickname");

    const wish = await api("POST", "/wishes", { token: login.body.token, body: wishBody({ title: chars(40, "愿"), story: chars(500, "事"), estimatedValueYuan: 2000 }) });
    expect(wish.status, wish.text).toBe(201);
    expectRefused(await api("POST", "/wishes", { token: login.body.token, body: wishBody({ story: chars(501, "事") }) }), "story");
    const rejected = await api("POST", `/admin/wishes/${wish.body.id}/review`, { token, body: { approve: false, reason: chars(200, "因") } });
    expect(rejected.status, rejected.text).toBe(200);
    const onBehalf = await api("POST", "/admin/wishes", { token, body: { ...wishBody({ title: chars(40, "愿"), story: chars(500, "事"), estimatedValueYuan: 2000 }), onBehalfOf: { name: chars(30, "名"), phone: "13511223344", gridId: "grd_renxing_09" } } });
    expect(onBehalf.status, onBehalf.text).toBe(201);

    const task = await api("POST", "/admin/tasks", { token, body: { title: chars(40, "务"), description: chars(500, "述"), location: chars(100, "地"), startsAt: hoursFromNow(24), endsAt: hoursFromNow(30), capacity: 500, teamId: "team_marenxing" } });
    expect(task.status, task.text).toBe(201);
    expectRefused(await api("POST", "/admin/tasks", { token, body: { title: "任务", description: "任务内容描述", location: "地点", startsAt: hoursFromNow(24), endsAt: hoursFromNow(30), capacity: 501 } }), "capacity");
    const hours = await api("POST", "/admin/hours", { token, body: { userId: login.body.user.id, minutes: 24 * 60, title: chars(60, "服"), at: hoursFromNow(-1) } });
    expect(hours.status, hours.text).toBe(201);
    expectRefused(await api("POST", "/admin/hours", { token, body: { userId: login.body.user.id, minutes: 24 * 60 + 1, title: "补录", at: hoursFromNow(-1) } }), "minutes");

    const driverToBe = await volunteer("max-driver");
    const profile = await api("PUT", "/me/driver-profile", { token: driverToBe.token, body: { plateNumber: "辽A123456", seats: 6, licenseYears: 60 } });
    expect(profile.status, profile.text).toBe(200);
    const refusedDriver = await api("POST", `/admin/drivers/${driverToBe.user.id}/verification`, { token, body: { approve: false, reason: chars(200, "因") } });
    expect(refusedDriver.status, refusedDriver.text).toBe(200);

    const session = await examSession();
    const family = await residentLogin("max-family-2");
    const ride = await api("POST", "/rides", { token: family.token, body: booking(session, { pickupAddress: chars(100, "楼"), studentName: chars(30, "考"), guardianName: chars(30, "家"), passengers: 3, notes: chars(200, "备") }) });
    expect(ride.status, ride.text).toBe(201);
    expectRefused(await api("POST", "/rides", { token: family.token, body: booking(session, { notes: chars(201, "备") }) }), "notes");
  });
});
