import { shanghaiDate } from "@renxing/shared";
import { admin } from "./fixtures";
import { api } from "./helpers";

/** A body for POST /admin/care-recipients; `address` and `phone` are what privacy tests look for. */
export const recipientBody = (overrides: Record<string, unknown> = {}) => ({
  name: "马淑珍",
  gridId: "grd_renxing_02",
  address: "仁兴街12号楼3单元502",
  phone: "13840002001",
  emergencyContact: { name: "马建设", phone: "13840002002" },
  riskLevel: "high",
  needs: "腿脚不便，需要有人帮忙买菜",
  consentAt: shanghaiDate(Date.now()),
  ...overrides,
});

/** Registered by the admin (or `token`); returns the answer's body. */
export async function registerRecipient(overrides: Record<string, unknown> = {}, token?: string) {
  const res = await api("POST", "/admin/care-recipients", { token: token ?? (await admin()), body: recipientBody(overrides) });
  if (res.status !== 201) throw new Error(`register refused: ${res.status} ${res.text}`);
  return res.body as { id: string; nextDueAt: string; [key: string]: unknown };
}

export async function pair(recipientId: string, userId: string) {
  const res = await api("POST", `/admin/care-recipients/${recipientId}/pairings/${userId}`, { token: await admin() });
  if (res.status !== 204) throw new Error(`pairing refused: ${res.status} ${res.text}`);
}

/** A visit body; `visitedAt` defaults to an hour ago. */
export const visitBody = (overrides: Record<string, unknown> = {}) => ({
  visitedAt: new Date(Date.now() - 3600_000).toISOString(),
  minutes: 45,
  outcome: "visited",
  flags: [],
  note: "陪老人聊了聊天，帮忙收拾了厨房",
  ...overrides,
});
