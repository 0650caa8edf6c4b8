import { REPORT_CATEGORIES } from "@renxing/shared";
import { describe, expect, it } from "vitest";
import { admin, gridWorker, residentInGrid } from "./fixtures";
import { api, rows } from "./helpers";
import { acceptedReport, filedReport, REPORT_GRID } from "./report-fixtures";

const NAME = "欧阳秀兰";
const PHONE = "13877776666";
const BUILDING = "7号楼3单元502";

describe("GET /report-categories", () => {
  it("lists every category with its deadlines, to anyone", async () => {
    const res = await api("GET", "/report-categories");
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { key: string }) => c.key)).toEqual([...REPORT_CATEGORIES]);
    expect(res.body.items).toContainEqual({ key: "safety_hazard", name: "安全隐患", acceptHours: 4, resolveHours: 48 });
  });
});

describe("who sees a report", () => {
  it("the public board's raw body carries no reporter name, phone, building or place", async () => {
    const f = await acceptedReport("board-privacy", { public: true, building: BUILDING, lat: 41.123456, long: 123.654321 }, { realName: NAME, phone: PHONE });
    await api("POST", `/admin/reports/${f.id}/notes`, { token: f.worker.token, body: { text: `已电话联系${NAME}`, public: false } });
    const board = await api("GET", `/reports?gridId=${REPORT_GRID}&limit=100`);
    expect(board.status).toBe(200);
    expect(board.body.items.map((r: { id: string }) => r.id)).toContain(f.id);
    for (const secret of [NAME, PHONE, BUILDING, "41.123456", "123.654321", f.reporter.user.id, f.worker.staff.id, "网格员board-privacy-gw"]) {
      expect(board.text).not.toContain(secret);
    }
    const one = await api("GET", `/reports/${f.id}`);
    expect(one.status).toBe(200);
    for (const secret of [NAME, PHONE, BUILDING, "41.123456", f.worker.staff.id]) expect(one.text).not.toContain(secret);
    expect(one.body).toMatchObject({ ref: f.ref, status: "accepted", gridName: expect.any(String) });
  });

  it("the board lists only public reports past acceptance, newest first, with a cursor", async () => {
    const hidden = await acceptedReport("board-private", { public: false });
    const waiting = await filedReport("board-waiting", { public: true });
    const older = await acceptedReport("board-older", { public: true });
    const newer = await acceptedReport("board-newer", { public: true });
    const all = await api("GET", "/reports?limit=100");
    const ids = all.body.items.map((r: { id: string }) => r.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(waiting.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    const first = await api("GET", "/reports?limit=1");
    expect(first.body.items).toHaveLength(1);
    const next = await api("GET", `/reports?limit=100&cursor=${first.body.nextCursor}`);
    expect(next.body.items.map((r: { id: string }) => r.id)).not.toContain(first.body.items[0].id);
    expect((await api("GET", "/reports?status=submitted")).status).toBe(400);
  });

  it("a resident gets 404 on someone else's non-public report (and on a public one not yet accepted)", async () => {
    const f = await acceptedReport("nosy-private", { public: false });
    const p = await filedReport("nosy-waiting", { public: true });
    const nosy = await residentInGrid("nosy-neighbour", REPORT_GRID);
    expect((await api("GET", `/reports/${f.id}`, { token: nosy.token })).status).toBe(404);
    expect((await api("GET", `/reports/${p.id}`, { token: nosy.token })).status).toBe(404);
    expect((await api("GET", `/reports/${f.id}`)).status).toBe(404);
  });

  it("the reporter sees everything of theirs, incl. building; /me/reports newest first with the public timeline", async () => {
    const f = await acceptedReport("mine", { building: BUILDING });
    await api("POST", `/admin/reports/${f.id}/notes`, { token: f.worker.token, body: { text: "内部：先联系物业" } });
    const one = await api("GET", `/reports/${f.id}`, { token: f.reporter.token });
    expect(one.body).toMatchObject({ id: f.id, isMine: true, building: BUILDING, status: "accepted", level: "grid", acceptBy: expect.any(String), resolveBy: expect.any(String) });
    expect(one.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(["submitted", "accepted"]);
    expect(one.text).not.toContain("内部：先联系物业");
    const second = await api("POST", "/reports", { token: f.reporter.token, body: { category: "other", description: "小区门口的路面有个坑，下雨积水。", public: false } });
    const mine = await api("GET", "/me/reports", { token: f.reporter.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([second.body.id, f.id]);
    expect(mine.body.items[1].timeline.map((e: { kind: string }) => e.kind)).toEqual(["submitted", "accepted"]);
    expect((await api("GET", "/me/reports", { token: await admin() })).status).toBe(403);
  });

  it("staff who may see it get the name and phone in full and internal entries; a grid worker of another grid 404", async () => {
    const f = await acceptedReport("staff-view", { public: false }, { realName: NAME, phone: PHONE });
    await api("POST", `/admin/reports/${f.id}/notes`, { token: f.worker.token, body: { text: "内部：先联系物业" } });
    for (const token of [f.worker.token, await admin()]) {
      const res = await api("GET", `/reports/${f.id}`, { token });
      expect(res.body).toMatchObject({ reporter: { name: NAME, phone: PHONE }, overdue: false, flagged: false });
      expect(res.body.timeline.at(-1)).toMatchObject({ kind: "note", public: false, text: "内部：先联系物业" });
    }
    const other = await gridWorker("staff-view-other", "grd_renxing_09");
    expect((await api("GET", `/reports/${f.id}`, { token: other.token })).status).toBe(404);
  });
});

describe("GET /admin/reports", () => {
  it("grid workers see their grid; filters by status, level, overdue; items carry name, phone, deadlines, overdue", async () => {
    const late = await filedReport("queue-late", {}, { realName: NAME, phone: PHONE });
    await rows("update reports set accept_by = ? where id = ?", Date.now() - 60_000, late.id);
    const fresh = await acceptedReport("queue-fresh");
    const elsewhere = await gridWorker("queue-elsewhere", "grd_renxing_09");

    const mine = await api("GET", "/admin/reports?limit=100", { token: late.worker.token });
    expect(mine.status).toBe(200);
    const lateItem = mine.body.items.find((r: { id: string }) => r.id === late.id);
    expect(lateItem).toMatchObject({ reporter: { name: NAME, phone: PHONE }, overdue: true, acceptBy: expect.any(String), resolveBy: expect.any(String) });
    expect(mine.body.items.every((r: { gridId: string }) => r.gridId === REPORT_GRID)).toBe(true);

    const overdue = await api("GET", "/admin/reports?overdue=true&limit=100", { token: await admin() });
    expect(overdue.body.items.map((r: { id: string }) => r.id)).toContain(late.id);
    expect(overdue.body.items.map((r: { id: string }) => r.id)).not.toContain(fresh.id);
    const accepted = await api("GET", "/admin/reports?status=accepted&level=grid&limit=100", { token: await admin() });
    expect(accepted.body.items.map((r: { id: string }) => r.id)).toContain(fresh.id);
    expect(accepted.body.items.map((r: { id: string }) => r.id)).not.toContain(late.id);

    const theirs = await api("GET", "/admin/reports?limit=100", { token: elsewhere.token });
    expect(theirs.body.items.map((r: { id: string }) => r.id)).not.toContain(late.id);
    expect((await api("GET", "/admin/reports?overdue=maybe", { token: await admin() })).status).toBe(400);
  });
});
