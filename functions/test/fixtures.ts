import { shanghaiDate } from "@renxing/shared";
import { env } from "cloudflare:test";
import { adminLogin, api, residentLogin } from "./helpers";

/**
 * Journeys the tests need as a starting point, done through the real API (never by writing rows),
 * so a fixture breaks when the journey breaks.
 */

let adminToken: string | undefined;
export async function admin(): Promise<string> {
  adminToken ??= (await adminLogin()).token;
  return adminToken;
}

/** A resident who applied to 马仁兴志愿者服务队 and was approved. */
export async function volunteer(openid: string, realName = "李志愿") {
  const login = await residentLogin(openid, realName);
  const applied = await api("POST", "/teams/team_marenxing/applications", {
    token: login.token,
    body: { realName, phone: "13600000000", birthYear: 1980, skills: [], availability: "周末", motivation: "" },
  });
  const decided = await api("POST", `/admin/applications/${applied.body.id}/decision`, { token: await admin(), body: { approve: true } });
  if (decided.status !== 200) throw new Error(`could not make ${openid} a volunteer: ${decided.text}`);
  return login;
}

export const wishBody = (overrides: Record<string, unknown> = {}) => ({
  title: "想要一个新书包",
  story: "孩子的书包背了三年，拉链坏了，开学前想换个新的。",
  category: "study",
  estimatedValueYuan: 120,
  ...overrides,
});

/** A wish posted by `token`'s resident and approved by staff: `open` on the wall. */
export async function openWish(token: string, overrides: Record<string, unknown> = {}) {
  const posted = await api("POST", "/wishes", { token, body: wishBody(overrides) });
  if (posted.status !== 201) throw new Error(`could not post a wish: ${posted.text}`);
  const reviewed = await api("POST", `/admin/wishes/${posted.body.id}/review`, { token: await admin(), body: { approve: true } });
  if (reviewed.status !== 200) throw new Error(`could not approve the wish: ${reviewed.text}`);
  return posted.body.id as string;
}

/** A volunteer with a verified driver profile and `seats` seats. */
export async function driver(openid: string, seats = 4, realName = "赵师傅") {
  const login = await volunteer(openid, realName);
  await api("PUT", "/me", { token: login.token, body: { phone: "13700007777" } });
  const saved = await api("PUT", "/me/driver-profile", { token: login.token, body: { plateNumber: "辽A12345", seats, licenseYears: 8 } });
  if (saved.status !== 200) throw new Error(`driver profile refused: ${saved.text}`);
  const verified = await api("POST", `/admin/drivers/${login.user.id}/verification`, { token: await admin(), body: { approve: true } });
  if (verified.status !== 200) throw new Error(`verification refused: ${verified.text}`);
  return login;
}

const DAY = 24 * 3600_000;
/** `YYYY-MM-DD` in Asia/Shanghai, `days` from now. */
export const dayFromNow = (days: number) => shanghaiDate(Date.now() + days * DAY);
/** An ISO time on `date` at `hhmm` Shanghai time. */
export const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;

/** An exam session opened by the admin: booking open now, exams in 20 and 21 days, two venues. */
export async function examSession(overrides: Record<string, unknown> = {}) {
  const res = await api("POST", "/admin/exam-sessions", {
    token: await admin(),
    body: {
      name: "2027年高考",
      kind: "gaokao",
      examDates: [dayFromNow(20), dayFromNow(21)],
      bookingOpensAt: new Date(Date.now() - DAY).toISOString(),
      bookingClosesAt: new Date(Date.now() + 10 * DAY).toISOString(),
      venues: [
        { name: "沈阳市第二十中学考点", address: "铁西区兴华北街12号" },
        { name: "沈阳市第一二〇中学考点", address: "铁西区北二中路5号" },
      ],
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`session refused: ${res.text}`);
  return res.body as { id: string; examDates: string[]; venues: { id: string; name: string }[] };
}

export function booking(session: { id: string; examDates: string[]; venues: { id: string }[] }, overrides: Record<string, unknown> = {}) {
  const examDate = session.examDates[0]!;
  return {
    sessionId: session.id,
    venueId: session.venues[0]!.id,
    examDate,
    pickupAt: at(examDate, "07:00"),
    pickupAddress: "仁兴小区3号楼2单元",
    studentName: "李小明",
    guardianName: "李建华",
    guardianPhone: "13912340000",
    passengers: 2,
    ...overrides,
  };
}

/**
 * A grid worker account (`gridId` null: an account nobody gave a grid yet), signed in through the
 * API. Staff accounts are made by `npm run staff:create`, not the API, so the row is written here
 * with the development admin's password hash.
 */
export async function gridWorker(username: string, gridId: string | null) {
  await env.DB.prepare(
    "insert into staff (id, username, display_name, password_hash, role, grid_id, created_at) select ?, ?, ?, password_hash, 'grid_worker', ?, 0 from staff where username = 'admin'",
  )
    .bind(`stf_${username}`, username, `网格员${username}`, gridId)
    .run();
  const res = await api("POST", "/auth/staff-login", { body: { username, password: "renxing-admin" } });
  if (res.status !== 200) throw new Error(`grid worker login failed: ${res.text}`);
  return res.body as { token: string; staff: { id: string } };
}

/** A resident whose profile puts them in `gridId`, with a real name and phone (what staff see). */
export async function residentInGrid(openid: string, gridId: string, profile: { realName?: string; phone?: string } = {}) {
  const login = await residentLogin(openid, "网格居民");
  const saved = await api("PUT", "/me", { token: login.token, body: { realName: "周桂芳", phone: "13855550505", ...profile, gridId } });
  if (saved.status !== 200) throw new Error(`could not put ${openid} in ${gridId}: ${saved.text}`);
  return login;
}

/** A resident made the representative of the first partner unit by the admin. */
export async function partnerRep(openid: string) {
  const login = await residentLogin(openid, "共建单位代表");
  const partnerId = (await api("GET", "/partners")).body.items[0].id as string;
  const added = await api("POST", `/admin/partners/${partnerId}/representatives`, { token: await admin(), body: { userId: login.user.id } });
  if (added.status !== 200) throw new Error(`could not make ${openid} a partner rep: ${added.text}`);
  return { ...login, partnerId };
}
