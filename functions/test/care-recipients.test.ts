import { CARE_RISK_INTERVAL_DAYS, shanghaiDate } from "@renxing/shared";
import { describe, expect, it } from "vitest";
import { recipientBody, registerRecipient, pair } from "./care-fixtures";
import { admin, gridWorker, volunteer } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

const DAY = 24 * 3600_000;

describe("care recipients (staff)", () => {
  it("the admin registers an elder with consent: due one interval after registration, consent recorded by the caller, audited", async () => {
    const before = Date.now();
    const res = await api("POST", "/admin/care-recipients", { token: await admin(), body: recipientBody({ consentAt: "2026-11-01" }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "马淑珍",
      gridId: "grd_renxing_02",
      address: "仁兴街12号楼3单元502",
      phone: "13840002001",
      emergencyContact: { name: "马建设", phone: "13840002002" },
      riskLevel: "high",
      consentAt: "2026-11-01",
      consentRecordedBy: { id: "stf_dev_admin", name: "社区管理员" },
      active: true,
      lastVisitAt: null,
      overdue: false,
      pairings: [],
    });
    const due = Date.parse(res.body.nextDueAt);
    expect(due).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + CARE_RISK_INTERVAL_DAYS.high * DAY);
    expect(due).toBeLessThanOrEqual(Date.now() + CARE_RISK_INTERVAL_DAYS.high * DAY);
    expect(await rows("select actor_id, outcome from audit_log where action = 'care.register' and target_id = ?", res.body.id)).toEqual([{ actor_id: "stf_dev_admin", outcome: "ok" }]);
    const read = await api("GET", `/admin/care-recipients/${res.body.id}`, { token: await admin() });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it("refuses a consent date in the future and an unknown grid, writing nothing", async () => {
    const token = await admin();
    const future = await api("POST", "/admin/care-recipients", { token, body: recipientBody({ name: "未来人", consentAt: shanghaiDate(Date.now() + 3 * DAY) }) });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0].field).toBe("consentAt");
    const nowhere = await api("POST", "/admin/care-recipients", { token, body: recipientBody({ name: "无网格", gridId: "grd_nowhere" }) });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.details[0].field).toBe("gridId");
    expect(await rows("select id from care_recipients where name in ('未来人', '无网格')")).toEqual([]);
  });

  it("a grid worker registers and lists only in their own grid; another grid is 404 as if it did not exist", async () => {
    const w7 = await gridWorker("care_w7", "grd_renxing_07");
    const own = await api("POST", "/admin/care-recipients", { token: w7.token, body: recipientBody({ name: "七网格老人", gridId: "grd_renxing_07" }) });
    expect(own.status).toBe(201);
    expect(own.body.consentRecordedBy.id).toBe(w7.staff.id);
    const other = await api("POST", "/admin/care-recipients", { token: w7.token, body: recipientBody({ name: "越界登记", gridId: "grd_renxing_08" }) });
    expect(other.status).toBe(404);
    expect(await rows("select id from care_recipients where name = '越界登记'")).toEqual([]);

    const elsewhere = await registerRecipient({ name: "八网格老人", gridId: "grd_renxing_08" });
    const list = await api("GET", "/admin/care-recipients?limit=100", { token: w7.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { gridId: string }) => r.gridId)).toEqual(list.body.items.map(() => "grd_renxing_07"));
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(own.body.id);
    expect((await api("GET", `/admin/care-recipients/${elsewhere.id}`, { token: w7.token })).status).toBe(404);
    const put = await api("PUT", `/admin/care-recipients/${elsewhere.id}`, { token: w7.token, body: recipientBody({ gridId: "grd_renxing_08" }) });
    expect(put.status).toBe(404);
    const move = await api("PUT", `/admin/care-recipients/${own.body.id}`, { token: w7.token, body: recipientBody({ name: "七网格老人", gridId: "grd_renxing_08" }) });
    expect(move.status).toBe(404);
    expect((await rows("select grid_id from care_recipients where id = ?", own.body.id))[0]).toEqual({ grid_id: "grd_renxing_07" });
  });

  it("lists by risk level and grid, soonest due first, with cursor paging", async () => {
    const token = await admin();
    const a = await registerRecipient({ name: "九网格甲", gridId: "grd_renxing_09", riskLevel: "normal" });
    const b = await registerRecipient({ name: "九网格乙", gridId: "grd_renxing_09", riskLevel: "high" });
    const c = await registerRecipient({ name: "九网格丙", gridId: "grd_renxing_09", riskLevel: "key" });
    const first = await api("GET", "/admin/care-recipients?gridId=grd_renxing_09&limit=2", { token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([b.id, c.id]);
    const second = await api("GET", `/admin/care-recipients?gridId=grd_renxing_09&limit=2&cursor=${first.body.nextCursor}`, { token });
    expect(second.body.items.map((r: { id: string }) => r.id)).toEqual([a.id]);
    expect(second.body.nextCursor).toBeNull();
    const high = await api("GET", "/admin/care-recipients?gridId=grd_renxing_09&riskLevel=high", { token });
    expect(high.body.items.map((r: { id: string }) => r.id)).toEqual([b.id]);
    expect((await api("GET", "/admin/care-recipients?riskLevel=extreme", { token })).status).toBe(400);
  });

  it("PUT changes details; a new risk level moves the due date; active:false ends care and its pairings in one go", async () => {
    const token = await admin();
    const v = await volunteer("care-put-vol", "周志愿");
    const r = await registerRecipient({ name: "改动老人", riskLevel: "normal" });
    await pair(r.id, v.user.id);
    const w2 = await gridWorker("care_w2", "grd_renxing_02");

    const changed = await api("PUT", `/admin/care-recipients/${r.id}`, { token: w2.token, body: recipientBody({ name: "改动老人", riskLevel: "high", consentAt: "2026-10-01" }) });
    expect(changed.status).toBe(200);
    expect(changed.body.riskLevel).toBe("high");
    expect(Date.parse(changed.body.nextDueAt) - Date.parse(r.nextDueAt)).toBe((CARE_RISK_INTERVAL_DAYS.high - CARE_RISK_INTERVAL_DAYS.normal) * DAY);
    expect(changed.body.consentRecordedBy.id).toBe(w2.staff.id);
    expect(changed.body.pairings.map((p: { userId: string }) => p.userId)).toEqual([v.user.id]);

    const ended = await api("PUT", `/admin/care-recipients/${r.id}`, { token, body: { ...recipientBody({ name: "改动老人", riskLevel: "high", consentAt: "2026-10-01" }), active: false } });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ active: false, overdue: false, pairings: [] });
    expect(ended.body.endedAt).not.toBeNull();
    expect(await rows("select user_id from care_pairings where recipient_id = ?", r.id)).toEqual([]);
    expect(await rows("select action from audit_log where target_id = ? order by at", r.id)).toEqual([{ action: "care.register" }, { action: "care.pair" }, { action: "care.update" }, { action: "care.end" }]);

    const again = await api("POST", `/admin/care-recipients/${r.id}/pairings/${v.user.id}`, { token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("CARE_ENDED");
    expect((await api("PUT", "/admin/care-recipients/cre_nobody", { token, body: recipientBody() })).status).toBe(404);
  });
});

