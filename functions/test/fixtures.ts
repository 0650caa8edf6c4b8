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
