import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { admin, booking, driver, examSession, openWish, volunteer } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";
import { acceptedReport } from "./report-fixtures";
import { pair, registerRecipient, visitBody } from "./care-fixtures";
import { meetingBody, paymentBody, pledgeBody, topicAt } from "./deliberation-records-fixtures";

/**
 * In production every D1 call is a network round trip, so the hot paths are held to a count.
 * The real D1 binding is used; each statement run alone or each batch counts as one trip.
 */
function countingD1(real: D1Database) {
  let trips = 0;
  const watch = (stmt: D1PreparedStatement): D1PreparedStatement => {
    for (const method of ["first", "all", "run", "raw"] as const) {
      const original = (stmt[method] as (...args: unknown[]) => unknown).bind(stmt);
      Object.defineProperty(stmt, method, { value: (...args: unknown[]) => (trips++, original(...args)) });
    }
    const bind = stmt.bind.bind(stmt);
    Object.defineProperty(stmt, "bind", { value: (...values: unknown[]) => watch(bind(...values)) });
    return stmt;
  };
  const db = {
    prepare: (query: string) => watch(real.prepare(query)),
    batch: (statements: D1PreparedStatement[]) => (trips++, real.batch(statements)),
    exec: (query: string) => (trips++, real.exec(query)),
    dump: () => real.dump(),
    withSession: () => real.withSession(),
  } as unknown as D1Database;
  return { db, trips: () => trips };
}

