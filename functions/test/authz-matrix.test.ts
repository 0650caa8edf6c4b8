import { beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../src/app";
import { admin, booking, driver, examSession, gridWorker, partnerRep, residentInGrid, volunteer, wishBody } from "./fixtures";
import { adminLogin, api, residentLogin, type ApiResponse } from "./helpers";
import { meetingBody, paymentBody, pledgeBody, topicAt } from "./deliberation-records-fixtures";

/**
 * Who may call what: every API route × eight kinds of caller, against neighbours' things in grid 5
 * (a wish, a ride, an admin's task). The eight callers are strangers to those things: the wisher,
 * the booker and the claimer are other residents. Each cell is the status the caller must see;
 * a route without a row fails the test, so a new route cannot arrive without deciding this.
 */

const ROLES = ["anonymous", "resident", "volunteer", "driver", "partner", "gridWorker3", "gridWorkerNoGrid", "admin"] as const;
type Role = (typeof ROLES)[number];
interface Account {
  token?: string;
  userId?: string;
  partnerId?: string;
}

const GRID5 = "grd_renxing_05";
const WISHER_PHONE = "13855550505";
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));

let serial = 0;
const uid = (prefix = "mx") => `${prefix}${++serial}`;

/** Fails the fixture (not the cell) when a setup step is refused: the matrix must not guess. */
async function ok(res: Promise<ApiResponse>): Promise<ApiResponse> {
  const done = await res;
  if (done.status >= 300) throw new Error(`fixture step refused: ${done.status} ${done.text}`);
  return done;
}

// ---------------------------------------------------------------- callers

const accounts = {} as Record<Role, Account>;
let session: Awaited<ReturnType<typeof examSession>>;
let claimer: Account;

/** A new account of the same kind, for cells that use up their caller (log out, leave a team). */
async function freshAccount(role: Role): Promise<Account> {
  const resident = (login: { token: string; user: { id: string } }) => ({ token: login.token, userId: login.user.id });
  switch (role) {
    case "anonymous":
      return {};
    case "resident":
      return resident(await residentLogin(uid()));
    case "volunteer":
      return resident(await volunteer(uid()));
    case "driver":
      return resident(await driver(uid()));
    case "partner": {
      const rep = await partnerRep(uid());
      return { ...resident(rep), partnerId: rep.partnerId };
    }
    case "gridWorker3":
      return { token: (await gridWorker(uid("gw"), "grd_renxing_03")).token };
    case "gridWorkerNoGrid":
      return { token: (await gridWorker(uid("gw"), null)).token };
    case "admin":
      return { token: (await adminLogin()).token };
  }
}

beforeAll(async () => {
  for (const role of ROLES) accounts[role] = role === "admin" ? { token: await admin() } : await freshAccount(role);
  claimer = await freshAccount("volunteer");
  session = await examSession();
}, 180_000);

// ---------------------------------------------------------------- grid 5's things

/** A neighbour's wish in grid 5, taken through the API to `state`. */
async function wishInGrid5(state: "pending_review" | "open" | "claimed" | "fulfilled"): Promise<string> {
  const wisher = await residentInGrid(uid("wisher"), GRID5, { phone: WISHER_PHONE });
  const id = (await ok(api("POST", "/wishes", { token: wisher.token, body: wishBody() }))).body.id as string;
  if (state === "pending_review") return id;
  await ok(api("POST", `/admin/wishes/${id}/review`, { token: await admin(), body: { approve: true } }));
  if (state === "open") return id;
  await ok(api("POST", `/wishes/${id}/claim`, { token: claimer.token }));
  if (state === "claimed") return id;
  await ok(api("POST", `/wishes/${id}/fulfil`, { token: claimer.token, body: { note: "书包已经送到了" } }));
  return id;
}

/** A neighbour's exam ride in grid 5; `assigned` gives it to a driver none of the callers is. */
async function rideInGrid5(state: "requested" | "assigned"): Promise<string> {
  const booker = await residentInGrid(uid("booker"), GRID5);
  const id = (await ok(api("POST", "/rides", { token: booker.token, body: booking(session) }))).body.id as string;
  if (state === "assigned") await ok(api("POST", `/rides/${id}/accept`, { token: (await driver(uid())).token }));
  return id;
}

const REPORTER_PHONE = "13855557777";
const reportBody = (overrides: Record<string, unknown> = {}) => ({ category: "facility", description: "5号楼门口的路灯坏了，晚上很黑。", building: "5号楼1单元", public: false, gridId: GRID5, ...overrides });

