import { describe, expect, it } from "vitest";
import { admin, openWish, volunteer, wishBody } from "./fixtures";
import { api, residentLogin, rows } from "./helpers";

describe("posting a wish", () => {
  it("is pending review, visible to its wisher and staff only (404 for others)", async () => {
    const { token } = await residentLogin("wisher-1", "张秀英");
    const posted = await api("POST", "/wishes", { token, body: wishBody() });
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({ id: expect.stringMatching(/^wsh_/), status: "pending_review" });

    expect((await api("GET", `/wishes/${posted.body.id}`, { token })).body).toMatchObject({ status: "pending_review", isMine: true });
    expect((await api("GET", `/wishes/${posted.body.id}`)).status).toBe(404);
    const other = await residentLogin("stranger-1");
    expect((await api("GET", `/wishes/${posted.body.id}`, { token: other.token })).status).toBe(404);
    expect((await api("GET", `/wishes/${posted.body.id}`, { token: await admin() })).status).toBe(200);
    const wall = await api("GET", "/wishes");
    expect(wall.body.items.map((w: { id: string }) => w.id)).not.toContain(posted.body.id);
  });

  it("validates title, story, category and value, and writes nothing", async () => {
    const { token, user } = await residentLogin("wisher-bad");
    const res = await api("POST", "/wishes", { token, body: { title: "书", story: "短", category: "toys", estimatedValueYuan: 5000 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(["category", "estimatedValueYuan", "story", "title"]);
    expect(await rows("select id from wishes where user_id = ?", user.id)).toHaveLength(0);
  });

  it("a 4th active wish is 422 TOO_MANY_ACTIVE_WISHES, even when posted in parallel", async () => {
    const { token, user } = await residentLogin("wisher-many");
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => api("POST", "/wishes", { token, body: wishBody({ title: `心愿${i + 1}号` }) })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = results.filter((r) => r.status === 422);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.body.error.code).toBe("TOO_MANY_ACTIVE_WISHES");
    expect(await rows("select id from wishes where user_id = ?", user.id)).toHaveLength(3);

    // Cancelling one frees a place.
    const cancelled = await api("POST", `/wishes/${results.find((r) => r.status === 201)!.body.id}/cancel`, { token });
    expect(cancelled.body.status).toBe("cancelled");
    expect((await api("POST", "/wishes", { token, body: wishBody() })).status).toBe(201);
  });
});

describe("the whole lifecycle", () => {
  it("review → claim → fulfil → confirm, with 60 minutes credited once to the volunteer", async () => {
    const wisher = await residentLogin("life-wisher", "陈桂兰");
    await api("PUT", "/me", { token: wisher.token, body: { realName: "陈桂兰", phone: "13811112222", gridId: "grd_renxing_04" } });
    const posted = await api("POST", "/wishes", { token: wisher.token, body: wishBody() });
    const reviewed = await api("POST", `/admin/wishes/${posted.body.id}/review`, { token: await admin(), body: { approve: true } });
    expect(reviewed.body).toMatchObject({ status: "open", wisher: { name: "陈桂兰", phone: "13811112222" }, gridName: "第四网格" });

    const vol = await volunteer("life-volunteer", "刘志强");
    const claimed = await api("POST", `/wishes/${posted.body.id}/claim`, { token: vol.token });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: "claimed", claimer: { kind: "volunteer", name: "刘**" }, isClaimedByMe: true });

    const fulfilled = await api("POST", `/wishes/${posted.body.id}/fulfil`, { token: vol.token, body: { note: "书包已送到家，孩子很喜欢" } });
    expect(fulfilled.body).toMatchObject({ status: "fulfilled", fulfilment: { note: "书包已送到家，孩子很喜欢", photoUrls: [] } });

    const confirmed = await api("POST", `/wishes/${posted.body.id}/confirm`, { token: wisher.token, body: { rating: 5, thanks: "谢谢小刘！" } });
    expect(confirmed.body).toMatchObject({ status: "completed", confirmation: { rating: 5, thanks: "谢谢小刘！" } });
    const again = await api("POST", `/wishes/${posted.body.id}/confirm`, { token: wisher.token, body: { rating: 5 } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("INVALID_TRANSITION");

    expect((await api("GET", "/me", { token: vol.token })).body.totalServiceMinutes).toBe(60);
    expect(await rows("select minutes, source from service_hours where source_id = ?", posted.body.id)).toEqual([{ minutes: 60, source: "wish" }]);
  });

  it("20 volunteers claiming one open wish at once: exactly one 200 and nineteen 409 WISH_NOT_OPEN", async () => {
    const wisher = await residentLogin("race-wisher");
    const wishId = await openWish(wisher.token);
    const volunteers = [];
    for (let i = 0; i < 20; i++) volunteers.push(await volunteer(`racer-${i}`));
    const results = await Promise.all(volunteers.map((v) => api("POST", `/wishes/${wishId}/claim`, { token: v.token })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const lost = results.filter((r) => r.status === 409);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(r.body.error.code).toBe("WISH_NOT_OPEN");
    const winner = volunteers[results.findIndex((r) => r.status === 200)]!;
    expect(await rows("select claimer_user_id from wishes where id = ?", wishId)).toEqual([{ claimer_user_id: winner.user.id }]);
  });

  it("claiming your own wish is 422; a resident who is not a volunteer gets 403 NOT_A_VOLUNTEER", async () => {
    const wisherVolunteer = await volunteer("own-claimer");
    const wishId = await openWish(wisherVolunteer.token);
    const own = await api("POST", `/wishes/${wishId}/claim`, { token: wisherVolunteer.token });
    expect(own.status).toBe(422);
    expect(own.body.error.code).toBe("CANNOT_CLAIM_OWN_WISH");
    const plain = await residentLogin("not-a-volunteer");
    const res = await api("POST", `/wishes/${wishId}/claim`, { token: plain.token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("NOT_A_VOLUNTEER");
  });

  it("release and fulfil by anyone but the claimer are refused, and change nothing", async () => {
    const wisher = await residentLogin("guarded-wisher");
    const wishId = await openWish(wisher.token);
    const claimerVol = await volunteer("the-claimer");
    const otherVol = await volunteer("not-the-claimer");
    await api("POST", `/wishes/${wishId}/claim`, { token: claimerVol.token });
    for (const token of [otherVol.token, wisher.token]) {
      expect((await api("POST", `/wishes/${wishId}/release`, { token })).status).toBe(403);
      expect((await api("POST", `/wishes/${wishId}/fulfil`, { token, body: { note: "假装完成了" } })).status).toBe(403);
    }
    expect(await rows("select status, claimer_user_id from wishes where id = ?", wishId)).toEqual([{ status: "claimed", claimer_user_id: claimerVol.user.id }]);
    const released = await api("POST", `/wishes/${wishId}/release`, { token: claimerVol.token });
    expect(released.body).toMatchObject({ status: "open", claimer: null });
  });

  it("only the wisher confirms; cancel works only before anyone claims", async () => {
    const wisher = await residentLogin("confirm-wisher");
    const wishId = await openWish(wisher.token);
    const vol = await volunteer("confirm-vol");
    await api("POST", `/wishes/${wishId}/claim`, { token: vol.token });
    expect((await api("POST", `/wishes/${wishId}/cancel`, { token: wisher.token })).status).toBe(409);
    await api("POST", `/wishes/${wishId}/fulfil`, { token: vol.token, body: { note: "完成啦" } });
    expect((await api("POST", `/wishes/${wishId}/confirm`, { token: vol.token, body: { rating: 5 } })).status).toBe(403);
    expect((await api("POST", `/wishes/${wishId}/confirm`, { token: wisher.token, body: { rating: 9 } })).status).toBe(400);
  });
});

describe("privacy on the public wall", () => {
  it("the public list's raw body contains no full name and no phone of any wisher", async () => {
    const wisher = await residentLogin("private-wisher", "昵称不该出现");
    await api("PUT", "/me", { token: wisher.token, body: { realName: "欧阳秀英", phone: "13987654321" } });
    await openWish(wisher.token, { title: "想请人陪我聊聊天", category: "companionship" });
    const staffRecorded = await api("POST", "/admin/wishes", {
      token: await admin(),
      body: { ...wishBody({ title: "修一修漏水的水龙头", category: "repair" }), onBehalfOf: { name: "马淑珍", phone: "13511223344", gridId: "grd_renxing_02" } },
    });
    expect(staffRecorded.status).toBe(201);
    expect(staffRecorded.body).toMatchObject({ status: "open", wisher: { name: "马淑珍", phone: "13511223344", onBehalf: true } });

    const res = await api("GET", "/wishes?limit=100");
    expect(res.status).toBe(200);
    for (const secret of ["欧阳秀英", "13987654321", "987654321", "马淑珍", "13511223344", "昵称不该出现"]) expect(res.text).not.toContain(secret);
    const names = res.body.items.map((w: { wisherName: string }) => w.wisherName);
    expect(names).toContain("欧**");
    expect(names).toContain("马**");
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(["category", "claimer", "createdAt", "gridName", "id", "status", "story", "title", "wisherName"]);
  });

  it("filters by status and category, and refuses non-public statuses", async () => {
    const wisher = await residentLogin("filter-wisher");
    await openWish(wisher.token, { category: "health", title: "需要一个血压计" });
    const health = await api("GET", "/wishes?category=health");
    expect(health.body.items.length).toBeGreaterThan(0);
    for (const w of health.body.items) expect(w.category).toBe("health");
    expect((await api("GET", "/wishes?status=pending_review")).status).toBe(400);
  });
});

describe("partner units", () => {
  it("an admin makes a resident a partner representative, who then claims for the unit", async () => {
    const rep = await residentLogin("bank-rep", "吉行小王");
    const made = await api("POST", "/admin/partners/ptn_renxing_01/representatives", { token: await admin(), body: { userId: rep.user.id } });
    expect(made.status).toBe(200);
    const me = (await api("GET", "/me", { token: rep.token })).body;
    expect(me.roles).toContain("partner");
    expect(me.partner).toEqual({ id: "ptn_renxing_01", name: "吉林银行" });

    const wisher = await residentLogin("bank-wisher");
    const wishId = await openWish(wisher.token);
    const wrongUnit = await api("POST", `/wishes/${wishId}/claim`, { token: rep.token, body: { partnerId: "ptn_renxing_02" } });
    expect(wrongUnit.status).toBe(403);
    const claimed = await api("POST", `/wishes/${wishId}/claim`, { token: rep.token, body: { partnerId: "ptn_renxing_01" } });
    expect(claimed.status).toBe(200);
    expect(claimed.body.claimer).toEqual({ kind: "partner", name: "吉林银行" });

    // Partners are not credited volunteer hours for the unit's wish.
    await api("POST", `/wishes/${wishId}/fulfil`, { token: rep.token, body: { note: "银行党员送来了书包" } });
    await api("POST", `/wishes/${wishId}/confirm`, { token: wisher.token, body: { rating: 5 } });
    expect(await rows("select id from service_hours where source_id = ?", wishId)).toHaveLength(0);
  });

  it("only admins appoint representatives", async () => {
    const someone = await residentLogin("self-appointed");
    const res = await api("POST", "/admin/partners/ptn_renxing_01/representatives", { token: someone.token, body: { userId: someone.user.id } });
    expect(res.status).toBe(403);
  });
});

describe("staff review", () => {
  it("rejecting needs a reason; reviewing twice is 409; the wisher sees the reason", async () => {
    const wisher = await residentLogin("review-wisher");
    const posted = await api("POST", "/wishes", { token: wisher.token, body: wishBody() });
    const token = await admin();
    expect((await api("POST", `/admin/wishes/${posted.body.id}/review`, { token, body: { approve: false } })).status).toBe(400);
    const rejected = await api("POST", `/admin/wishes/${posted.body.id}/review`, { token, body: { approve: false, reason: "请补充具体需要的物品" } });
    expect(rejected.body.status).toBe("rejected");
    expect((await api("POST", `/admin/wishes/${posted.body.id}/review`, { token, body: { approve: true } })).status).toBe(409);
    expect((await api("GET", `/wishes/${posted.body.id}`, { token: wisher.token })).body).toMatchObject({ status: "rejected", reviewReason: "请补充具体需要的物品" });
    expect(await rows("select action from audit_log where target_id = ?", posted.body.id)).toEqual([{ action: "wish.reject" }]);
  });

  it("residents cannot use the staff endpoints (403)", async () => {
    const { token } = await residentLogin("fake-staff");
    expect((await api("GET", "/admin/wishes", { token })).status).toBe(403);
    expect((await api("POST", "/admin/wishes/wsh_x/review", { token, body: { approve: true } })).status).toBe(403);
  });
});
