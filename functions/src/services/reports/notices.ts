import { REPORT_STATUS_LABEL, type ReportStatus } from "@renxing/shared";
import { sql, type SQL } from "drizzle-orm";
import { noticeTime } from "../notifications/messages";
import type { Notice } from "../notifications/notify";
import { reportPage } from "./rules";

/**
 * What a report's steps tell people (`report_update`): the reporter, by the case number, and the
 * staff who must act next. Guarded by the step id, so only the request whose step won tells.
 */

/** The reporter of `reportId`, only when `step` was taken (null otherwise: nobody is told). */
export const reporterIfStep = (reportId: string, step: string) => sql`(select user_id from reports where id = ${reportId} and last_step = ${step})`;

const refOf = (reportId: string) => sql`(select ref from reports where id = ${reportId})`;

/** Tells the reporter that their report moved: `status` is the new status, `text` what happened. */
export function reportUpdated(reportId: string, step: string, status: ReportStatus, text: string, now: number): Notice {
  return {
    kind: "report_update",
    to: { user: reporterIfStep(reportId, step) },
    eventKey: `report_update:${reportId}:${step}`,
    title: `诉求${REPORT_STATUS_LABEL[status]}`,
    body: sql`'你的诉求（' || ${refOf(reportId)} || '）' || ${text}`,
    page: reportPage(reportId),
    template: { title: refOf(reportId), body: text, status: REPORT_STATUS_LABEL[status], time: noticeTime(now) },
  };
}

/**
 * The staff who handle the report at its level once `step` was taken: the grid's workers at
 * `grid`, the community admins above it. The console's 消息 shows these.
 */
export function handlersOf(reportId: string, step: string): SQL {
  return sql`select s.id from staff s join reports r on r.id = ${reportId} and r.last_step = ${step}
    where (r.level = 'grid' and s.role = 'grid_worker' and s.grid_id = r.grid_id) or (r.level <> 'grid' and s.role = 'admin')`;
}

export function reportForHandlers(reportId: string, step: string, title: string, text: string, now: number): Notice {
  return {
    kind: "report_update",
    to: { staffIn: handlersOf(reportId, step) },
    eventKey: `report_handle:${reportId}:${step}`,
    title,
    body: sql`'诉求 ' || ${refOf(reportId)} || '：' || ${text}`,
    page: `/console/reports/${reportId}`,
    template: { title: refOf(reportId), body: text, status: "待处理", time: noticeTime(now) },
  };
}
