import { describe, expect, it } from "vitest";
import { consoleLogin, consolePage } from "./console-helpers";
import { admin, booking, examSession, gridWorker, openWish, wishBody } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

const GRID_3 = "grd_renxing_03";
const GRID_5 = "grd_renxing_05";

/** A resident of grid 5 with a full name and phone, as a grid worker would see them. */
async function gridFiveResident(openid: string) {
  const login = await residentLogin(openid, "昵称居民");
  await api("PUT", "/me", { token: login.token, body: { realName: "欧阳桂兰", phone: "13811115555", gridId: GRID_5 } });
  return login;
}

async function pendingWish(token: string, title = "想要一副老花镜") {
  const posted = await api("POST", "/wishes", { token, body: wishBody({ title }) });
  if (posted.status !== 201) throw new Error(posted.text);
  return posted.body.id as string;
}

const workers = {
  grid3: () => gridWorker("gs-grid3", GRID_3),
  grid5: () => gridWorker("gs-grid5", GRID_5),
  gridless: () => gridWorker("gs-nogrid", null),
};
const signedIn: Partial<Record<keyof typeof workers, string>> = {};
async function token(who: keyof typeof workers) {
  signedIn[who] ??= (await workers[who]()).token;
  return signedIn[who]!;
}

describe("a grid worker and wishes of another grid", () => {
  it("reading another grid's wish under review is 404, as if it did not exist", async () => {
    const wisher = await gridFiveResident("gs-wisher-1");
    const wishId = await pendingWish(wisher.token);
    for (const who of ["grid3", "gridless"] as const) {
      const res = await api("GET", `/wishes/${wishId}`, { token: await token(who) });
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ code: "NOT_FOUND", message: "找不到这个心愿" });
      expect(res.text).not.toContain("13811115555");
    }
  });

  it("reading another grid's public wish gives the public view: masked name, no phone, no staff fields", async () => {
    const wisher = await gridFiveResident("gs-wisher-2");
    const wishId = await openWish(wisher.token);
    for (const who of ["grid3", "gridless"] as const) {
      const res = await api("GET", `/wishes/${wishId}`, { token: await token(who) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: wishId, status: "open", wisherName: "欧**" });
      expect(res.body.wisher).toBeUndefined();
      expect(res.body.gridId).toBeUndefined();
      for (const secret of ["13811115555", "欧阳桂兰"]) expect(res.text).not.toContain(secret);
    }
  });

  it("the grid's own worker gets the staff view with the wisher's name and phone", async () => {
    const wisher = await gridFiveResident("gs-wisher-3");
    const wishId = await pendingWish(wisher.token);
    const res = await api("GET", `/wishes/${wishId}`, { token: await token("grid5") });
    expect(res.status).toBe(200);
    expect(res.body.wisher).toMatchObject({ name: "欧阳桂兰", phone: "13811115555" });
  });

  it("reviewing another grid's wish is 404 whatever its status, and changes nothing", async () => {
    const wisher = await gridFiveResident("gs-wisher-4");
    const pending = await pendingWish(wisher.token, "待审核的心愿");
    const open = await openWish(wisher.token, { title: "已发布的心愿" });
    for (const who of ["grid3", "gridless"] as const) {
      for (const wishId of [pending, open]) {
        const res = await api("POST", `/admin/wishes/${wishId}/review`, { token: await token(who), body: { approve: true } });
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe("NOT_FOUND");
      }
    }
    expect(await rows("select status from wishes where id in (?, ?) order by title", pending, open)).toEqual([{ status: "open" }, { status: "pending_review" }]);
    expect(await rows("select action from audit_log where target_id = ? and action like 'wish.%'", pending)).toEqual([]);
  });

  it("the staff list shows a grid worker only their grid, even when asked for another; without a grid, nothing", async () => {
    const wisher = await gridFiveResident("gs-wisher-5");
    const wishId = await pendingWish(wisher.token, "第五网格的心愿");
    const ids = async (who: keyof typeof workers, query = "") => {
      const res = await api("GET", `/admin/wishes?status=pending_review${query}`, { token: await token(who) });
      expect(res.status).toBe(200);
      return res.body.items.map((w: { id: string }) => w.id) as string[];
    };
    expect(await ids("grid5")).toContain(wishId);
    expect(await ids("grid3")).not.toContain(wishId);
    expect(await ids("grid3", `&gridId=${GRID_5}`)).toEqual([]);
    expect(await ids("gridless")).toEqual([]);
    expect(await ids("gridless", `&gridId=${GRID_5}`)).toEqual([]);
  });

  it("recording a wish on behalf of a resident of another grid is 403; a worker without a grid may record for none", async () => {
    const body = (gridId: string) => ({ ...wishBody({ title: "代登记的心愿" }), onBehalfOf: { name: "马淑珍", phone: "13511223344", gridId } });
    const other = await api("POST", "/admin/wishes", { token: await token("grid3"), body: body(GRID_5) });
    expect(other.status).toBe(403);
    const gridless = await api("POST", "/admin/wishes", { token: await token("gridless"), body: body(GRID_5) });
    expect(gridless.status).toBe(403);
    expect(gridless.body.error.code).toBe("FORBIDDEN");
    expect(await rows("select id from wishes where on_behalf_name = '马淑珍'")).toEqual([]);
    expect((await api("POST", "/admin/wishes", { token: await token("grid5"), body: body(GRID_5) })).status).toBe(201);
  });
});