const CARE_PHONE = "13855558888";
const careBody = (overrides: Record<string, unknown> = {}) => ({
  name: "马淑珍",
  gridId: GRID5,
  address: "仁兴街5号楼2单元301",
  phone: CARE_PHONE,
  emergencyContact: { name: "马建设", phone: "13855558889" },
  riskLevel: "high",
  consentAt: "2026-11-01",
  ...overrides,
});
/** An elder in grid 5, paired with a volunteer none of the callers is (or with `pairWith`, by a phone the other rows do not look for). */
async function elderInGrid5(pairWith?: string): Promise<string> {
  const id = (await ok(api("POST", "/admin/care-recipients", { token: await admin(), body: careBody(pairWith ? { phone: "13855550000" } : {}) }))).body.id as string;
  await ok(api("POST", `/admin/care-recipients/${id}/pairings/${pairWith ?? claimer.userId}`, { token: await admin() }));
  return id;
}
const showsElderPhone = (role: Role, res: ApiResponse) => (role !== "admin" && res.text.includes(CARE_PHONE) ? "shows a grid-5 elder's phone" : undefined);
const careVisit = () => ({ visitedAt: new Date(Date.now() - 3600_000).toISOString(), minutes: 30, outcome: "visited", flags: [] });

/** A crowdfunded topic with one owner's pledge, recorded by the admin. */
async function topicWithPledge(): Promise<{ id: string; pledgeId: string }> {
  const id = await topicAt("implementing", { targetFen: 11_400_000 });
  const pledgeId = (await ok(api("POST", `/admin/deliberations/${id}/pledges`, { token: await admin(), body: pledgeBody() }))).body.id as string;
  return { id, pledgeId };
}

/** A topic in voting on which the caller, when a resident, was named a representative. */
async function representativeOnVotingTopic(_role: Role, me: Account): Promise<string> {
  if (me.userId) await ok(api("POST", `/admin/representatives/${me.userId}`, { token: await admin() }));
  return topicAt("voting");
}
async function namedRepresentative(): Promise<string> {
  const userId = (await residentLogin(uid("rep"))).user.id;
  await ok(api("POST", `/admin/representatives/${userId}`, { token: await admin() }));
  return userId;
}
/** A neighbour's objection to a topic in publicity. */
async function objectionToAnswer(): Promise<{ id: string; oid: string }> {
  const id = await topicAt("publicized");
  const objector = await residentLogin(uid("objector"));
  const oid = (await ok(api("POST", `/deliberations/${id}/objections`, { token: objector.token, body: { text: "希望公布施工单位资质" } }))).body.id as string;
  return { id, oid };
}

/** A neighbour's report in grid 5 (public or not), taken through the API to `state` by the admin. */
async function reportInGrid5(state: "submitted" | "accepted" | "resolved", isPublic = false): Promise<string> {
  const reporter = await residentInGrid(uid("reporter"), GRID5, { phone: REPORTER_PHONE });
  const id = (await ok(api("POST", "/reports", { token: reporter.token, body: reportBody({ public: isPublic }) }))).body.id as string;
  if (state === "submitted") return id;
  await ok(api("POST", `/admin/reports/${id}/accept`, { token: await admin() }));
  if (state === "accepted") return id;
  await ok(api("POST", `/admin/reports/${id}/resolve`, { token: await admin(), body: { result: "已更换路灯" } }));
  return id;
}

/** An admin's task that opens for check-in now (it starts in 10 minutes). */
async function task(): Promise<{ id: string; checkInCode: string }> {
  const body = {
    title: "楼道清扫",
    description: "清扫三号楼楼道和门前空地",
    location: "仁兴小区3号楼",
    startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
    capacity: 20,
  };
  return (await ok(api("POST", "/admin/tasks", { token: await admin(), body }))).body;
}

const canVolunteer = (role: Role) => role === "volunteer" || role === "driver";

/** The task with the caller signed up (and checked in) when the caller is someone who can be. */
async function taskWithMySignup(role: Role, me: Account, checkedIn: boolean) {
  const t = await task();
  if (canVolunteer(role)) {
    await ok(api("POST", `/tasks/${t.id}/signup`, { token: me.token }));
    if (checkedIn) await ok(api("POST", `/tasks/${t.id}/check-in`, { token: me.token, body: { code: t.checkInCode } }));
  }
  return t;
}

// ---------------------------------------------------------------- the matrix

/** A status, or a status and error code ("403 NOT_A_VOLUNTEER") when the code is the point. */
type Cell = number | string;
interface Call {
  path: string;
  body?: unknown;
  form?: FormData;
}
interface Row {
  route: string;
  variant?: string;
  expect: Cell[];
  /**
   * The thing the row acts on. Built once per row, used by the callers from least to most
   * privileged, when at most the last expected success changes it; with `each`, built anew for
   * every cell (several callers succeed, or a caller below the admin wrongly succeeds today).
   */
  target?: (role: Role, me: Account) => Promise<any>;
  each?: boolean;
  call: (t: any, role: Role, me: Account) => Call;
  /** Use a new account of the caller's kind for this cell (the call uses up the caller). */
  fresh?: boolean;
  /** What is wrong with a successful cell's body, if anything (checked on top of the status). */
  see?: (role: Role, res: ApiResponse) => string | undefined;
}

