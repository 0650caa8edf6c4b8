import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../src/index";
import { admin, gridWorker, residentInGrid } from "./fixtures";
import { api, rows } from "./helpers";

/**
 * Open311 GeoReport v2 under /open311/v2, called the way GeoReport clients call it: FixMyStreet's
 * Open311.pm posts `jurisdiction_id`, `api_key`, `lat`, `long`, `email`, `description`,
 * `service_code`, `first_name`, `last_name`, `phone`, `media_url` and `attribute[<code>]`
 * form-encoded to requests.json, and sends `jurisdiction_id` with every GET.
 */

const GRID = "grd_renxing_04";
const REPORTER_NAME = "周桂芳";
const REPORTER_PHONE = "13855550505";
const BUILDING = "7号楼1单元";

interface Open311Response {
  status: number;
  text: string;
  body: any;
  contentType: string | null;
}

async function open311(method: string, path: string, body?: URLSearchParams | FormData | string, headers: Record<string, string> = {}): Promise<Open311Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://localhost/open311/v2${path}`, { method, body, headers }), env, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, text, body: parsed, contentType: res.headers.get("content-type") };
}

/** A GeoReport error answer: `[{ code, description }]` with `code` = the HTTP status. */
function expectErrorArray(res: Open311Response, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(Array.isArray(res.body), res.text).toBe(true);
  expect(res.body.length).toBeGreaterThan(0);
  for (const error of res.body) expect(error).toEqual({ code: status, description: expect.stringMatching(/[\u4e00-\u9fff]/) });
}

async function issueKey(name = "皇姑区指挥平台") {
  const res = await api("POST", "/admin/open311-keys", { token: await admin(), body: { name } });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; name: string; key: string };
}

/** Exactly what FixMyStreet's client sends (first_name/last_name split from "张 三"). */
function fixMyStreetForm(apiKey: string, overrides: Record<string, string> = {}) {
  return new URLSearchParams({
    jurisdiction_id: "renxing",
    api_key: apiKey,
    lat: "41.8312",
    long: "123.4321",
    email: "zhangsan@example.com",
    description: "4号楼门前的路灯坏了三天，晚上一片漆黑，老人出门不安全。",
    service_code: "facility",
    first_name: "三",
    last_name: "张",
    phone: "13912345678",
    media_url: "https://fixmystreet.example/photo/123.jpeg",
    "attribute[grid]": GRID,
    ...overrides,
  });
}

const reportBody = (overrides: Record<string, unknown>) => ({
  category: "facility",
  description: "3号楼2单元楼道灯坏了一个多星期，晚上上下楼看不清。",
  ...overrides,
});

const post = (form: URLSearchParams | FormData) => open311("POST", "/requests.json", form);

describe("Open311 services", () => {
  it("services.json lists one service per report category", async () => {
    const res = await open311("GET", "/services.json?jurisdiction_id=renxing");
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/application\/json/);
    expect(res.body.map((s: { service_code: string }) => s.service_code)).toEqual(["environment", "facility", "safety_hazard", "neighbour_dispute", "property", "elderly_help", "other"]);
    expect(res.body[2]).toEqual({
      service_code: "safety_hazard",
      service_name: "安全隐患",
      description: expect.stringContaining("4小时内受理"),
      metadata: true,
      type: "realtime",
      keywords: expect.stringContaining("私拉电线"),
      group: expect.any(String),
    });
  });

  it("a service definition declares the required attribute grid with the community's 9 grids", async () => {
    const res = await open311("GET", "/services/facility.json?jurisdiction_id=renxing");
    expect(res.status).toBe(200);
    expect(res.body.service_code).toBe("facility");
    const grid = res.body.attributes.find((a: { code: string }) => a.code === "grid");
    expect(grid).toMatchObject({ variable: true, code: "grid", datatype: "singlevaluelist", required: true, order: 1 });
    expect(grid.values).toHaveLength(9);
    expect(grid.values[0]).toEqual({ key: "grd_renxing_01", name: expect.any(String) });
    expect(res.body.attributes.find((a: { code: string }) => a.code === "public")).toMatchObject({ required: false, datatype: "singlevaluelist" });
  });

  it("an unknown service is 404 and XML is 400, both as the error array", async () => {
    expectErrorArray(await open311("GET", "/services/potholes.json"), 404);
    expectErrorArray(await open311("GET", "/services.xml"), 400);
    expectErrorArray(await open311("GET", "/services/facility.xml"), 400);
    expectErrorArray(await open311("GET", "/requests.xml"), 400);
    expectErrorArray(await open311("GET", "/discovery.json"), 404);
  });
});