describe("a grid worker and exam rides", () => {
  async function bookedRide(openid: string) {
    const s = await examSession();
    const family = await gridFiveResident(openid);
    const ride = await api("POST", "/rides", { token: family.token, body: booking(s) });
    return ride.body.id as string;
  }

  it("reading or cancelling any ride is 404 找不到这个预约, and the ride stays as it was", async () => {
    const rideId = await bookedRide("gs-family-1");
    for (const who of ["grid5", "grid3", "gridless"] as const) {
      const read = await api("GET", `/rides/${rideId}`, { token: await token(who) });
      expect(read.status).toBe(404);
      expect(read.body.error).toEqual({ code: "NOT_FOUND", message: "找不到这个预约" });
      expect(read.text).not.toContain("13912340000");
      const cancel = await api("POST", `/rides/${rideId}/cancel`, { token: await token(who) });
      expect(cancel.status).toBe(404);
      expect(cancel.body.error).toEqual({ code: "NOT_FOUND", message: "找不到这个预约" });
    }
    expect(await rows("select status from rides where id = ?", rideId)).toEqual([{ status: "requested" }]);
    expect(await rows("select action from audit_log where target_id = ?", rideId)).toEqual([]);
  });

  it("an admin still reads and cancels a ride", async () => {
    const rideId = await bookedRide("gs-family-2");
    expect((await api("GET", `/rides/${rideId}`, { token: await admin() })).body).toMatchObject({ guardianPhone: "13912340000" });
    expect((await api("POST", `/rides/${rideId}/cancel`, { token: await admin() })).body.status).toBe("cancelled");
  });
});

describe("the console for a grid worker without a grid", () => {
  it("lists no wishes, offers no grid to record for, and approving any wish is 404", async () => {
    const wisher = await gridFiveResident("gs-wisher-console");
    const wishId = await pendingWish(wisher.token, "控制台里的心愿");
    await gridWorker("gs-console-nogrid", null);
    const { cookie, csrf } = await consoleLogin("gs-console-nogrid", "renxing-admin");
    const queue = await consolePage("/wishes", { cookie });
    expect(queue.status).toBe(200);
    expect(queue.html).not.toContain("控制台里的心愿");
    expect(queue.html).not.toContain("13811115555");
    expect(queue.html).not.toMatch(/<option value="grd_/);
    expect((await consolePage(`/wishes/${wishId}/approve`, { method: "POST", cookie, form: { _csrf: csrf } })).status).toBe(404);
    expect(await rows("select status from wishes where id = ?", wishId)).toEqual([{ status: "pending_review" }]);
  });

  it("the 概览 of a grid worker lists recently registered residents of their own grid only", async () => {
    const neighbour = await residentLogin("gs-new-5", "五网格新邻居");
    await api("PUT", "/me", { token: neighbour.token, body: { gridId: GRID_5 } });
    const stranger = await residentLogin("gs-new-3", "三网格新邻居");
    await api("PUT", "/me", { token: stranger.token, body: { gridId: GRID_3 } });
    await gridWorker("gs-console-grid5", GRID_5);
    const five = await consolePage("/", { cookie: (await consoleLogin("gs-console-grid5", "renxing-admin")).cookie });
    expect(five.html).toContain("五网格新邻居");
    expect(five.html).not.toContain("三网格新邻居");
    await gridWorker("gs-dashboard-nogrid", null);
    const none = await consolePage("/", { cookie: (await consoleLogin("gs-dashboard-nogrid", "renxing-admin")).cookie });
    expect(none.html).not.toContain("五网格新邻居");
    expect(none.html).not.toContain("三网格新邻居");
  });
});
