import { REPORT_LEVEL_LABEL, type EscalateReportBody, type ReportCategory, type ReportNoteBody, type ReportStatus, type RejectReportBody, type ResolveReportBody } from "@renxing/shared";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { reports } from "../../db/schema";
import type { Principal, StaffPrincipal } from "../../env";
import { ApiError, forbidden, notFound, validationFailed } from "../../http/errors";
import { photoKeyOf } from "../uploads";
import { assertStaff } from "../../auth/roles";
import { notify, type Notice } from "../notifications/notify";
import { reportForHandlers, reportUpdated } from "./notices";
import { levelAboveSql, staffMayHandle, staffMaySee } from "./rules";
import { staffViewOf, staffViewReads, type StaffReport } from "./read";
import { auditStep, newStep, timelineRow, type TimelineEntry } from "./steps";

export type ReportRow = typeof reports.$inferSelect;

export const reportMissing = () => notFound("找不到这条诉求");

/** One staff step on a report, described by what it needs and what it writes. */
export interface StaffStep {
  /** The statuses the step may start from. */
  from: readonly ReportStatus[];
  /** Columns the step writes (besides `lastStep` and `updatedAt`). */
  set: Partial<Record<keyof ReportRow, unknown>>;
  /** A further guard, e.g. the level is below `district`. */
  where?: SQL;
  timeline: TimelineEntry;
  /** Built with the step id, so that only the winning request's step tells anyone. */
  notices: (step: string) => Notice[];
  action: string;
  detail?: Record<string, unknown>;
  /** What 409 says when the report is visible and handleable but the step does not apply. */
  refusal: string;
  /** A more precise refusal than 409 for the report's state as read after the UPDATE, if any. */
  refuse?: (seen: { status: ReportStatus; category: ReportCategory }) => ApiError | undefined;
}

/**
 * Runs a staff step as one batch: the guarded UPDATE (status, who may handle it at its level,
 * the step's own guard), its timeline row, notifications and audit entry, and a read of the
 * report to explain a refusal: 404 when the caller may not see it, 403 when they see it but
 * it is not theirs to handle at its level, 409 when its state does not allow the step.
 */
export async function runStaffStep(db: Db, actor: Principal, reportId: string, spec: StaffStep, now = Date.now()): Promise<StaffReport> {
  assertStaff(actor);
  const step = newStep();
  const [changed, seen, , viewRows, viewEvents] = await db.batch([
    db
      .update(reports)
      .set({ ...(spec.set as Partial<ReportRow>), lastStep: step, updatedAt: now })
      .where(and(eq(reports.id, reportId), inArray(reports.status, [...spec.from]), staffMayHandle(actor), spec.where))
      .returning({ id: reports.id }),
    db
      .select({ mayHandle: sql<number>`${staffMayHandle(actor)}`.as("may_handle"), status: reports.status, category: reports.category })
      .from(reports)
      .where(and(eq(reports.id, reportId), staffMaySee(actor))),
    timelineRow(db, reportId, step, actor, spec.timeline, now),
    // Read after the writes: the answer is the report as this step left it.
    ...staffViewReads(db, actor, reportId),
    ...spec.notices(step).flatMap((notice) => notify(db, notice, now)),
    auditStep(db, reportId, step, actor, spec.action, spec.detail, now),
  ]);
  if (changed[0]) return staffViewOf(viewRows, viewEvents, now);
  // The read ran after the UPDATE: when the update lost a race the row shows the winner's state.
  if (!seen[0]) throw reportMissing();
  if (!seen[0].mayHandle) throw forbidden("这条诉求已上报，由社区处理");
  const refused = spec.refuse?.(seen[0]);
  if (refused) throw refused;
  throw new ApiError(409, "INVALID_TRANSITION", spec.refusal);
}

/** The handler takes the report: it is theirs now, and the reporter learns it was accepted. */
export function acceptReport(db: Db, actor: Principal, reportId: string, now = Date.now()) {
  return runStaffStep(
    db,
    actor,
    reportId,
    {
      from: ["submitted"],
      set: { status: "accepted", handlerStaffId: (actor as StaffPrincipal).id, acceptedAt: now },
      timeline: { kind: "accepted", text: "已受理，正在处理", public: true },
      notices: (step) => [reportUpdated(reportId, step, "accepted", "已受理，正在处理", now)],
      action: "report.accept",
      refusal: "这条诉求已被受理或已结束",
    },
    now,
  );
}


/** Statuses a report is still being worked on in: notes are kept until it is closed. */
const NOTABLE: readonly ReportStatus[] = ["submitted", "accepted", "resolved"];

