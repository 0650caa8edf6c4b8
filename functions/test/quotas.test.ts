import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, booking, examSession, wishBody } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));

async function upload(token: string) {
  const form = new FormData();
  form.append("file", new File([PNG], "photo.png", { type: "image/png" }));
  const res = await exports.default.fetch(new Request("http://localhost/api/v1/uploads", { method: "POST", body: form, headers: { authorization: `Bearer ${token}` } }));
  return { status: res.status, body: (await res.json()) as any };
}

const statuses = (results: { status: number }[]) => results.map((r) => r.status).sort();
const times = (n: number, status: number) => Array.from({ length: n }, () => status);

describe("per-account daily limits", () => {
  it("35 uploads fired at once: exactly 30 are stored, 5 get 429 RATE_LIMITED", async () => {
    const { token, user } = await residentLogin("quota-uploader");
    const results = await Promise.all(Array.from({ length: 35 }, () => upload(token)));
    expect(statuses(results)).toEqual([...times(30, 201), ...times(5, 429)]);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    expect(refused.body.error.message).toMatch(/照片/);
    expect(await rows("select key from uploads where user_id = ?", user.id)).toHaveLength(30);
    // Refused before anything reaches R2.
    const stored = (await env.MEDIA.list()).objects.length;
    expect((await upload(token)).status).toBe(429);
    expect((await env.MEDIA.list()).objects.length).toBe(stored);
    // Another resident is not affected by someone else's quota.
    const { token: other } = await residentLogin("quota-neighbour");
    expect((await upload(other)).status).toBe(201);
  });

  it("a resident may post 10 wishes a day, cancelled ones included; parallel posts cannot pass it", async () => {
    const { token, user } = await residentLogin("quota-wisher");
    for (let i = 0; i < 9; i++) {
      const posted = await api("POST", "/wishes", { token, body: wishBody() });
      expect(posted.status).toBe(201);
      expect((await api("POST", `/wishes/${posted.body.id}/cancel`, { token })).status).toBe(200);
    }
    const results = await Promise.all(Array.from({ length: 3 }, () => api("POST", "/wishes", { token, body: wishBody() })));
    expect(statuses(results)).toEqual([201, 429, 429]);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    expect(refused.body.error.message).toMatch(/心愿/);
    expect(await rows("select id from wishes where user_id = ?", user.id)).toHaveLength(10);
  });

  it("12 ride bookings fired at once for different students: exactly 10 are booked", async () => {
    const session = await examSession({ name: "配额测试场次" });
    const { token, user } = await residentLogin("quota-family");
    const students = ["张一", "张二", "张三", "张四", "张五", "张六", "张七", "张八", "张九", "张十", "张十一", "张十二"];
    const results = await Promise.all(students.map((studentName) => api("POST", "/rides", { token, body: booking(session, { studentName }) })));
    expect(statuses(results)).toEqual([...times(10, 201), ...times(2, 429)]);
    expect(results.find((r) => r.status === 429)!.body.error.code).toBe("RATE_LIMITED");
    expect(await rows("select id from rides where booker_user_id = ?", user.id)).toHaveLength(10);
  });

  it("a resident may send 10 team applications a day; parallel ones cannot pass it", async () => {
    const { token, user } = await residentLogin("quota-applicant");
    const apply = (teamId: string) =>
      api("POST", `/teams/${teamId}/applications`, {
        token,
        body: { realName: "王申请", phone: "13600000001", birthYear: 1990, skills: [], availability: "周末", motivation: "" },
      });
    // Born 1990: both 薪火青年团 and 马仁兴志愿者服务队 take them; rejected ones may apply again.
    for (let i = 0; i < 9; i++) {
      const applied = await apply(i % 2 ? "team_xinhuo" : "team_marenxing");
      expect(applied.status).toBe(201);
      const rejected = await api("POST", `/admin/applications/${applied.body.id}/decision`, { token: await admin(), body: { approve: false, reason: "名额已满" } });
      expect(rejected.status).toBe(200);
    }
    const results = await Promise.all([apply("team_xinhuo"), apply("team_marenxing")]);
    expect(statuses(results)).toEqual([201, 429]);
    expect(results.find((r) => r.status === 429)!.body.error.code).toBe("RATE_LIMITED");
    expect(await rows("select id from team_applications where user_id = ?", user.id)).toHaveLength(10);
  });
});