const NV = "403 NOT_A_VOLUNTEER";
const ND = "403 NOT_A_VERIFIED_DRIVER";
const ALL = (status: number): Cell[] => ROLES.map(() => status);
// Residents' own routes: no token 401, each kind of resident `ok`, staff 403.
const RESIDENTS = (ok: number): Cell[] => [401, ok, ok, ok, ok, 403, 403, 403];
// Admin-only routes: no token 401, residents and grid workers 403.
const ADMIN = (ok: number): Cell[] => [401, 403, 403, 403, 403, 403, 403, ok];

const photoForm = () => {
  const form = new FormData();
  form.append("file", new File([PNG], "photo.png", { type: "image/png" }));
  return form;
};
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
const taskBody = () => ({ title: "社区义诊", description: "为老人测血压血糖", location: "社区活动室", startsAt: hoursFromNow(24), endsAt: hoursFromNow(26), capacity: 10 });
const sessionBody = () => ({ name: "2028年中考", kind: "zhongkao", examDates: session.examDates, bookingOpensAt: hoursFromNow(-24), bookingClosesAt: hoursFromNow(24), venues: [{ name: "第四中学考点", address: "铁西区南十中路1号" }] });
const applicationBody = { realName: "孙建国", phone: "13600002222", birthYear: 1970, skills: ["修理"], availability: "工作日上午", motivation: "想帮帮邻居" };
const onBehalfInGrid5 = () => ({ ...wishBody(), onBehalfOf: { name: "马淑珍", phone: "13511223344", gridId: GRID5 } });
async function pendingApplication() {
  const applicant = await residentLogin(uid("applicant"));
  return (await ok(api("POST", "/teams/team_marenxing/applications", { token: applicant.token, body: applicationBody }))).body.id as string;
}
async function pendingDriver() {
  const v = await volunteer(uid());
  await ok(api("PUT", "/me/driver-profile", { token: v.token, body: { plateNumber: "辽A54321", seats: 4, licenseYears: 3 } }));
  return v.user.id;
}
const rideToAssign = async () => ({ rideId: await rideInGrid5("requested"), driverUserId: (await driver(uid())).user.id });
const showsWisherPhone = (role: Role, res: ApiResponse) => {
  const shown = res.text.includes(WISHER_PHONE);
  if (role === "admin") return shown ? undefined : "admin should see the wisher's phone";
  return shown ? "shows the wisher's phone" : undefined;
};
const showsReporterPhone = (role: Role, res: ApiResponse) => {
  const shown = res.text.includes(REPORTER_PHONE);
  if (role === "admin") return shown ? undefined : "admin should see the reporter's phone";
  return shown ? "shows the reporter's phone" : undefined;
};
const showsCheckInCode = (role: Role, res: ApiResponse) =>
  (role === "admin") === /^\d{6}$/.test(res.body?.checkInCode ?? "") ? undefined : role === "admin" ? "no check-in code" : "shows the check-in code";

