import { describe, expect, it } from "vitest";
import { api } from "./helpers";

describe("health", () => {
  it("answers ok after really querying D1", async () => {
    const res = await api("GET", "/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, db: "ok" });
  });
});
