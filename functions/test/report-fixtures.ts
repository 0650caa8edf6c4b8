import { gridWorker, residentInGrid } from "./fixtures";
import { api } from "./helpers";

/** Journeys of the reports tests, through the real API. */

export const REPORT_GRID = "grd_renxing_04";

export const reportBody = (overrides: Record<string, unknown> = {}) => ({
  category: "facility",
  description: "3号楼2单元楼道灯坏了一个多星期，晚上上下楼看不清。",
  building: "3号楼2单元",
  public: false,
  ...overrides,
});

export const photo = (n: number) => `/media/photos/${n.toString(16).padStart(32, "0")}.jpg`;

/** A report filed by a resident of REPORT_GRID (周桂芳, 13855550505), with that grid's worker. */
export async function filedReport(name: string, overrides: Record<string, unknown> = {}, profile: { realName?: string; phone?: string } = {}) {
  const reporter = await residentInGrid(`${name}-reporter`, REPORT_GRID, profile);
  const worker = await gridWorker(`${name}-gw`, REPORT_GRID);
  const res = await api("POST", "/reports", { token: reporter.token, body: reportBody(overrides) });
  if (res.status !== 201) throw new Error(res.text);
  return { id: res.body.id as string, ref: res.body.ref as string, reporter, worker };
}

/** As filedReport, accepted by the grid's worker. */
export async function acceptedReport(name: string, overrides: Record<string, unknown> = {}, profile: { realName?: string; phone?: string } = {}) {
  const f = await filedReport(name, overrides, profile);
  const res = await api("POST", `/admin/reports/${f.id}/accept`, { token: f.worker.token });
  if (res.status !== 200) throw new Error(res.text);
  return f;
}

/** As acceptedReport, resolved by the grid's worker. */
export async function resolvedReport(name: string, overrides: Record<string, unknown> = {}) {
  const f = await acceptedReport(name, overrides);
  const res = await api("POST", `/admin/reports/${f.id}/resolve`, { token: f.worker.token, body: { result: "已更换楼道灯泡，亮了" } });
  if (res.status !== 200) throw new Error(res.text);
  return f;
}
