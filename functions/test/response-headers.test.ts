import { describe, expect, it } from "vitest";
import { admin } from "./fixtures";
import { api, residentLogin } from "./helpers";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("every API response is kept out of caches and carries a request id", () => {
  it("lists, /me, errors, unknown routes, a 413 and the CSV export all say no-store and nosniff", async () => {
    const { token } = await residentLogin("headers-resident");
    const staff = await admin();
    const answers: [string, Awaited<ReturnType<typeof api>>][] = [
      ["public list", await api("GET", "/wishes")],
      ["/me", await api("GET", "/me", { token })],
      ["no token", await api("GET", "/me")],
      ["invalid JSON", await api("POST", "/auth/dev-login", { body: "{ not json" })],
      ["unknown route", await api("GET", "/no-such-thing")],
      ["70 KB body", await api("POST", "/auth/dev-login", { body: { openid: "big", nickname: "x".repeat(70 * 1024) } })],
      ["CSV export", await api("GET", "/admin/hours.csv", { token: staff })],
    ];
    expect(answers.map(([, r]) => r.status)).toEqual([200, 200, 401, 400, 404, 413, 200]);
    for (const [name, res] of answers) {
      expect(res.headers.get("cache-control"), name).toBe("no-store");
      expect(res.headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(res.headers.get("x-request-id"), name).toMatch(UUID);
    }
    expect(answers[6]![1].headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });

  it("each request gets its own id; Cloudflare's ray id is used when it is one, anything else a client sends is not", async () => {
    const [a, b] = await Promise.all([api("GET", "/health"), api("GET", "/health")]);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));

    const ray = await api("GET", "/health", { headers: { "cf-ray": "8f2b6c1d3e4a5b6c-SJC" } });
    expect(ray.headers.get("x-request-id")).toBe("8f2b6c1d3e4a5b6c-SJC");
    const forged = await api("GET", "/health", { headers: { "cf-ray": "王阿姨 13812345678", "x-request-id": "mine" } });
    expect(forged.headers.get("x-request-id")).toMatch(UUID);
  });
});
