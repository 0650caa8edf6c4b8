import type { DeliberationStage } from "@renxing/shared";
import { env } from "cloudflare:test";
import { admin } from "./fixtures";
import { api, residentLogin } from "./helpers";

/** Journeys through the hall's governance API, for its tests. */

export const topicBody = (overrides: Record<string, unknown> = {}) => ({
  title: "德龙小区外立面修缮",
  background: "外墙瓷砖多处空鼓脱落，雨季有坠落伤人的风险，业主多次反映。",
  proposal: "由产权人众筹、政府指导，对外立面进行整体修缮，预计三个月完工。",
  ...overrides,
});

export async function proposeTopic(overrides: Record<string, unknown> = {}) {
  const res = await api("POST", "/admin/deliberations", { token: await admin(), body: topicBody(overrides) });
  if (res.status !== 201) throw new Error(`could not propose a topic: ${res.status} ${res.text}`);
  return res.body as { id: string; stage: DeliberationStage };
}

export const advance = async (id: string, to: DeliberationStage, note?: string) =>
  api("POST", `/admin/deliberations/${id}/advance`, { token: await admin(), body: note === undefined ? { to } : { to, note } });

/** A resident the admin named a representative. */
export async function representative(openid: string) {
  const login = await residentLogin(openid, "居民代表");
  const named = await api("POST", `/admin/representatives/${login.user.id}`, { token: await admin() });
  if (named.status !== 204) throw new Error(`could not name ${openid}: ${named.status} ${named.text}`);
  return login;
}

/** Only these residents are representatives from now on (the demo seed may name some). */
export async function onlyRepresentatives(count: number, prefix: string) {
  await env.DB.prepare("delete from representatives").run();
  const reps = [];
  for (let i = 0; i < count; i++) reps.push(await representative(`${prefix}-${i}`));
  return reps;
}

/** A new topic moved through the API to `voting` (or an earlier stage on the path). */
export async function topicIn(stage: "proposed" | "consulting" | "voting", overrides: Record<string, unknown> = {}) {
  const topic = await proposeTopic(overrides);
  for (const to of ["consulting", "voting"] as const) {
    if (stage === "proposed" || (stage === "consulting" && to === "voting")) break;
    const moved = await advance(topic.id, to);
    if (moved.status !== 200) throw new Error(`could not move to ${to}: ${moved.text}`);
  }
  return topic;
}

/** A topic in `publicized`: one representative (made the only one) approved it and the vote closed. */
export async function publicizedTopic(prefix: string, overrides: Record<string, unknown> = {}) {
  const [rep] = await onlyRepresentatives(1, prefix);
  const topic = await topicIn("voting", overrides);
  const voted = await api("POST", `/deliberations/${topic.id}/votes`, { token: rep!.token, body: { choice: "approve" } });
  if (voted.status !== 201) throw new Error(`could not vote: ${voted.text}`);
  const closed = await advance(topic.id, "publicized");
  if (closed.body?.stage !== "publicized") throw new Error(`vote did not pass: ${closed.text}`);
  return topic;
}

/** Publicity over, as if the days had passed. */
export const endPublicity = (id: string) => env.DB.prepare("update deliberations set publicized_until = ? where id = ?").bind(Date.now() - 1000, id).run();
