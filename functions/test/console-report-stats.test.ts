import { shanghaiDate } from "@renxing/shared";
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { csvDocument } from "../src/lib/csv";
import { consoleLogin, consolePage, ORIGIN } from "./console-helpers";
import { admin, gridWorker, residentInGrid } from "./fixtures";
import { api, rows } from "./helpers";
import { reportBody } from "./report-fixtures";

const A = "grd_renxing_07";
const B = "grd_renxing_08";
const DAY = 24 * 3600_000;
/** The fixture is moved 400 days back, so that no other report (the demo seed's) shares its range. */
const SHIFT = 400 * DAY;
const from = shanghaiDate(Date.now() - SHIFT - DAY);
const to = shanghaiDate(Date.now() - SHIFT + DAY);

/**
 * Grid A: five reports. Two resolved and rated (满意, 基本满意), one resolved and not rated, one
 * accepted and still open, one never accepted (open, accepted late). Grid B: two hazards, one
 * found on an inspection round and fixed, one open.
 * By hand: A received 5, accepted on time 4 (80%), resolved on time 3 (60%), rated 2,
 * satisfaction 100%, open 2; B received 2, hazards found 2, fixed 1, open 1.
 */
async function fixture() {
  const workerA = await gridWorker("crs-a", A);
  const workerB = await gridWorker("crs-b", B);
  const ids: string[] = [];
  const file = async (openid: string, gridId: string, overrides: Record<string, unknown> = {}) => {
    const resident = await residentInGrid(openid, gridId);
    const res = await api("POST", "/reports", { token: resident.token, body: reportBody(overrides) });
    if (res.status !== 201) throw new Error(res.text);
    ids.push(res.body.id);
    return { id: res.body.id as string, token: resident.token };
  };
  const step = async (token: string, path: string, body?: unknown) => {
    const res = await api("POST", path, { token, body });
    if (res.status !== 200) throw new Error(`${path}: ${res.text}`);
  };
  const resolved = async (openid: string, rating?: string) => {
    const r = await file(openid, A);
    await step(workerA.token, `/admin/reports/${r.id}/accept`);
    await step(workerA.token, `/admin/reports/${r.id}/resolve`, { result: "已更换楼道灯泡，亮了" });
    if (rating) await step(r.token, `/reports/${r.id}/rate`, { rating });
  };
  await resolved("crs-1", "satisfied");
  await resolved("crs-2", "basically_satisfied");
  await resolved("crs-3");
  const open = await file("crs-4", A);
  await step(workerA.token, `/admin/reports/${open.id}/accept`);
  await file("crs-5", A);

  const inspected = await api("POST", "/admin/reports", {
    token: workerB.token,
    body: { ...reportBody({ category: "safety_hazard", description: "巡查发现8号楼一楼私拉电线给电动车充电。", gridId: B }), reporter: { name: "网格员", phone: "13900008888" } },
  });
  ids.push(inspected.body.id);
  await step(workerB.token, `/admin/reports/${inspected.body.id}/accept`);
  await step(workerB.token, `/admin/reports/${inspected.body.id}/resolve`, { result: "已拆除电线，告知住户到充电桩充电" });
  await file("crs-6", B, { category: "safety_hazard", description: "8号楼楼道堆满了纸箱和旧家具，堵住了通道。" });

  const list = JSON.stringify(ids);
  const shift = (column: string) => `${column} = ${column} - ${SHIFT}`;
  await env.DB.batch([
    env.DB.prepare(
      `update reports set ${["created_at", "updated_at", "accept_by", "resolve_by", "accepted_at", "resolved_at", "rated_at", "closed_at"].map(shift).join(", ")} where id in (select value from json_each(?))`,
    ).bind(list),
    env.DB.prepare(`update report_events set ${shift("at")} where report_id in (select value from json_each(?))`).bind(list),
  ]);
}