async function tripsFor(method: string, path: string, token?: string, body?: unknown) {
  const counter = countingD1(env.DB);
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await createApp().fetch(
    new Request(`http://localhost/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    { ...env, DB: counter.db },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, trips: counter.trips() };
}

describe("D1 round trips on hot paths", () => {
  it("the resident's hot reads take one, the session checked in the same batch; a claim takes two", async () => {
    const wisher = await residentLogin("trips-wisher");
    const wishId = await openWish(wisher.token);
    const vol = await volunteer("trips-volunteer");
    const reads = {
      "GET /wishes": await tripsFor("GET", "/wishes"),
      "GET /wishes (token)": await tripsFor("GET", "/wishes", vol.token),
      "GET /tasks": await tripsFor("GET", "/tasks"),
      "GET /tasks (token)": await tripsFor("GET", "/tasks", vol.token),
      "GET /me": await tripsFor("GET", "/me", vol.token),
      "GET /me/hours": await tripsFor("GET", "/me/hours", vol.token),
      "GET /me/wishes": await tripsFor("GET", "/me/wishes", wisher.token),
      "GET /me/notifications/unread-count": await tripsFor("GET", "/me/notifications/unread-count", wisher.token),
      "GET /me/notifications": await tripsFor("GET", "/me/notifications", wisher.token),
    };
    const one = { status: 200, trips: 1 };
    expect(reads).toEqual({
      "GET /wishes": one,
      "GET /wishes (token)": one,
      "GET /tasks": one,
      "GET /tasks (token)": one,
      "GET /me": one,
      "GET /me/hours": one,
      "GET /me/wishes": one,
      "GET /me/notifications/unread-count": one,
      "GET /me/notifications": one,
    });
    expect(await tripsFor("POST", `/wishes/${wishId}/claim`, vol.token)).toEqual({ status: 200, trips: 2 });
    // Posting a wish passes WeChat's content check (the fake here) with no trip of its own: the
    // openid comes with the session, the access token from the isolate's memory (openWish above
    // fetched it once).
    const wish = { title: "想学用智能手机", story: "孩子不在身边，想学会视频通话。", category: "companionship" };
    expect(await tripsFor("POST", "/wishes", wisher.token, wish)).toEqual({ status: 201, trips: 2 });
    expect(await tripsFor("GET", "/exam-sessions")).toEqual({ status: 200, trips: 1 });
    // Admin lists still look the session up first: the role is checked before the query string is
    // validated, so a caller who may not act learns nothing from a 400.
    expect(await tripsFor("GET", "/admin/applications", await admin())).toEqual({ status: 200, trips: 2 });
  });

  it("booking, accepting and progressing a ride each take two; the open rides one", async () => {
    const s = await examSession();
    const family = await residentLogin("trips-family");
    const booked = await tripsFor("POST", "/rides", family.token, booking(s));
    expect(booked).toEqual({ status: 201, trips: 2 });
    const rideId = (await rows<{ id: string }>("select id from rides where booker_user_id = ?", family.user.id))[0]!.id;
    const d = await driver("trips-driver");
    expect(await tripsFor("POST", `/rides/${rideId}/accept`, d.token)).toEqual({ status: 200, trips: 2 });
    expect(await tripsFor("POST", `/rides/${rideId}/progress`, d.token, { status: "picked_up" })).toEqual({ status: 200, trips: 2 });
    expect(await tripsFor("GET", "/rides/open", d.token)).toEqual({ status: 200, trips: 1 });
  });

  it("every other read of one's own takes one too, the session checked in the same batch", async () => {
    const hence = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
    const task = { title: "社区义诊", description: "为老人测血压血糖", location: "社区活动室", startsAt: hence(24), endsAt: hence(26), capacity: 10 };
    const s = await examSession();
    const family = await residentLogin("trips-family-2");
    const wishId = await openWish(family.token);
    const d = await driver("trips-driver-2");
    const token = d.token;
    const rideId = (await api("POST", "/rides", { token: family.token, body: booking(s) })).body.id as string;
    const taskId = (await api("POST", "/admin/tasks", { token: await admin(), body: task })).body.id as string;
    const reads = {
      "GET /me/claimed-wishes": await tripsFor("GET", "/me/claimed-wishes", token),
      "GET /me/applications": await tripsFor("GET", "/me/applications", token),
      "GET /me/rides": await tripsFor("GET", "/me/rides", family.token),
      "GET /me/driver-rides": await tripsFor("GET", "/me/driver-rides", token),
      "GET /rides/:id": await tripsFor("GET", `/rides/${rideId}`, family.token),
      "GET /wishes/:id": await tripsFor("GET", `/wishes/${wishId}`),
      "GET /wishes/:id (token)": await tripsFor("GET", `/wishes/${wishId}`, token),
      "GET /tasks/:id": await tripsFor("GET", `/tasks/${taskId}`),
      "GET /tasks/:id (token)": await tripsFor("GET", `/tasks/${taskId}`, token),
      "GET /tasks/:id (admin)": await tripsFor("GET", `/tasks/${taskId}`, await admin()),
    };
    const one = { status: 200, trips: 1 };
    expect(reads).toEqual({
      "GET /me/claimed-wishes": one,
      "GET /me/applications": one,
      "GET /me/rides": one,
      "GET /me/driver-rides": one,
      "GET /rides/:id": one,
      "GET /wishes/:id": one,
      "GET /wishes/:id (token)": one,
      "GET /tasks/:id": one,
      "GET /tasks/:id (token)": one,
      "GET /tasks/:id (admin)": one,
    });
  });

  it("reports: the reporter's, the board's and a staff member's reads take one; each step two (its batch, then the view)", async () => {
    const f = await acceptedReport("trips-report", { public: true });
    const reads = {
      "GET /reports/:id": await tripsFor("GET", `/reports/${f.id}`),
      "GET /reports/:id (reporter)": await tripsFor("GET", `/reports/${f.id}`, f.reporter.token),
      "GET /reports/:id (staff)": await tripsFor("GET", `/reports/${f.id}`, f.worker.token),
      "GET /me/reports": await tripsFor("GET", "/me/reports", f.reporter.token),
      "GET /reports": await tripsFor("GET", "/reports"),
      "GET /report-categories": await tripsFor("GET", "/report-categories"),
    };
    const one = { status: 200, trips: 1 };
    expect(reads).toEqual({
      "GET /reports/:id": one,
      "GET /reports/:id (reporter)": one,
      "GET /reports/:id (staff)": one,
      "GET /me/reports": one,
      "GET /reports": one,
      "GET /report-categories": { status: 200, trips: 0 },
    });
    expect(await tripsFor("POST", `/admin/reports/${f.id}/notes`, f.worker.token, { text: "已联系物业" })).toEqual({ status: 200, trips: 2 });
    expect(await tripsFor("POST", `/reports/${f.id}/withdraw`, f.reporter.token)).toEqual({ status: 200, trips: 2 });
  });

  it("care: 我的结对 takes one; a visit two (the sign-in, then one batch); the stats two (the sign-in, then one batch)", async () => {
    const r = await registerRecipient({ name: "往返老人" });
    const vol = await volunteer("trips-care");
    await pair(r.id, vol.user.id);
    expect(await tripsFor("GET", "/me/care", vol.token)).toEqual({ status: 200, trips: 1 });
    expect(await tripsFor("POST", `/care/${r.id}/visits`, vol.token, visitBody({ flags: ["health"] }))).toEqual({ status: 201, trips: 2 });
    expect(await tripsFor("GET", `/care/${r.id}/visits`, vol.token)).toEqual({ status: 200, trips: 2 });
    expect(await tripsFor("GET", "/admin/care/stats", await admin())).toEqual({ status: 200, trips: 2 });
  });

  it("deliberation records: comments and 我的建议 take one; a meeting, pledge or payment two; a progress update three (who took part is read first)", async () => {
    const resident = await residentLogin("trips-deliberation");
    const token = await admin();
    const consulting = await topicAt("consulting", { targetFen: 1_000_000 });
    expect(await tripsFor("GET", `/deliberations/${consulting}/comments`)).toEqual({ status: 200, trips: 1 });
    expect(await tripsFor("GET", "/me/suggestions", resident.token)).toEqual({ status: 200, trips: 1 });
    expect(await tripsFor("POST", `/admin/deliberations/${consulting}/meetings`, token, meetingBody())).toEqual({ status: 201, trips: 2 });
    expect(await tripsFor("POST", `/admin/deliberations/${consulting}/pledges`, token, pledgeBody())).toEqual({ status: 201, trips: 2 });
    const [pledge] = await rows<{ id: string }>("select id from deliberation_pledges where deliberation_id = ?", consulting);
    expect(await tripsFor("POST", `/admin/deliberations/${consulting}/payments`, token, paymentBody(pledge!.id))).toEqual({ status: 201, trips: 2 });
    expect(await tripsFor("POST", `/admin/deliberations/${await topicAt("implementing")}/progress`, token, { note: "开始施工" })).toEqual({ status: 201, trips: 3 });
  });
});
