import { describe, expect, it } from "vitest";
import { api, residentLogin, rows } from "./helpers";

describe("PUT /me", () => {
  it("saves real name, phone and grid, and /me shows them (phone masked and, to the owner, in full)", async () => {
    const { token } = await residentLogin("profile-owner", "老李");
    const grids = (await api("GET", "/grids")).body.items;
    const res = await api("PUT", "/me", { token, body: { realName: "李建国", phone: "13812345678", gridId: grids[2].id } });
    expect(res.status).toBe(200);
    const me = (await api("GET", "/me", { token })).body;
    expect(me).toMatchObject({ nickname: "老李", realName: "李建国", phone: "13812345678", phoneMasked: "138****5678", gridId: grids[2].id, gridName: "第三网格" });
  });

  it("rejects a malformed phone with VALIDATION_FAILED and saves nothing", async () => {
    const { token, user } = await residentLogin("bad-phone", "老张");
    await api("PUT", "/me", { token, body: { phone: "13900001111" } });
    const res = await api("PUT", "/me", { token, body: { realName: "张三丰", phone: "1234" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual([{ field: "phone", message: "请输入正确的11位手机号" }]);
    expect(await rows("select real_name, phone from users where id = ?", user.id)).toEqual([{ real_name: null, phone: "13900001111" }]);
  });

  it("rejects an unknown grid and saves nothing", async () => {
    const { token, user } = await residentLogin("bad-grid");
    const res = await api("PUT", "/me", { token, body: { realName: "赵六", gridId: "grd_nowhere" } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: "gridId", message: "所选网格不存在" }]);
    expect(await rows("select real_name, grid_id from users where id = ?", user.id)).toEqual([{ real_name: null, grid_id: null }]);
  });

  it("rejects unknown fields rather than ignoring them", async () => {
    const { token } = await residentLogin("extra-field");
    const res = await api("PUT", "/me", { token, body: { roles: ["volunteer"] } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("needs a token", async () => {
    const res = await api("PUT", "/me", { body: { nickname: "x" } });
    expect(res.status).toBe(401);
  });
});
