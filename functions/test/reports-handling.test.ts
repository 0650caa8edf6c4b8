import { describe, expect, it } from "vitest";
import { admin, gridWorker } from "./fixtures";
import { api, rows } from "./helpers";
import { acceptedReport as accepted, filedReport as filed, photo as photoUrl, REPORT_GRID as GRID, reportBody } from "./report-fixtures";

const OTHER_GRID = "grd_renxing_08";

const mediation = { heldAt: "2026-11-20T15:00:00+08:00", place: "仁兴话室", parties: ["301室王某", "401室李某"], agreed: true };

const reporterMessages = (userId: string, id: string) =>
  rows<{ title: string; body: string }>("select title, body from notifications where user_id = ? and event_key like ? order by created_at, rowid", userId, `report_update:${id}:%`);

describe("staff steps on a report", () => {
  it("accept answers with the staff view: the reporter's name and phone in full, deadlines, the timeline", async () => {
    const f = await filed("acc-view");
    const res = await api("POST", `/admin/reports/${f.id}/accept`, { token: f.worker.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: f.id,
      status: "accepted",
      level: "grid",
      reporter: { name: "周桂芳", phone: "13855550505" },
      handler: { id: f.worker.staff.id },
      building: "3号楼2单元",
      overdue: false,
    });
    expect(res.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(["submitted", "accepted"]);
  });

  it("a note: internal by default (the reporter neither sees nor hears of it), public on request (they do)", async () => {
    const f = await accepted("note");
    const internal = await api("POST", `/admin/reports/${f.id}/notes`, { token: f.worker.token, body: { text: "已联系物业，等回复" } });
    expect(internal.status).toBe(200);
    expect(internal.body.timeline.at(-1)).toMatchObject({ kind: "note", text: "已联系物业，等回复", public: false, actor: { kind: "staff" } });
    const shared = await api("POST", `/admin/reports/${f.id}/notes`, { token: f.worker.token, body: { text: "物业明天上午来换灯", public: true } });
    expect(shared.status).toBe(200);
    const mine = await api("GET", `/reports/${f.id}`, { token: f.reporter.token });
    expect(mine.body.timeline.map((e: { text: string }) => e.text)).toContain("物业明天上午来换灯");
    expect(mine.body.timeline.map((e: { text: string }) => e.text)).not.toContain("已联系物业，等回复");
    const messages = await reporterMessages(f.reporter.user.id, f.id);
    expect(messages.at(-1)).toEqual({ title: "诉求有新进展", body: expect.stringContaining("物业明天上午来换灯") });
    expect(messages.filter((m) => m.body.includes("已联系物业"))).toHaveLength(0);
    expect(await rows("select id from audit_log where action = 'report.note' and target_id = ?", f.id)).toHaveLength(2);
  });

  it("escalation raises the level one step, records the other body's number, tells the reporter and the admins; past district → 409", async () => {
    const f = await accepted("esc");
    const up = await api("POST", `/admin/reports/${f.id}/escalate`, { token: f.worker.token, body: { reason: "需要社区协调物业" } });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ level: "community", status: "accepted" });
    expect(up.body.timeline.at(-1)).toMatchObject({ kind: "escalated", level: "community", public: true, text: "已上报社区：需要社区协调物业" });
    // The grid worker who escalated still follows it, but no longer acts on it.
    expect((await api("GET", `/reports/${f.id}`, { token: f.worker.token })).body.level).toBe("community");
    expect((await api("GET", "/admin/reports?limit=100", { token: f.worker.token })).body.items.map((r: { id: string }) => r.id)).toContain(f.id);
    expect((await api("POST", `/admin/reports/${f.id}/escalate`, { token: f.worker.token, body: { reason: "再上报" } })).status).toBe(403);
    expect((await reporterMessages(f.reporter.user.id, f.id)).at(-1)?.title).toBe("诉求已上报");
    expect(await rows("select s.role from notifications n join staff s on s.id = n.staff_id where n.event_key like ? group by s.role", `report_handle:${f.id}:%`)).toEqual(
      expect.arrayContaining([{ role: "admin" }]),
    );

    const token = await admin();
    const street = await api("POST", `/admin/reports/${f.id}/escalate`, { token, body: { reason: "涉及市政管网", externalRef: "JD-2026-0099" } });
    expect(street.body).toMatchObject({ level: "street", externalRef: "JD-2026-0099" });
    expect((await api("POST", `/admin/reports/${f.id}/escalate`, { token, body: { reason: "街道转区" } })).body.level).toBe("district");
    const past = await api("POST", `/admin/reports/${f.id}/escalate`, { token, body: { reason: "还想再上报" } });
    expect(past.status).toBe(409);
    expect(past.body.error.code).toBe("INVALID_TRANSITION");
    expect(await rows("select level from reports where id = ?", f.id)).toEqual([{ level: "district" }]);
    expect(await rows("select id from report_events where report_id = ? and kind = 'escalated'", f.id)).toHaveLength(3);
  });

  it("resolve: only from accepted (409 before acceptance), stores result and photos, tells the reporter to rate", async () => {
    const f = await filed("resolve");
    const early = await api("POST", `/admin/reports/${f.id}/resolve`, { token: f.worker.token, body: { result: "已更换楼道灯泡" } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("INVALID_TRANSITION");
    expect(await rows("select status, result from reports where id = ?", f.id)).toEqual([{ status: "submitted", result: null }]);
    await api("POST", `/admin/reports/${f.id}/accept`, { token: f.worker.token });
    const photo = photoUrl(1);
    const res = await api("POST", `/admin/reports/${f.id}/resolve`, { token: f.worker.token, body: { result: "已更换楼道灯泡，亮了", photoUrls: [photo] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "resolved", result: { text: "已更换楼道灯泡，亮了", photoUrls: [photo] } });
    expect((await reporterMessages(f.reporter.user.id, f.id)).at(-1)).toEqual({ title: "诉求已办结", body: expect.stringContaining("请评价") });
    const again = await api("POST", `/admin/reports/${f.id}/resolve`, { token: f.worker.token, body: { result: "再办结一次" } });
    expect(again.status).toBe(409);
  });

  it("resolve refuses photos that are not our own uploads: 400 with details, nothing written", async () => {
    const f = await accepted("resolve-photo");
    const res = await api("POST", `/admin/reports/${f.id}/resolve`, { token: f.worker.token, body: { result: "已经处理好了", photoUrls: [`https://evil.example${photoUrl(2)}`] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: "photoUrls", message: expect.any(String) }]);
    expect(await rows("select status from reports where id = ?", f.id)).toEqual([{ status: "accepted" }]);
  });

  it("a neighbour dispute without a mediation record: 422 MEDIATION_REQUIRED, nothing written; with one it is resolved", async () => {
    const f = await accepted("dispute", { category: "neighbour_dispute", description: "楼上邻居每天深夜拖动家具，噪音很大，沟通无果。" });
    const res = await api("POST", `/admin/reports/${f.id}/resolve`, { token: f.worker.token, body: { result: "双方已当面沟通" } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("MEDIATION_REQUIRED");
    expect(await rows("select status, last_step from reports where id = ?", f.id)).toEqual([{ status: "accepted", last_step: expect.any(String) }]);
    expect(await rows("select id from report_events where report_id = ? and kind = 'resolved'", f.id)).toHaveLength(0);
    expect(await rows("select id from audit_log where action = 'report.resolve' and target_id = ?", f.id)).toHaveLength(0);
    const ok = await api("POST", `/admin/reports/${f.id}/resolve`, { token: f.worker.token, body: { result: "在仁兴话室调解，双方达成一致", mediation } });
    expect(ok.status).toBe(200);
    expect(ok.body.result.mediation).toEqual(mediation);
  });

  it("reject: from submitted or accepted with the reason, the reporter told; not once resolved", async () => {
    const f = await filed("reject");
    const res = await api("POST", `/admin/reports/${f.id}/reject`, { token: f.worker.token, body: { reason: "属于市政管辖，已告知居民拨打12345" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "rejected", rejectReason: "属于市政管辖，已告知居民拨打12345" });
    expect((await reporterMessages(f.reporter.user.id, f.id)).at(-1)?.title).toBe("诉求未受理");
    expect((await api("POST", `/admin/reports/${f.id}/accept`, { token: f.worker.token })).status).toBe(409);
    expect((await api("POST", `/admin/reports/${f.id}/notes`, { token: f.worker.token, body: { text: "补充一句" } })).status).toBe(409);

    const done = await accepted("reject-late");
    await api("POST", `/admin/reports/${done.id}/resolve`, { token: done.worker.token, body: { result: "已经修好了" } });
    const late = await api("POST", `/admin/reports/${done.id}/reject`, { token: done.worker.token, body: { reason: "不归我们管" } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("INVALID_TRANSITION");
  });

  it("resolve and reject fired in parallel by the worker and an admin: exactly one lands, with one timeline entry and one message", async () => {
    const f = await accepted("race-end");
    const token = await admin();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2
          ? api("POST", `/admin/reports/${f.id}/resolve`, { token: i % 4 === 1 ? f.worker.token : token, body: { result: "已更换楼道灯泡，亮了" } })
          : api("POST", `/admin/reports/${f.id}/reject`, { token: i % 4 === 0 ? f.worker.token : token, body: { reason: "重复反映，已合并处理" } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === "INVALID_TRANSITION")).toHaveLength(7);
    expect(await rows("select id from report_events where report_id = ? and kind in ('resolved', 'rejected')", f.id)).toHaveLength(1);
    expect((await reporterMessages(f.reporter.user.id, f.id)).filter((m) => m.title !== "诉求处理中")).toHaveLength(1);
  });

  it("a grid worker of another grid gets 404 on the report and on every step, and nothing is written", async () => {
    const f = await accepted("other-grid");
    const other = await gridWorker("other-grid-gw2", OTHER_GRID);
    const calls: [string, unknown][] = [
      ["accept", undefined],
      ["notes", { text: "看一下" }],
      ["escalate", { reason: "上报一下" }],
      ["resolve", { result: "已经处理好了" }],
      ["reject", { reason: "不予受理" }],
    ];
    expect((await api("GET", `/reports/${f.id}`, { token: other.token })).status).toBe(404);
    for (const [step, body] of calls) {
      const res = await api("POST", `/admin/reports/${f.id}/${step}`, { token: other.token, body });
      expect([step, res.status]).toEqual([step, 404]);
    }
    expect(await rows("select kind from report_events where report_id = ?", f.id)).toEqual([{ kind: "submitted" }, { kind: "accepted" }]);
  });

  it("bad bodies: 400 with details, nothing written", async () => {
    const f = await accepted("bad-bodies");
    const token = f.worker.token;
    const cases: [string, unknown, string][] = [
      ["notes", { text: "" }, "text"],
      ["notes", { text: "好的好的", public: "yes" }, "public"],
      ["escalate", {}, "reason"],
      ["resolve", { result: "好" }, "result"],
      ["resolve", { result: "调解完成了", mediation: { ...mediation, parties: ["只有一方"] } }, "mediation.parties"],
      ["reject", { reason: 5 }, "reason"],
    ];
    for (const [step, body, field] of cases) {
      const res = await api("POST", `/admin/reports/${f.id}/${step}`, { token, body });
      expect([step, res.status, res.body.error.details?.map((d: { field: string }) => d.field)]).toEqual([step, 400, expect.arrayContaining([field])]);
    }
    expect(await rows("select kind from report_events where report_id = ?", f.id)).toEqual([{ kind: "submitted" }, { kind: "accepted" }]);
  });

  it("staff file on behalf of a resident who phoned: 201 { id, ref, status, level }, the name and phone kept", async () => {
    const worker = await gridWorker("onbehalf-gw", GRID);
    const res = await api("POST", "/admin/reports", { token: worker.token, body: { ...reportBody({ category: "safety_hazard", description: "5号楼楼道里有人私拉电线给电动车充电。" }), reporter: { name: "王大爷", phone: "13912345678" } } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^rpt_/), ref: expect.stringMatching(/^RX\d{8}-\d{4}$/), status: "submitted", level: "grid" });
    const seen = await api("GET", `/reports/${res.body.id}`, { token: worker.token });
    expect(seen.body).toMatchObject({ gridId: GRID, source: "staff", reporter: { userId: null, name: "王大爷", phone: "13912345678" } });
  });
});