/** A progress note: internal by default; a public one appears on the reporter's timeline and tells them. */
export function noteReport(db: Db, actor: Principal, reportId: string, body: ReportNoteBody, now = Date.now()) {
  const isPublic = body.public ?? false;
  return runStaffStep(
    db,
    actor,
    reportId,
    {
      from: NOTABLE,
      set: {},
      timeline: { kind: "note", text: body.text, public: isPublic },
      notices: (step) => (isPublic ? [progress(reportUpdated(reportId, step, "accepted", body.text, now), "诉求有新进展", "有新进展")] : []),
      action: "report.note",
      detail: { public: isPublic },
      refusal: "这条诉求已结束，不能再记录进展",
    },
    now,
  );
}

/**
 * Hands the report one level up (community, then the street, then the district platform), with the
 * other body's case number when there is one. The status stays; the new level's handlers are told.
 */
export function escalateReport(db: Db, actor: Principal, reportId: string, body: EscalateReportBody, now = Date.now()) {
  const newLevel = sql`case r.level ${sql.join(
    Object.entries(REPORT_LEVEL_LABEL).map(([level, label]) => sql`when ${level} then ${label}`),
    sql` `,
  )} end`;
  return runStaffStep(
    db,
    actor,
    reportId,
    {
      from: ["submitted", "accepted"],
      set: { level: levelAboveSql, ...(body.externalRef ? { externalRef: body.externalRef } : {}) },
      where: sql`${reports.level} <> 'district'`,
      timeline: { kind: "escalated", text: sql`'已上报' || ${newLevel} || '：' || ${body.reason}`, public: true },
      notices: (step) => [
        progress(reportUpdated(reportId, step, "accepted", `已上报上一级处理：${body.reason}`, now), "诉求已上报", "已上报"),
        reportForHandlers(reportId, step, "诉求上报", `上报待处理：${body.reason}`, now),
      ],
      action: "report.escalate",
      detail: { reason: body.reason, externalRef: body.externalRef ?? null },
      refusal: "这条诉求已到区级指挥平台或已结束，不能再上报",
    },
    now,
  );
}

/**
 * The handler resolves an accepted report with its result and photos (our own /media/photos URLs,
 * served from `origin`). A neighbour dispute needs the mediation record: without it the UPDATE's
 * guard refuses, so nothing is written, and the refusal says why (422 MEDIATION_REQUIRED).
 */
export function resolveReport(db: Db, actor: Principal, reportId: string, body: ResolveReportBody, origin: string, now = Date.now()) {
  const photoUrls = body.photoUrls ?? [];
  if (!photoUrls.every((url) => photoKeyOf(url, origin)?.startsWith("photos/"))) throw validationFailed([{ field: "photoUrls", message: "只能使用在本平台上传的照片" }]);
  const mediation = body.mediation ?? null;
  return runStaffStep(
    db,
    actor,
    reportId,
    {
      from: ["accepted"],
      set: { status: "resolved", resolvedAt: now, result: body.result, resultPhotoUrls: JSON.stringify(photoUrls), mediation: mediation && JSON.stringify(mediation) },
      where: mediation ? undefined : sql`${reports.category} <> 'neighbour_dispute'`,
      timeline: { kind: "resolved", text: `已办结：${body.result}`, public: true },
      notices: (step) => [reportUpdated(reportId, step, "resolved", "已办结，请评价", now)],
      action: "report.resolve",
      detail: { mediation: mediation !== null, photos: photoUrls.length },
      refusal: "只有处理中的诉求可以办结",
      refuse: (seen) =>
        !mediation && seen.status === "accepted" && seen.category === "neighbour_dispute"
          ? new ApiError(422, "MEDIATION_REQUIRED", "邻里纠纷需要填写调解记录（时间、地点、当事人、是否达成一致）")
          : undefined,
    },
    now,
  );
}

/** Not for the community to handle (or a duplicate): the reporter learns why. */
export function rejectReport(db: Db, actor: Principal, reportId: string, body: RejectReportBody, now = Date.now()) {
  return runStaffStep(
    db,
    actor,
    reportId,
    {
      from: ["submitted", "accepted"],
      set: { status: "rejected", rejectReason: body.reason },
      timeline: { kind: "rejected", text: `不予受理：${body.reason}`, public: true },
      notices: (step) => [reportUpdated(reportId, step, "rejected", `未受理：${body.reason}`, now)],
      action: "report.reject",
      detail: { reason: body.reason },
      refusal: "这条诉求已办结或已结束，不能再驳回",
    },
    now,
  );
}

/** A message to the reporter that is not a change of status: its own title and short status. */
function progress(notice: Notice, title: string, status: string): Notice {
  return { ...notice, title, template: { ...notice.template, status } };
}
