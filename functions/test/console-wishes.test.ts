import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password";
import { consoleLogin, consolePage } from "./console-helpers";
import { wishBody } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

async function postWish(openid: string, gridId: string, title: string) {
  const { token } = await residentLogin(openid);
  await api("PUT", "/me", { token, body: { realName: "郑淑华", phone: "13822223333", gridId } });
  return (await api("POST", "/wishes", { token, body: wishBody({ title }) })).body.id as string;
}

describe("console 心愿审核", () => {
  it("the pending queue shows the full wish and the wisher's contact; approving publishes it, audited", async () => {
    const id = await postWish("cw-1", "grd_renxing_05", "<i>轮椅坏了</i>");
    const { cookie, csrf } = await consoleLogin();
    const queue = await consolePage("/wishes", { cookie });
    expect(queue.status).toBe(200);
    expect(queue.html).toContain("郑淑华");
    expect(queue.html).toContain("13822223333");
    expect(queue.html).toContain("&lt;i&gt;轮椅坏了&lt;/i&gt;");
    const res = await consolePage(`/wishes/${id}/approve`, { method: "POST", cookie, form: { _csrf: csrf } });
    expect(res.status).toBe(303);
    expect((await api("GET", `/wishes/${id}`)).body.status).toBe("open");
    expect(await rows("select action, actor_label from audit_log where target_id = ?", id)).toEqual([{ action: "wish.approve", actor_label: "admin" }]);
  });

  it("records a wish for a resident without a phone, validated, published and audited", async () => {
    const { cookie, csrf } = await consoleLogin();
    const bad = await consolePage("/wishes/record", { method: "POST", cookie, form: { _csrf: csrf, name: "王奶奶", phone: "123", gridId: "grd_renxing_01", title: "想要棉被", story: "冬天快到了，家里的棉被太薄了", category: "daily_necessities" } });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("请输入正确的11位手机号");
    const ok = await consolePage("/wishes/record", { method: "POST", cookie, form: { _csrf: csrf, name: "王奶奶", phone: "13344445555", gridId: "grd_renxing_01", title: "想要棉被", story: "冬天快到了，家里的棉被太薄了", category: "daily_necessities", estimatedValueYuan: "" } });
    expect(ok.status).toBe(303);
    const recorded = await rows<{ id: string; status: string; user_id: string | null }>("select id, status, user_id from wishes where on_behalf_name = '王奶奶'");
    expect(recorded).toEqual([{ id: expect.any(String), status: "open", user_id: null }]);
    expect(await rows("select action from audit_log where target_id = ?", recorded[0]!.id)).toEqual([{ action: "wish.record_on_behalf" }]);
  });

  it("a grid worker reviews only their own grid's wishes", async () => {
    const mine = await postWish("cw-2", "grd_renxing_07", "第七网格的心愿");
    const theirs = await postWish("cw-3", "grd_renxing_08", "第八网格的心愿");
    await env.DB.prepare("insert into staff (id, username, display_name, password_hash, role, grid_id, created_at) values ('stf_g7', 'grid7', '第七网格员', ?, 'grid_worker', 'grd_renxing_07', 0)")
      .bind(await hashPassword("grid7-password"))
      .run();
    const { cookie, csrf } = await consoleLogin("grid7", "grid7-password");
    const queue = await consolePage("/wishes", { cookie });
    expect(queue.html).toContain("第七网格的心愿");
    expect(queue.html).not.toContain("第八网格的心愿");
    expect((await consolePage(`/wishes/${theirs}/approve`, { method: "POST", cookie, form: { _csrf: csrf } })).status).toBe(404);
    expect((await consolePage(`/wishes/${mine}/approve`, { method: "POST", cookie, form: { _csrf: csrf } })).status).toBe(303);
    expect(await rows("select status from wishes where id in (?, ?) order by title", mine, theirs)).toEqual([{ status: "open" }, { status: "pending_review" }]);
  });

  it("the dashboard counts wishes by status", async () => {
    const { cookie } = await consoleLogin();
    const figure = async () => Number(/data-figure="wishes-pending_review"><div class="label">待审核<\/div><div class="value">(\d+)</.exec((await consolePage("/", { cookie })).html)?.[1]);
    const before = await figure();
    await postWish("cw-4", "grd_renxing_01", "新的心愿");
    expect(await figure()).toBe(before + 1);
  });
});