describe("Open311 POST requests.json", () => {
  it("a FixMyStreet-style form with a valid key files a report at grid level in attribute[grid]'s grid", async () => {
    const worker = await gridWorker("o311-gw", GRID);
    const key = await issueKey();
    const res = await post(fixMyStreetForm(key.key));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual([{ service_request_id: expect.stringMatching(/^RX\d{8}-\d{4}$/), service_notice: expect.stringContaining("24小时内受理") }]);
    const [report] = await rows<Record<string, unknown>>("select * from reports where ref = ?", res.body[0].service_request_id);
    expect(report).toMatchObject({
      source: "open311",
      open311_key_id: key.id,
      level: "grid",
      status: "submitted",
      grid_id: GRID,
      category: "facility",
      reporter_name: "张三",
      reporter_phone: "13912345678",
      lat: 41.8312,
      long: 123.4321,
      photo_urls: "[]",
      public: 0,
      user_id: null,
    });
    expect(await rows("select actor_kind, actor_label from report_events where report_id = ?", report!.id)).toEqual([{ actor_kind: "open311", actor_label: "皇姑区指挥平台" }]);
    expect(await rows("select kind from notifications where staff_id = ?", worker.staff.id)).toEqual([{ kind: "report_update" }]);
    expect(await rows<{ last_used_at: number | null }>("select last_used_at from open311_keys where id = ?", key.id)).toEqual([{ last_used_at: expect.any(Number) }]);
  });

  it("multipart works too; without a name the reporter is the platform; attribute[public]=true makes it public", async () => {
    const key = await issueKey();
    const form = new FormData();
    for (const [name, value] of fixMyStreetForm(key.key, { "attribute[public]": "true" })) if (name !== "first_name" && name !== "last_name") form.append(name, value);
    const res = await post(form);
    expect(res.status, res.text).toBe(200);
    const [report] = await rows("select reporter_name, public from reports where ref = ?", res.body[0].service_request_id);
    expect(report).toEqual({ reporter_name: "区级平台", public: 1 });
  });

  it("a bad, a missing or a revoked key gets 403 as the error array, and nothing is filed", async () => {
    const key = await issueKey("要停用的平台");
    const before = await rows("select count(*) as n from reports");
    expectErrorArray(await post(fixMyStreetForm("rx311_not-a-key-anybody-issued")), 403);
    const noKey = fixMyStreetForm("");
    noKey.delete("api_key");
    expectErrorArray(await post(noKey), 403);
    expect((await api("POST", `/admin/open311-keys/${key.id}/revoke`, { token: await admin() })).status).toBe(200);
    expectErrorArray(await post(fixMyStreetForm(key.key)), 403);
    expect(await rows("select count(*) as n from reports")).toEqual(before);
  });

  it("missing or invalid fields get 400 naming the GeoReport field", async () => {
    const { key } = await issueKey();
    const cases: [Record<string, string>, string][] = [
      [{ "attribute[grid]": "" }, "attribute[grid]"],
      [{ "attribute[grid]": "grd_nowhere" }, "attribute[grid]"],
      [{ description: "灯坏了" }, "description"],
      [{ description: "坏".repeat(1001) }, "description"],
      [{ service_code: "potholes" }, "service_code"],
      [{ lat: "north" }, "lat"],
      [{ long: "200" }, "long"],
      [{ phone: "12345" }, "phone"],
      [{ address_string: "很".repeat(41) }, "address_string"],
    ];
    for (const [overrides, field] of cases) {
      const res = await post(fixMyStreetForm(key, overrides));
      expectErrorArray(res, 400);
      expect(res.body.map((e: { description: string }) => e.description).join(" "), JSON.stringify(overrides)).toContain(`${field}:`);
    }
    const json = await open311("POST", "/requests.json", JSON.stringify(Object.fromEntries(fixMyStreetForm(key))), { "content-type": "application/json" });
    expectErrorArray(json, 400);
    expect(await rows("select id from reports where open311_key_id = (select id from open311_keys where key_hash is not null and name = '皇姑区指挥平台' order by created_at desc limit 1)")).toEqual([]);
  });

  it("61 parallel POSTs with one key in an hour: 60 filed, 1 refused with 429 as the error array", { timeout: 120_000 }, async () => {
    const key = await issueKey("限流测试平台");
    const results = await Promise.all(Array.from({ length: 61 }, () => post(fixMyStreetForm(key.key))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(60);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(1);
    expectErrorArray(refused[0]!, 429);
    expect(await rows("select count(*) as n from reports where open311_key_id = ?", key.id)).toEqual([{ n: 60 }]);
    // Another key is not held back by this one's limit.
    expect((await post(fixMyStreetForm((await issueKey("另一个平台")).key))).status).toBe(200);
  });
});

describe("Open311 GET requests", () => {
  const refs = {} as Record<"accepted" | "resolved" | "closed" | "submitted" | "private" | "rejected" | "withdrawn", string>;
  let reportIds: Record<string, string> = {};

  /** A resident's public (or not) report in GRID, accepted by the grid's worker unless `submitted`. */
  async function residentReport(name: string, isPublic: boolean, accept: boolean) {
    const { token } = await residentInGrid(`o311-${name}`, GRID, { realName: REPORTER_NAME, phone: REPORTER_PHONE });
    const filed = await api("POST", "/reports", { token, body: reportBody({ public: isPublic, building: BUILDING, lat: 41.8, long: 123.4 }) });
    expect(filed.status, filed.text).toBe(201);
    if (accept) expect((await api("POST", `/admin/reports/${filed.body.id}/accept`, { token: await admin() })).status).toBe(200);
    reportIds[name] = filed.body.id;
    return filed.body.ref as string;
  }

  beforeAll(async () => {
    reportIds = {};
    refs.accepted = await residentReport("accepted", true, true);
    refs.resolved = await residentReport("resolved", true, true);
    refs.closed = await residentReport("closed", true, true);
    refs.rejected = await residentReport("rejected", true, true);
    refs.withdrawn = await residentReport("withdrawn", true, true);
    refs.submitted = await residentReport("submitted", true, false);
    refs.private = await residentReport("private", false, true);
    // Resolving, rating, rejecting and withdrawing are other parts of issue 14: the later states
    // are written here as those steps leave them.
    const now = Date.now();
    await env.DB.prepare("update reports set status = 'resolved', result = '已更换路灯灯泡，恢复照明。', resolved_at = ? where id = ?").bind(now, reportIds.resolved).run();
    await env.DB.prepare("update reports set status = 'closed', result = '已修好', resolved_at = ?, rating = 'satisfied', closed_at = ? where id = ?").bind(now, now, reportIds.closed).run();
    await env.DB.prepare("update reports set status = 'rejected', reject_reason = '不属于社区管辖' where id = ?").bind(reportIds.rejected).run();
    await env.DB.prepare("update reports set status = 'withdrawn' where id = ?").bind(reportIds.withdrawn).run();
  }, 60_000);

  const listed = (res: Open311Response) => (res.body as { service_request_id: string }[]).map((r) => r.service_request_id);

  it("by date range: only public reports past acceptance, with GeoReport's fields and no personal data", async () => {
    const start = new Date(Date.now() - 3600_000).toISOString();
    const end = new Date(Date.now() + 3600_000).toISOString();
    const res = await open311("GET", `/requests.json?jurisdiction_id=renxing&start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`);
    expect(res.status, res.text).toBe(200);
    const ids = listed(res);
    expect(ids).toEqual(expect.arrayContaining([refs.accepted, refs.resolved, refs.closed]));
    for (const hidden of [refs.submitted, refs.private, refs.rejected, refs.withdrawn]) expect(ids).not.toContain(hidden);
    for (const personal of [REPORTER_NAME, REPORTER_PHONE, BUILDING, "网格员o311"]) expect(res.text).not.toContain(personal);
    const accepted = res.body.find((r: { service_request_id: string }) => r.service_request_id === refs.accepted);
    expect(accepted).toEqual({
      service_request_id: refs.accepted,
      status: "open",
      status_notes: null,
      service_name: "设施维修",
      service_code: "facility",
      description: expect.stringContaining("楼道灯"),
      agency_responsible: "网格员",
      requested_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$/),
      updated_datetime: expect.any(String),
      expected_datetime: expect.any(String),
      address: expect.any(String),
    });
    // The point a resident picks is often their own door: like the building, it stays with staff.
    expect(res.text).not.toContain("41.8");
    expect(res.text).not.toContain("123.4");
    const later = await open311("GET", `/requests.json?start_date=${encodeURIComponent(end)}`);
    expect(later.status).toBe(200);
    expect(listed(later)).toEqual([]);
  });

  it("status maps resolved to open and closed to closed, and filters by it", async () => {
    const all = await open311("GET", "/requests.json");
    const statusOf = (ref: string) => all.body.find((r: { service_request_id: string }) => r.service_request_id === ref)?.status;
    expect([statusOf(refs.accepted), statusOf(refs.resolved), statusOf(refs.closed)]).toEqual(["open", "open", "closed"]);
    expect(all.body.find((r: { service_request_id: string }) => r.service_request_id === refs.resolved).status_notes).toBe("已更换路灯灯泡，恢复照明。");
    const open = listed(await open311("GET", "/requests.json?status=open"));
    expect(open).toEqual(expect.arrayContaining([refs.accepted, refs.resolved]));
    expect(open).not.toContain(refs.closed);
    const closed = listed(await open311("GET", "/requests.json?status=closed&service_code=facility,other"));
    expect(closed).toContain(refs.closed);
    expect(closed).not.toContain(refs.accepted);
    expect(listed(await open311("GET", "/requests.json?service_code=elderly_help"))).not.toContain(refs.accepted);
  });

  it("service_request_id lists those reports whatever the other filters, public ones only", async () => {
    const res = await open311("GET", `/requests.json?service_request_id=${refs.accepted},${refs.private},${refs.closed}&status=open`);
    expect(res.status).toBe(200);
    expect(listed(res).sort()).toEqual([refs.accepted, refs.closed].sort());
  });

  it("by id: a public accepted report is a list of one; a non-public, unaccepted or unknown one is 404", async () => {
    const res = await open311("GET", `/requests/${refs.accepted}.json?jurisdiction_id=renxing`);
    expect(res.status).toBe(200);
    expect(listed(res)).toEqual([refs.accepted]);
    expect(res.text).not.toContain(REPORTER_PHONE);
    for (const ref of [refs.private, refs.submitted, refs.rejected, "RX20000101-0001"]) expectErrorArray(await open311("GET", `/requests/${ref}.json`), 404);
  });

  it("bad filters get 400 as the error array", async () => {
    for (const query of ["start_date=yesterday", "end_date=2026-13-45T00:00:00Z", "status=pending", "service_code=potholes", "start_date=2026-12-01T00:00:00Z&end_date=2026-11-01T00:00:00Z"]) {
      expectErrorArray(await open311("GET", `/requests.json?${query}`), 400);
    }
  });
});

describe("Open311 bad input", () => {
  it("malformed bodies, queries and ids get a 4xx error array, never a 500 or our { error } shape", { timeout: 60_000 }, async () => {
    const { key } = await issueKey("乱填的平台");
    const bodies: [string, string][] = [
      ["application/x-www-form-urlencoded", "%%%"],
      ["application/x-www-form-urlencoded", `api_key=${key}&service_code=%00&description=%E0%A4%A&attribute[grid]=' or 1=1 --`],
      ["application/x-www-form-urlencoded", `api_key=${key}&attribute[grid]=${GRID}&attribute[grid]=grd_renxing_05&lat=1e400&long=-&description=${"x".repeat(5000)}`],
      ["multipart/form-data; boundary=x", "garbage without any boundary"],
      ["multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\nabc"],
      ["text/plain", `api_key=${key}`],
      ["", ""],
    ];
    for (const [type, body] of bodies) {
      const res = await open311("POST", "/requests.json", body, type ? { "content-type": type } : {});
      expect(res.status, `${type} ${body.slice(0, 60)}`).toBeGreaterThanOrEqual(400);
      expectErrorArray(res, res.status);
    }
    const big = fixMyStreetForm(key, { description: "大".repeat(30_000) });
    expectErrorArray(await post(big), 413);
    for (const path of ["/requests.json?start_date=%%%", "/requests.json?status=%00&service_code=' or 1=1", `/requests.json?service_request_id=${"x".repeat(300)}`, "/requests/%00.json", `/requests/${"x".repeat(300)}.json`, "/requests/..%2F..%2Fadmin.json", "/services/%F0%9F%98%80.json"]) {
      const res = await open311("GET", path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expectErrorArray(res, res.status);
    }
  });
});

describe("Open311 API keys (admin)", () => {
  it("an admin issues a key shown once; only its hash is stored; the list never shows it", async () => {
    const res = await api("POST", "/admin/open311-keys", { token: await admin(), body: { name: "区级指挥平台" } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^o3k_/), name: "区级指挥平台", key: expect.stringMatching(/^rx311_[A-Za-z0-9_-]{43}$/) });
    const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(res.body.key)))].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(await rows("select key_hash from open311_keys where id = ?", res.body.id)).toEqual([{ key_hash: digest }]);
    const listedKeys = await api("GET", "/admin/open311-keys", { token: await admin() });
    expect(listedKeys.status).toBe(200);
    expect(listedKeys.body.items.find((k: { id: string }) => k.id === res.body.id)).toEqual({
      id: res.body.id,
      name: "区级指挥平台",
      createdAt: expect.any(String),
      createdBy: expect.any(String),
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(listedKeys.text).not.toContain(res.body.key);
    expect(listedKeys.text).not.toContain(digest);
    expect(await rows("select action from audit_log where target_id = ?", res.body.id)).toEqual([{ action: "open311_key.issue" }]);
  });

  it("10 parallel revokes: one revokes and is audited, the rest 409; an unknown key 404; grid workers 403", async () => {
    const key = await issueKey("并发停用");
    const results = await Promise.all(Array.from({ length: 10 }, async () => api("POST", `/admin/open311-keys/${key.id}/revoke`, { token: await admin() })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.find((r) => r.status === 200)!.body).toMatchObject({ id: key.id, revokedAt: expect.any(String) });
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    expect(await rows("select action from audit_log where target_id = ? and action = 'open311_key.revoke'", key.id)).toHaveLength(1);
    expect((await api("POST", "/admin/open311-keys/o3k_nothing/revoke", { token: await admin() })).status).toBe(404);
    const worker = await gridWorker("o311-keys-gw", GRID);
    expect((await api("POST", "/admin/open311-keys", { token: worker.token, body: { name: "网格员的密钥" } })).status).toBe(403);
  });
});