// One line per route: [anonymous, resident, volunteer, driver, partner, grid worker of grid 3, grid worker without grid, admin].
// prettier-ignore
const ROWS: Row[] = [
  { route: "GET /health",                                expect: ALL(200), call: () => ({ path: "/health" }) },
  { route: "GET /auth/methods",                          expect: ALL(200), call: () => ({ path: "/auth/methods" }) },
  { route: "POST /auth/wechat",                          expect: ALL(200), call: () => ({ path: "/auth/wechat", body: { code: `ok:${uid("wx")}` } }) },
  { route: "POST /auth/dev-login",                       expect: ALL(200), call: () => ({ path: "/auth/dev-login", body: { openid: uid(), nickname: "新邻居" } }) },
  { route: "POST /auth/staff-login",                     expect: ALL(200), call: () => ({ path: "/auth/staff-login", body: { username: "admin", password: "renxing-admin" } }) },
  { route: "POST /auth/logout",                          expect: [401, 204, 204, 204, 204, 204, 204, 204], fresh: true, call: () => ({ path: "/auth/logout" }) },
  { route: "GET /me",                                    expect: RESIDENTS(200), call: () => ({ path: "/me" }) },
  { route: "PUT /me",                                    expect: RESIDENTS(200), call: () => ({ path: "/me", body: { nickname: "改个昵称" } }) },
  { route: "GET /grids",                                 expect: ALL(200), call: () => ({ path: "/grids" }) },
  { route: "GET /partners",                              expect: ALL(200), call: () => ({ path: "/partners" }) },
  { route: "POST /admin/partners/:id/representatives",   expect: ADMIN(200), target: () => residentLogin(uid()), call: (r) => ({ path: "/admin/partners/ptn_renxing_01/representatives", body: { userId: r.user.id } }) },

  { route: "GET /teams",                                 expect: ALL(200), call: () => ({ path: "/teams" }) },
  { route: "GET /teams/:id",                             expect: ALL(200), call: () => ({ path: "/teams/team_marenxing" }) },
  { route: "POST /teams/:id/applications",               expect: RESIDENTS(201), call: () => ({ path: "/teams/team_6070/applications", body: applicationBody }) },
  { route: "GET /me/applications",                       expect: RESIDENTS(200), call: () => ({ path: "/me/applications" }) },
  { route: "DELETE /teams/:id/membership",               expect: [401, 404, 204, 204, 404, 403, 403, 403], fresh: true, call: () => ({ path: "/teams/team_marenxing/membership" }) },
  { route: "GET /admin/applications",                    expect: ADMIN(200), call: () => ({ path: "/admin/applications" }) },
  { route: "POST /admin/applications/:id/decision",      expect: ADMIN(200), target: pendingApplication, call: (id) => ({ path: `/admin/applications/${id}/decision`, body: { approve: true } }) },

  { route: "GET /wishes",                                expect: ALL(200), call: () => ({ path: "/wishes" }) },
  { route: "POST /wishes",                               expect: RESIDENTS(201), call: () => ({ path: "/wishes", body: wishBody() }) },
  { route: "GET /me/wishes",                             expect: RESIDENTS(200), call: () => ({ path: "/me/wishes" }) },
  { route: "GET /me/claimed-wishes",                     expect: RESIDENTS(200), call: () => ({ path: "/me/claimed-wishes" }) },
  { route: "GET /wishes/:id", variant: "pending wish",   expect: [404, 404, 404, 404, 404, 404, 404, 200], target: () => wishInGrid5("pending_review"), call: (id) => ({ path: `/wishes/${id}` }) },
  { route: "GET /wishes/:id", variant: "open wish",      expect: ALL(200), see: showsWisherPhone, target: () => wishInGrid5("open"), call: (id) => ({ path: `/wishes/${id}` }) },
  { route: "POST /wishes/:id/claim",                     expect: [401, NV, 200, 200, 200, 403, 403, 403], each: true, target: () => wishInGrid5("open"), call: (id, role, me) => ({ path: `/wishes/${id}/claim`, body: role === "partner" ? { partnerId: me.partnerId } : {} }) },
  { route: "POST /wishes/:id/release",                   expect: RESIDENTS(403), target: () => wishInGrid5("claimed"), call: (id) => ({ path: `/wishes/${id}/release` }) },
  { route: "POST /wishes/:id/fulfil",                    expect: RESIDENTS(403), target: () => wishInGrid5("claimed"), call: (id) => ({ path: `/wishes/${id}/fulfil`, body: { note: "已经送到了" } }) },
  { route: "POST /wishes/:id/confirm",                   expect: RESIDENTS(403), target: () => wishInGrid5("fulfilled"), call: (id) => ({ path: `/wishes/${id}/confirm`, body: { rating: 5 } }) },
  { route: "POST /wishes/:id/cancel",                    expect: RESIDENTS(403), target: () => wishInGrid5("open"), call: (id) => ({ path: `/wishes/${id}/cancel` }) },
  { route: "GET /admin/wishes",                          expect: [401, 403, 403, 403, 403, 200, 200, 200], see: (role, res) => staffWishListProblem(role, res), call: () => ({ path: "/admin/wishes?limit=100" }) },
  { route: "POST /admin/wishes",                         expect: [401, 403, 403, 403, 403, 403, 403, 201], call: () => ({ path: "/admin/wishes", body: onBehalfInGrid5() }) },
  { route: "POST /admin/wishes/:id/review",              expect: [401, 403, 403, 403, 403, 404, 404, 200], each: true, target: () => wishInGrid5("pending_review"), call: (id) => ({ path: `/admin/wishes/${id}/review`, body: { approve: true } }) },
  { route: "POST /uploads",                              expect: RESIDENTS(201), call: () => ({ path: "/uploads", form: photoForm() }) },

  { route: "GET /exam-sessions",                         expect: ALL(200), call: () => ({ path: "/exam-sessions" }) },
  { route: "POST /rides",                                expect: RESIDENTS(201), call: () => ({ path: "/rides", body: booking(session) }) },
  { route: "GET /me/rides",                              expect: RESIDENTS(200), call: () => ({ path: "/me/rides" }) },
  { route: "GET /me/driver-rides",                       expect: RESIDENTS(200), call: () => ({ path: "/me/driver-rides" }) },
  { route: "GET /rides/open",                            expect: [401, ND, ND, 200, ND, 403, 403, 403], call: () => ({ path: "/rides/open" }) },
  { route: "GET /rides/:id",                             expect: [401, 404, 404, 404, 404, 404, 404, 200], target: () => rideInGrid5("requested"), call: (id) => ({ path: `/rides/${id}` }) },
  { route: "POST /rides/:id/cancel",                     expect: [401, 404, 404, 404, 404, 404, 404, 200], each: true, target: () => rideInGrid5("requested"), call: (id) => ({ path: `/rides/${id}/cancel` }) },
  { route: "PUT /me/driver-profile",                     expect: [401, NV, 200, 200, NV, 403, 403, 403], fresh: true, call: () => ({ path: "/me/driver-profile", body: { plateNumber: "辽A88888", seats: 4, licenseYears: 5 } }) },
  { route: "POST /rides/:id/accept",                     expect: [401, ND, ND, 200, ND, 403, 403, 403], each: true, target: () => rideInGrid5("requested"), call: (id) => ({ path: `/rides/${id}/accept` }) },
  { route: "POST /rides/:id/progress",                   expect: [401, 404, 404, 404, 404, 403, 403, 403], target: () => rideInGrid5("assigned"), call: (id) => ({ path: `/rides/${id}/progress`, body: { status: "picked_up" } }) },
  { route: "POST /admin/exam-sessions",                  expect: ADMIN(201), call: () => ({ path: "/admin/exam-sessions", body: sessionBody() }) },
  { route: "GET /admin/rides",                           expect: ADMIN(200), call: () => ({ path: "/admin/rides" }) },
  { route: "POST /admin/rides/:id/assign",               expect: ADMIN(200), target: rideToAssign, call: (t) => ({ path: `/admin/rides/${t.rideId}/assign`, body: { driverUserId: t.driverUserId } }) },
  { route: "GET /admin/drivers",                         expect: ADMIN(200), call: () => ({ path: "/admin/drivers" }) },
  { route: "POST /admin/drivers/:userId/verification",   expect: ADMIN(200), target: pendingDriver, call: (userId) => ({ path: `/admin/drivers/${userId}/verification`, body: { approve: true } }) },

  { route: "GET /tasks",                                 expect: ALL(200), call: () => ({ path: "/tasks" }) },
  { route: "GET /tasks/:id",                             expect: ALL(200), see: showsCheckInCode, target: task, call: (t) => ({ path: `/tasks/${t.id}` }) },
  { route: "POST /tasks/:id/signup",                     expect: [401, NV, 201, 201, NV, 403, 403, 403], target: task, call: (t) => ({ path: `/tasks/${t.id}/signup` }) },
  { route: "DELETE /tasks/:id/signup",                   expect: [401, 404, 204, 204, 404, 403, 403, 403], each: true, target: (role, me) => taskWithMySignup(role, me, false), call: (t) => ({ path: `/tasks/${t.id}/signup` }) },
  { route: "POST /tasks/:id/check-in",                   expect: [401, 404, 200, 200, 404, 403, 403, 403], each: true, target: (role, me) => taskWithMySignup(role, me, false), call: (t) => ({ path: `/tasks/${t.id}/check-in`, body: { code: t.checkInCode } }) },
  { route: "POST /tasks/:id/check-out",                  expect: [401, 404, 200, 200, 404, 403, 403, 403], each: true, target: (role, me) => taskWithMySignup(role, me, true), call: (t) => ({ path: `/tasks/${t.id}/check-out` }) },
  { route: "GET /me/hours",                              expect: RESIDENTS(200), call: () => ({ path: "/me/hours" }) },
  { route: "POST /admin/tasks",                          expect: ADMIN(201), call: () => ({ path: "/admin/tasks", body: taskBody() }) },
  { route: "GET /admin/tasks/:id/roster",                expect: ADMIN(200), target: task, call: (t) => ({ path: `/admin/tasks/${t.id}/roster` }) },
  { route: "POST /admin/hours",                          expect: ADMIN(201), call: () => ({ path: "/admin/hours", body: { userId: accounts.resident.userId, minutes: 90, title: "协助社区义诊", at: new Date().toISOString() } }) },
  { route: "GET /admin/hours/summary",                   expect: ADMIN(200), call: () => ({ path: "/admin/hours/summary" }) },
  { route: "GET /admin/hours.csv",                       expect: ADMIN(200), call: () => ({ path: "/admin/hours.csv" }) },

  { route: "GET /me/notifications",                      expect: RESIDENTS(200), call: () => ({ path: "/me/notifications" }) },
  { route: "GET /me/notifications/unread-count",         expect: RESIDENTS(200), call: () => ({ path: "/me/notifications/unread-count" }) },
  { route: "POST /me/notifications/read",                expect: RESIDENTS(204), call: () => ({ path: "/me/notifications/read", body: { all: true } }) },
  { route: "GET /me/subscriptions",                      expect: RESIDENTS(200), call: () => ({ path: "/me/subscriptions" }) },
  { route: "POST /me/subscriptions",                     expect: RESIDENTS(200), call: () => ({ path: "/me/subscriptions", body: { results: { wish_claimed: "accept" } } }) },

  { route: "POST /admin/open311-keys",                   expect: ADMIN(201), call: () => ({ path: "/admin/open311-keys", body: { name: "区级指挥平台" } }) },
  { route: "GET /admin/open311-keys",                    expect: ADMIN(200), see: (_role, res) => (/rx311_|key_?hash/i.test(res.text) ? "shows a key or its hash" : undefined), call: () => ({ path: "/admin/open311-keys" }) },
  { route: "POST /admin/open311-keys/:id/revoke",        expect: ADMIN(200), target: async () => (await ok(api("POST", "/admin/open311-keys", { token: await admin(), body: { name: "待停用平台" } }))).body.id, call: (id) => ({ path: `/admin/open311-keys/${id}/revoke` }) },

  { route: "GET /report-categories",                     expect: ALL(200), call: () => ({ path: "/report-categories" }) },
  { route: "POST /reports",                              expect: RESIDENTS(201), call: () => ({ path: "/reports", body: reportBody() }) },
  { route: "GET /me/reports",                            expect: RESIDENTS(200), call: () => ({ path: "/me/reports" }) },
  { route: "GET /reports",                               expect: ALL(200), see: (_role, res) => (res.text.includes(REPORTER_PHONE) ? "shows a reporter's phone" : undefined), call: () => ({ path: "/reports?limit=100" }) },
  { route: "GET /reports/:id", variant: "private report", expect: [404, 404, 404, 404, 404, 404, 404, 200], see: showsReporterPhone, target: () => reportInGrid5("accepted"), call: (id) => ({ path: `/reports/${id}` }) },
  { route: "GET /reports/:id", variant: "public report", expect: ALL(200), see: showsReporterPhone, target: () => reportInGrid5("accepted", true), call: (id) => ({ path: `/reports/${id}` }) },
  { route: "POST /reports/:id/withdraw",                 expect: [401, 404, 404, 404, 404, 403, 403, 403], target: () => reportInGrid5("submitted"), call: (id) => ({ path: `/reports/${id}/withdraw` }) },
  { route: "POST /reports/:id/rate",                     expect: [401, 404, 404, 404, 404, 403, 403, 403], target: () => reportInGrid5("resolved"), call: (id) => ({ path: `/reports/${id}/rate`, body: { rating: "satisfied" } }) },
  { route: "POST /admin/reports",                        expect: [401, 403, 403, 403, 403, 201, 201, 201], call: () => ({ path: "/admin/reports", body: { ...reportBody(), reporter: { name: "王大爷", phone: "13912345678" } } }) },
  { route: "GET /admin/reports",                         expect: [401, 403, 403, 403, 403, 200, 200, 200], see: (role, res) => (role !== "admin" && res.text.includes(REPORTER_PHONE) ? "lists grid 5's reports" : undefined), call: () => ({ path: "/admin/reports?limit=100" }) },
  { route: "POST /admin/reports/:id/accept",             expect: [401, 403, 403, 403, 403, 404, 404, 200], target: () => reportInGrid5("submitted"), call: (id) => ({ path: `/admin/reports/${id}/accept` }) },
  { route: "POST /admin/reports/:id/notes",              expect: [401, 403, 403, 403, 403, 404, 404, 200], target: () => reportInGrid5("accepted"), call: (id) => ({ path: `/admin/reports/${id}/notes`, body: { text: "已联系物业" } }) },
  { route: "POST /admin/reports/:id/escalate",           expect: [401, 403, 403, 403, 403, 404, 404, 200], target: () => reportInGrid5("accepted"), call: (id) => ({ path: `/admin/reports/${id}/escalate`, body: { reason: "需要街道协调" } }) },
  { route: "POST /admin/reports/:id/resolve",            expect: [401, 403, 403, 403, 403, 404, 404, 200], target: () => reportInGrid5("accepted"), call: (id) => ({ path: `/admin/reports/${id}/resolve`, body: { result: "已更换路灯" } }) },
  { route: "POST /admin/reports/:id/reject",             expect: [401, 403, 403, 403, 403, 404, 404, 200], target: () => reportInGrid5("submitted"), call: (id) => ({ path: `/admin/reports/${id}/reject`, body: { reason: "不属于社区管辖" } }) },
  { route: "GET /admin/reports/stats",                   expect: [401, 403, 403, 403, 403, 200, 200, 200], call: () => ({ path: "/admin/reports/stats" }) },

  { route: "GET /me/care",                               expect: RESIDENTS(200), see: showsElderPhone, target: () => elderInGrid5(), call: () => ({ path: "/me/care" }) },
  { route: "POST /care/:recipientId/visits", variant: "not paired", expect: [401, 404, 404, 404, 404, 403, 403, 403], see: showsElderPhone, target: () => elderInGrid5(), call: (id) => ({ path: `/care/${id}/visits`, body: careVisit() }) },
  { route: "POST /care/:recipientId/visits", variant: "paired volunteer", expect: [401, 404, 201, 404, 404, 403, 403, 403], each: true, target: (role, me) => elderInGrid5(role === "volunteer" ? me.userId : undefined), call: (id) => ({ path: `/care/${id}/visits`, body: careVisit() }) },
  { route: "GET /care/:recipientId/visits",              expect: [401, 404, 404, 404, 404, 404, 404, 200], see: showsElderPhone, target: () => elderInGrid5(), call: (id) => ({ path: `/care/${id}/visits` }) },
  { route: "GET /admin/care-recipients",                 expect: [401, 403, 403, 403, 403, 200, 200, 200], see: showsElderPhone, target: () => elderInGrid5(), call: () => ({ path: "/admin/care-recipients?limit=100" }) },
  { route: "POST /admin/care-recipients",                expect: [401, 403, 403, 403, 403, 404, 404, 201], call: () => ({ path: "/admin/care-recipients", body: careBody() }) },
  { route: "GET /admin/care-recipients/:id",             expect: [401, 403, 403, 403, 403, 404, 404, 200], see: showsElderPhone, target: () => elderInGrid5(), call: (id) => ({ path: `/admin/care-recipients/${id}` }) },
  { route: "PUT /admin/care-recipients/:id",             expect: [401, 403, 403, 403, 403, 404, 404, 200], see: showsElderPhone, target: () => elderInGrid5(), call: (id) => ({ path: `/admin/care-recipients/${id}`, body: careBody({ riskLevel: "key" }) }) },
  { route: "POST /admin/care-recipients/:id/pairings/:userId", expect: ADMIN(204), target: async () => ({ id: await elderInGrid5(), userId: (await volunteer(uid())).user.id }), call: (t) => ({ path: `/admin/care-recipients/${t.id}/pairings/${t.userId}` }) },
  { route: "DELETE /admin/care-recipients/:id/pairings/:userId", expect: ADMIN(204), target: () => elderInGrid5(), call: (id) => ({ path: `/admin/care-recipients/${id}/pairings/${claimer.userId}` }) },
  { route: "GET /admin/care/overdue",                    expect: [401, 403, 403, 403, 403, 200, 200, 200], see: showsElderPhone, call: () => ({ path: "/admin/care/overdue" }) },
  { route: "GET /admin/care/stats",                      expect: [401, 403, 403, 403, 403, 200, 200, 200], see: showsElderPhone, call: () => ({ path: "/admin/care/stats" }) },

  { route: "GET /deliberations/:id/comments",            expect: ALL(200), target: () => topicAt("consulting"), call: (id) => ({ path: `/deliberations/${id}/comments` }) },
  { route: "POST /deliberations/:id/comments",           expect: RESIDENTS(201), target: () => topicAt("consulting"), call: (id) => ({ path: `/deliberations/${id}/comments`, body: { text: "建议先修北侧外墙" } }) },
  { route: "POST /suggestions",                          expect: RESIDENTS(201), call: () => ({ path: "/suggestions", body: { title: "楼道加装扶手", text: "三号楼老人多，上下楼不方便，希望加装扶手。" } }) },
  { route: "GET /me/suggestions",                        expect: RESIDENTS(200), call: () => ({ path: "/me/suggestions" }) },
  { route: "POST /admin/deliberations/:id/meetings",     expect: ADMIN(201), target: () => topicAt("consulting"), call: (id) => ({ path: `/admin/deliberations/${id}/meetings`, body: meetingBody() }) },
  { route: "POST /admin/deliberations/:id/pledges",      expect: ADMIN(201), target: () => topicAt("consulting", { targetFen: 11_400_000 }), call: (id) => ({ path: `/admin/deliberations/${id}/pledges`, body: pledgeBody() }) },
  { route: "POST /admin/deliberations/:id/payments",     expect: ADMIN(201), target: topicWithPledge, call: (t) => ({ path: `/admin/deliberations/${t.id}/payments`, body: paymentBody(t.pledgeId) }) },
  { route: "POST /admin/deliberations/:id/progress",     expect: ADMIN(201), target: () => topicAt("implementing"), call: (id) => ({ path: `/admin/deliberations/${id}/progress`, body: { note: "脚手架已搭好" } }) },
  { route: "GET /deliberations",                         expect: ALL(200), call: () => ({ path: "/deliberations" }) },
  { route: "GET /deliberations/:id",                     expect: ALL(200), target: () => topicAt("voting"), call: (id) => ({ path: `/deliberations/${id}` }) },
  { route: "POST /deliberations/:id/votes", variant: "not named", expect: [401, "403 NOT_A_REPRESENTATIVE", "403 NOT_A_REPRESENTATIVE", "403 NOT_A_REPRESENTATIVE", "403 NOT_A_REPRESENTATIVE", 403, 403, 403], target: () => topicAt("voting"), call: (id) => ({ path: `/deliberations/${id}/votes`, body: { choice: "approve" } }) },
  { route: "POST /deliberations/:id/votes", variant: "named representative", expect: [401, 201, 201, 201, 201, 403, 403, 403], each: true, fresh: true, target: representativeOnVotingTopic, call: (id) => ({ path: `/deliberations/${id}/votes`, body: { choice: "approve" } }) },
  { route: "POST /deliberations/:id/objections",         expect: RESIDENTS(201), target: () => topicAt("publicized"), call: (id) => ({ path: `/deliberations/${id}/objections`, body: { text: "希望公布施工单位资质" } }) },
  { route: "POST /admin/deliberations",                  expect: ADMIN(201), call: () => ({ path: "/admin/deliberations", body: { title: "楼道照明改造", background: "楼道灯老化，夜间老人上下楼不安全。", proposal: "更换为声控节能灯，由社区出资。" } }) },
  { route: "POST /admin/deliberations/:id/advance",      expect: ADMIN(200), target: () => topicAt("proposed"), call: (id) => ({ path: `/admin/deliberations/${id}/advance`, body: { to: "consulting" } }) },
  { route: "POST /admin/deliberations/:id/objections/:oid/answer", expect: ADMIN(200), target: objectionToAnswer, call: (t) => ({ path: `/admin/deliberations/${t.id}/objections/${t.oid}/answer`, body: { answer: "已在公告栏公示" } }) },
  { route: "POST /admin/representatives/:userId",        expect: ADMIN(204), target: async () => (await residentLogin(uid("rep"))).user.id, call: (userId) => ({ path: `/admin/representatives/${userId}` }) },
  { route: "DELETE /admin/representatives/:userId",      expect: ADMIN(204), target: namedRepresentative, call: (userId) => ({ path: `/admin/representatives/${userId}` }) },
];