describe("pairings (admin)", () => {
  it("pairs an active volunteer (204, audited once, repeat is no change), refuses a non-volunteer 422 NOT_A_VOLUNTEER, grid workers 403, unknown 404", async () => {
    const token = await admin();
    const r = await registerRecipient({ name: "结对老人" });
    const v = await volunteer("care-pair-vol", "钱志愿");
    const first = await api("POST", `/admin/care-recipients/${r.id}/pairings/${v.user.id}`, { token });
    expect(first.status).toBe(204);
    expect(first.text).toBe("");
    expect((await api("POST", `/admin/care-recipients/${r.id}/pairings/${v.user.id}`, { token })).status).toBe(204);
    expect(await rows("select count(*) as n from audit_log where action = 'care.pair' and target_id = ?", r.id)).toEqual([{ n: 1 }]);

    const resident = await residentLogin("care-pair-resident");
    const refused = await api("POST", `/admin/care-recipients/${r.id}/pairings/${resident.user.id}`, { token });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("NOT_A_VOLUNTEER");

    const w2 = await gridWorker("care_pair_w2", "grd_renxing_02");
    expect((await api("POST", `/admin/care-recipients/${r.id}/pairings/${v.user.id}`, { token: w2.token })).status).toBe(403);
    expect((await api("POST", `/admin/care-recipients/cre_nobody/pairings/${v.user.id}`, { token })).status).toBe(404);

    const unpaired = await api("DELETE", `/admin/care-recipients/${r.id}/pairings/${v.user.id}`, { token });
    expect(unpaired.status).toBe(204);
    expect((await api("DELETE", `/admin/care-recipients/${r.id}/pairings/${v.user.id}`, { token })).status).toBe(204);
    expect(await rows("select count(*) as n from audit_log where action = 'care.unpair' and target_id = ?", r.id)).toEqual([{ n: 1 }]);
    expect(await rows("select user_id from care_pairings where recipient_id = ?", r.id)).toEqual([]);
  });
});
