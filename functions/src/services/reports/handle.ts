import type { ReportStatus } from "@renxing/shared";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { reports } from "../../db/schema";
import type { Principal, StaffPrincipal } from "../../env";
import { ApiError, forbidden, notFound } from "../../http/errors";
import { assertStaff } from "../../auth/roles";
import { notify, type Notice } from "../notifications/notify";
import { reportUpdated } from "./notices";
import { staffMayHandle, staffMaySee } from "./rules";
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
}

/**
 * Runs a staff step as one batch: the guarded UPDATE (status, who may handle it at its level,
 * the step's own guard), its timeline row, notifications and audit entry, and a read of the
 * report to explain a refusal: 404 when the caller may not see it, 403 when they see it but
 * it is not theirs to handle at its level, 409 when its state does not allow the step.
 */
export async function runStaffStep(db: Db, actor: Principal, reportId: string, spec: StaffStep, now = Date.now()): Promise<ReportRow> {
  assertStaff(actor);
  const step = newStep();
  const [changed, seen] = await db.batch([
    db
      .update(reports)
      .set({ ...(spec.set as Partial<ReportRow>), lastStep: step, updatedAt: now })
      .where(and(eq(reports.id, reportId), inArray(reports.status, [...spec.from]), staffMayHandle(actor), spec.where))
      .returning(),
    db
      .select({ mayHandle: sql<number>`${staffMayHandle(actor)}`.as("may_handle") })
      .from(reports)
      .where(and(eq(reports.id, reportId), staffMaySee(actor))),
    timelineRow(db, reportId, step, actor, spec.timeline, now),
    ...spec.notices(step).flatMap((notice) => notify(db, notice, now)),
    auditStep(db, reportId, step, actor, spec.action, spec.detail, now),
  ]);
  if (changed[0]) return changed[0];
  // The read ran after the UPDATE: when the update lost a race the row shows the winner's state.
  if (!seen[0]) throw reportMissing();
  if (!seen[0].mayHandle) throw forbidden("这条诉求已上报，由社区处理");
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