/**
 * `GET /admin/wishes` for staff: the grid-3 worker lists its own grid's wishes and none of grid
 * 5's; the worker without a grid lists nothing; the admin sees grid 5's.
 */
let grid3WishId: string;
let grid5WishId: string;
function staffWishListProblem(role: Role, res: ApiResponse): string | undefined {
  const items = (res.body?.items ?? []) as { id: string; gridId: string | null }[];
  const ids = items.map((w) => w.id);
  if (role === "gridWorker3") {
    if (items.some((w) => w.gridId !== "grd_renxing_03")) return "lists wishes of other grids";
    if (!ids.includes(grid3WishId)) return "misses its own grid's wish";
  }
  if (role === "gridWorkerNoGrid" && items.length > 0) return `lists ${items.length} wishes`;
  if (role === "admin" && !(ids.includes(grid5WishId) && ids.includes(grid3WishId))) return "misses wishes";
  return undefined;
}

function send(method: string, call: Call, token: string | undefined): Promise<ApiResponse> {
  return api(method, call.path, { token, body: call.body, form: call.form });
}

describe("authorization matrix", () => {
  it("has a row for every route the API serves, and no row for a route it does not", () => {
    const served = new Set(createApi().routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    const tabled = new Set(ROWS.map((r) => r.route));
    expect([...served].filter((k) => !tabled.has(k)), "routes without a row").toEqual([]);
    expect([...tabled].filter((k) => !served.has(k)), "rows for routes the API does not serve").toEqual([]);
    for (const row of ROWS) expect(row.expect, row.route).toHaveLength(ROLES.length);
  });

  beforeAll(async () => {
    grid3WishId = (await ok(api("POST", "/admin/wishes", { token: await admin(), body: { ...wishBody(), onBehalfOf: { name: "刘桂兰", phone: "13522223333", gridId: "grd_renxing_03" } } }))).body.id;
    grid5WishId = await wishInGrid5("pending_review");
  }, 60_000);

  it("the people the matrix's callers are strangers to do see their own: the wisher a pending wish, the booker a ride", async () => {
    const wisher = await residentInGrid(uid("wisher"), GRID5, { phone: WISHER_PHONE });
    const wishId = (await ok(api("POST", "/wishes", { token: wisher.token, body: wishBody() }))).body.id;
    expect((await api("GET", `/wishes/${wishId}`, { token: wisher.token })).status).toBe(200);
    const booker = await residentInGrid(uid("booker"), GRID5);
    const rideId = (await ok(api("POST", "/rides", { token: booker.token, body: booking(session) }))).body.id;
    expect((await api("GET", `/rides/${rideId}`, { token: booker.token })).status).toBe(200);
  });

  for (const row of ROWS) {
    const name = `${row.route}${row.variant ? ` (${row.variant})` : ""}`;
    it(name, { timeout: 180_000 }, async () => {
      const method = row.route.slice(0, row.route.indexOf(" "));
      const seen: Cell[] = [];
      let shared: unknown;
      // Least to most privileged: a row's one shared target is changed, if at all, by the last cell.
      for (const [i, role] of ROLES.entries()) {
        const me = row.fresh ? await freshAccount(role) : accounts[role];
        const target = !row.target ? undefined : row.each ? await row.target(role, me) : (shared ??= await row.target(role, me));
        const res = await send(method, row.call(target, role, me), me.token);
        const expected = row.expect[i]!;
        let cell: Cell = typeof expected === "string" ? `${res.status} ${res.body?.error?.code}` : res.status;
        const problem = res.status < 300 ? row.see?.(role, res) : undefined;
        if (problem) cell = `${cell} (${problem})`;
        seen.push(cell);
      }
      expect(seen, ROLES.join(" / ")).toEqual(row.expect);
    });
  }
});