const rowOf = (html: string, gridId: string) => new RegExp(`<tr data-grid="${gridId}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "";
const cells = (row: string) => [...row.matchAll(/<t[dh][^>]*>([^<]*)<\/t[dh]>/g)].map((m) => m[1]);

describe("console 诉求统计", () => {
  let names: Record<string, string>;
  beforeAll(async () => {
    await fixture();
    names = Object.fromEntries((await rows<{ id: string; name: string }>("select id, name from grids")).map((g) => [g.id, g.name]));
    await admin();
  });

  it("the per-grid table has the numbers and the rates as percentages", async () => {
    const { cookie } = await consoleLogin();
    const page = await consolePage(`/reports/stats?from=${from}&to=${to}`, { cookie });
    expect(page.status).toBe(200);
    // 网格, 收到, 按时受理, 按时受理率, 按时办结, 按时办结率, 平均用时, 评价数, 满意, 基本满意, 不满意, 满意率, 重新办理, 未办结, 发现隐患, 整改隐患
    const a = cells(rowOf(page.html, A));
    expect([a[0], a[1], a[2], a[3], a[4], a[5], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]]).toEqual([names[A], "5", "4", "80%", "3", "60%", "2", "1", "1", "0", "100%", "0", "2", "0", "0"]);
    const b = cells(rowOf(page.html, B));
    expect([b[0], b[1], b[7], b[11], b[13], b[14], b[15]]).toEqual([names[B], "2", "0", "—", "1", "2", "1"]);
    expect(page.html).toContain('data-total-received="7"');
  });

  it("draws the rates per grid and the 9-grid map as inline SVG, labelled, with the numbers written", async () => {
    const { cookie } = await consoleLogin();
    const { html } = await consolePage(`/reports/stats?from=${from}&to=${to}`, { cookie });
    const rates = /<svg[^>]*data-chart="rates"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    expect(rates).toMatch(/role="img" aria-labelledby="rates-title"/);
    expect(rates).toContain("<title id=\"rates-title\">各网格按时受理率、按时办结率和满意率</title>");
    expect(rates).toContain(`${names[A]} 按时办结率：60%`);
    expect(rates).toContain(`${names[B]} 满意率：无数据`);
    const map = /<svg[^>]*data-chart="grid-map"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    expect(map).toContain("<title id=\"map-title\">");
    expect(map.match(/<g data-grid=/g)).toHaveLength(Object.keys(names).length);
    expect(map).toMatch(new RegExp(`<g data-grid="${A}" data-open="2">[\\s\\S]*?${names[A]}[\\s\\S]*?未办结 2 件`));
    expect(map).toContain("6 件及以上");
    expect(html).not.toMatch(/<script(?! src="\/console\/static\/)/);
  });

  it("the CSV: a BOM, Chinese headers, an attachment not to be cached, and no formula let through", async () => {
    await env.DB.prepare("update grids set name = ? where id = ?").bind('=HYPERLINK("x")', B).run();
    const { cookie } = await consoleLogin();
    const res = await exports.default.fetch(new Request(`${ORIGIN}/console/reports/stats.csv?from=${from}&to=${to}`, { headers: { cookie } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="report-stats_${from}_${to}.csv"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    expect(lines[0]).toBe("网格,收到诉求,按时受理,按时受理率,按时办结,按时办结率,平均办结用时（小时）,评价数,满意,基本满意,不满意,满意率,重新办理,未办结,发现隐患,整改隐患");
    expect(lines.find((l) => l.startsWith(`${names[A]},`))).toMatch(new RegExp(`^${names[A]},5,4,80%,3,60%,[\\d.]+,2,1,1,0,100%,0,2,0,0$`));
    const renamed = lines.find((l) => l.startsWith('"\'=HYPERLINK(""x"")",'));
    expect(renamed).toMatch(/^"'=HYPERLINK\(""x""\)",2,.*,—,0,1,2,1$/);
    expect(lines.at(-1)).toMatch(/^合计,7,/);
    expect(csvDocument(["a"], [["-1+1"], ["@SUM(A1)"], ["+1"], ["安全"]])).toBe("\uFEFFa\r\n'-1+1\r\n'@SUM(A1)\r\n'+1\r\n安全\r\n");
  });

  it("refuses a range that ends before it starts", async () => {
    const { cookie } = await consoleLogin();
    const res = await consolePage("/reports/stats?from=2026-02-01&to=2026-01-01", { cookie });
    expect(res.status).toBe(400);
    expect(res.html).toContain("开始日期不能晚于结束日期");
  });
});
