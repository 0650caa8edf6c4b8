import { describe, expect, it } from "vitest";
import { admin } from "./fixtures";
import { api, residentLogin } from "./helpers";

/**
 * Every body-taking endpoint, fed a spread of malformed bodies: each answer must be a 4xx in the
 * contract's error shape with a Chinese message, never a 500 and never a stack trace.
 */
const ENDPOINTS: { method: string; path: string; as: "resident" | "admin" | "anyone" }[] = [
  { method: "POST", path: "/auth/dev-login", as: "anyone" },
  { method: "POST", path: "/auth/wechat", as: "anyone" },
  { method: "POST", path: "/auth/staff-login", as: "anyone" },
  { method: "PUT", path: "/me", as: "resident" },
  { method: "POST", path: "/teams/team_6070/applications", as: "resident" },
  { method: "POST", path: "/admin/applications/app_x/decision", as: "admin" },
  { method: "POST", path: "/wishes", as: "resident" },
  { method: "POST", path: "/wishes/wsh_x/claim", as: "resident" },
  { method: "POST", path: "/wishes/wsh_x/fulfil", as: "resident" },
  { method: "POST", path: "/wishes/wsh_x/confirm", as: "resident" },
  { method: "POST", path: "/admin/wishes", as: "admin" },
  { method: "POST", path: "/admin/wishes/wsh_x/review", as: "admin" },
  { method: "POST", path: "/admin/partners/ptn_x/representatives", as: "admin" },
  { method: "POST", path: "/rides", as: "resident" },
  { method: "PUT", path: "/me/driver-profile", as: "resident" },
  { method: "POST", path: "/rides/rid_x/progress", as: "resident" },
  { method: "POST", path: "/admin/exam-sessions", as: "admin" },
  { method: "POST", path: "/admin/rides/rid_x/assign", as: "admin" },
  { method: "POST", path: "/admin/drivers/usr_x/verification", as: "admin" },
  { method: "POST", path: "/tasks/tsk_x/check-in", as: "resident" },
  { method: "POST", path: "/admin/tasks", as: "admin" },
  { method: "POST", path: "/admin/hours", as: "admin" },
];

const WRONG_VALUES = [null, true, -1, 1.5, 1e308, "", " ", "x".repeat(5000), "2027-13-45", "2027-06-07T25:61:00+08:00", "' or 1=1 --", "<script>", [], [null], {}, { nested: { deep: [1, "a"] } }];
const FIELDS = ["title", "story", "category", "rating", "note", "photoUrls", "partnerId", "approve", "reason", "realName", "phone", "birthYear", "skills", "gridId", "nickname", "openid", "code", "username", "password", "sessionId", "venueId", "examDate", "pickupAt", "passengers", "plateNumber", "seats", "licenseYears", "status", "driverUserId", "userId", "name", "kind", "examDates", "bookingOpensAt", "bookingClosesAt", "venues", "onBehalfOf", "estimatedValueYuan", "availability", "motivation", "description", "location", "startsAt", "endsAt", "capacity", "teamId", "minutes", "at"];

function badBodies(): unknown[] {
  const bodies: unknown[] = ["", "null", "[]", '"text"', "42", "{", '{"a":', "\u0000", "{}"];
  for (const value of WRONG_VALUES) bodies.push(Object.fromEntries(FIELDS.map((f) => [f, value])));
  return bodies;
}

describe("bad input never breaks the server", () => {
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.method} ${endpoint.path}: malformed bodies get a 4xx contract error, never a 500`, async () => {
      const resident = (await residentLogin("fuzzer")).token;
      const staff = await admin();
      const token = endpoint.as === "resident" ? resident : endpoint.as === "admin" ? staff : undefined;
      for (const body of badBodies()) {
        const res = await api(endpoint.method, endpoint.path, { token, body: typeof body === "string" ? body : JSON.stringify(body) });
        const label = `${endpoint.method} ${endpoint.path} ${String(typeof body === "string" ? body : JSON.stringify(body)).slice(0, 80)}`;
        // Some odd bodies are still valid somewhere (any string is a fine openid): never a 5xx.
        expect(res.status, label).toBeLessThan(500);
        if (res.status < 400) continue;
        expect(res.body?.error?.code, label).toMatch(/^[A-Z_]+$/);
        expect(res.body.error.message, label).toMatch(/[\u4e00-\u9fff]/);
        expect(res.text, label).not.toMatch(/at .*\.(ts|js):\d+|SQLITE|D1_ERROR/);
      }
    });
  }

  it("malformed query strings get 400, never a 500", async () => {
    const staff = await admin();
    for (const path of ["/wishes?limit=abc", "/wishes?limit=0", "/wishes?status=%00", "/wishes?category=1&cursor=%%%", "/admin/rides?examDate=2027-99-99", "/admin/wishes?gridId=' or 1=1", "/admin/applications?limit=1e9", "/admin/drivers?status=x", "/admin/hours.csv?from=2027-02-30", "/admin/hours/summary?to=x"]) {
      const res = await api("GET", path, { token: staff });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    // A cursor that does not decode starts from the top instead of failing.
    expect((await api("GET", "/wishes?cursor=not-a-cursor")).status).toBe(200);
  });
});
