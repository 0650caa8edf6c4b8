import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password";
import { consoleLogin, consolePage } from "./console-helpers";
import { api, residentLogin, rows } from "./helpers";

async function applyAs(openid: string, teamId: string, realName: string) {
  const { token } = await residentLogin(openid);
  const res = await api("POST", `/teams/${teamId}/applications`, {
    token,
    body: { realName, phone: "13700001111", birthYear: 1958, skills: ["理发"], availability: "周末", motivation: "<b>想帮忙</b>" },
  });
  return { token, id: res.body.id as string };
}

describe("console 队员审核", () => {
  it("shows pending applications with the applicant's details, escaped", async () => {
    await applyAs("c-app-1", "team_6070", "刘桂芬");
    const { cookie } = await consoleLogin();
    const page = await consolePage("/applications", { cookie });
    expect(page.status).toBe(200);
    expect(page.html).toContain("刘桂芬");
    expect(page.html).toContain("13700001111");
    expect(page.html).toContain("1958 年出生");
    expect(page.html).toContain("&lt;b&gt;想帮忙&lt;/b&gt;");
  });

  it("approving through the form makes a member, lists them with the join date, and is audited", async () => {
    const { token, id } = await applyAs("c-app-2", "team_6070", "赵大爷");
    const { cookie, csrf } = await consoleLogin();
    const res = await consolePage(`/applications/${id}/approve`, { method: "POST", cookie, form: { _csrf: csrf } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/console/applications?done=approved");
    const after = await consolePage("/applications?done=approved", { cookie });
    expect(after.html).toContain("已通过，申请人已成为队员");
    expect(after.html).toMatch(/6070分队（\d+ 人）/);
    expect(after.html).toContain("赵大爷");
    expect((await api("GET", "/me", { token })).body.roles).toContain("volunteer");
    expect(await rows("select action from audit_log where target_id = ?", id)).toEqual([{ action: "application.approve" }]);
  });

  it("rejecting without a reason is refused with a message and changes nothing", async () => {
    const { id } = await applyAs("c-app-3", "team_marenxing", "孙阿姨");
    const { cookie, csrf } = await consoleLogin();
    const res = await consolePage(`/applications/${id}/reject`, { method: "POST", cookie, form: { _csrf: csrf, reason: "  " } });
    expect(res.status).toBe(400);
    expect(res.html).toContain("不通过时请填写原因");
    expect(await rows("select status from team_applications where id = ?", id)).toEqual([{ status: "pending" }]);

    const ok = await consolePage(`/applications/${id}/reject`, { method: "POST", cookie, form: { _csrf: csrf, reason: "资料不全" } });
    expect(ok.status).toBe(303);
    const twice = await consolePage(`/applications/${id}/approve`, { method: "POST", cookie, form: { _csrf: csrf } });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain("这份申请已经处理过了");
  });

  it("a grid worker cannot open the queue or decide (403), even by posting the form directly", async () => {
    const { id } = await applyAs("c-app-4", "team_marenxing", "周叔");
    await env.DB.prepare("insert into staff (id, username, display_name, password_hash, role, created_at) values ('stf_gw2', 'gw2', '网格员小周', ?, 'grid_worker', 0)")
      .bind(await hashPassword("gw2-password"))
      .run();
    const { cookie, csrf } = await consoleLogin("gw2", "gw2-password");
    expect((await consolePage("/applications", { cookie })).status).toBe(403);
    const res = await consolePage(`/applications/${id}/approve`, { method: "POST", cookie, form: { _csrf: csrf } });
    expect(res.status).toBe(403);
    expect(await rows("select status from team_applications where id = ?", id)).toEqual([{ status: "pending" }]);
  });
});
