import type { Page, RateReportBody, ReportBody, ReportCategory, ReportDetail, ReportLevel } from "@renxing/shared";
import { call } from "./client";
import { wishesApi } from "./wishes";

/** A card of the public board (诉求墙): what anyone may read, never a name, phone or building. */
export type PublicReport = Pick<ReportDetail, "id" | "category" | "description" | "status" | "gridName" | "createdAt"> &
  Partial<Pick<ReportDetail, "ref" | "categoryName" | "level" | "photoUrls">>;

export interface FiledReport {
  id: string;
  ref: string;
  status: "submitted";
  level: ReportLevel;
}

const reportPath = (id: string, action = "") => `/reports/${encodeURIComponent(id)}${action ? `/${action}` : ""}`;

/** 网格诉求 endpoints of the contract's "Community reports" section (the resident's side). */
export const reportsApi = {
  /** `quiet`: the form shows field problems and the server's refusal (GRID_REQUIRED …) itself. */
  post: (body: ReportBody) => call<FiledReport>("POST", "/reports", { body, quiet: true }),

  mine: () => call<Page<ReportDetail>>("GET", "/me/reports?limit=100"),

  /** The reporter's own report, or a public one anyone may open (a notification, the board). */
  get: (id: string) => call<ReportDetail>("GET", reportPath(id), { auth: "optional" }),

  board: (query: { category?: ReportCategory; cursor?: string }) => {
    const params = [`limit=20`];
    if (query.category) params.push(`category=${query.category}`);
    if (query.cursor) params.push(`cursor=${encodeURIComponent(query.cursor)}`);
    return call<Page<PublicReport>>("GET", `/reports?${params.join("&")}`, { auth: "optional" });
  },

  withdraw: (id: string) => call<ReportDetail>("POST", reportPath(id, "withdraw"), { body: {} }),

  /** `quiet`: the rating card shows the refusal under its buttons. */
  rate: (id: string, body: RateReportBody) => call<ReportDetail>("POST", reportPath(id, "rate"), { body, quiet: true }),

  // POST /uploads serves every feature's photos; its client lives with its first user, 微心愿.
  uploadPhoto: (filePath: string) => wishesApi.uploadPhoto(filePath),
};
