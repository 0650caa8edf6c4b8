import { AUTO_ESCALATION_CEILING, REPORT_LEVEL_LABEL, REPORT_LEVELS, type ReportLevel, type ReportStatus } from "@renxing/shared";
import { and, asc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { reports } from "../../db/schema";
import { notify } from "../notifications/notify";
import { reportForHandlers, reportUpdated } from "./notices";
import { levelAbove } from "./rules";
import { auditStep, newStep, timelineRow } from "./steps";

/** The levels the cron raises from: those below its ceiling (today only `grid`). */
const RAISABLE_LEVELS = REPORT_LEVELS.slice(0, REPORT_LEVELS.indexOf(AUTO_ESCALATION_CEILING));
/** A backlog larger than this (after an outage) is worked off by the next quarter-hour runs. */
const CANDIDATES_PER_RUN = 500;
/** Seven statements per report, 140 a batch: well inside what one D1 batch should carry. */
const REPORTS_PER_BATCH = 20;
const SYSTEM = { kind: "system" } as const;

type Deadline = "accept" | "resolve";

interface Candidate {
  id: string;
  status: ReportStatus;
  level: ReportLevel;
}

/** Still waiting past `deadline`, and not yet escalated for it. */
const overdueFor = (deadline: Deadline, now: number) =>
  deadline === "accept"
    ? and(eq(reports.status, "submitted"), lt(reports.acceptBy, now), isNull(reports.acceptOverdueAt))
    : and(eq(reports.status, "accepted"), lt(reports.resolveBy, now), isNull(reports.resolveOverdueAt));

/**
 * The quarter-hour cron's escalation: a report still at `grid` that was not accepted by
 * `acceptBy`, or not resolved by `resolveBy`, goes one level up (to the community, never past
 * AUTO_ESCALATION_CEILING), with a public timeline entry, an audit entry by the system, and a
 * `report_update` to the reporter and to the new handlers.
 *
 * One read finds the candidates; each is then raised by its own guarded UPDATE (still at that
 * level, still overdue, `*_overdue_at` still empty) that stamps a fresh step id, and the rest of
 * its statements are written only under that step id. So a second run, or two runs at once, raise
 * and tell each report once per deadline: the loser's UPDATE matches nothing and writes nothing.
 *
 * @example await escalateOverdue(db, controller.scheduledTime) // { overdue: 2, escalated: 2 }
 */
export async function escalateOverdue(db: Db, now: number): Promise<{ overdue: number; escalated: number }> {
  const candidates: Candidate[] = await db
    .select({ id: reports.id, status: reports.status, level: reports.level })
    .from(reports)
    .where(and(inArray(reports.level, RAISABLE_LEVELS), or(overdueFor("accept", now), overdueFor("resolve", now))))
    .orderBy(asc(reports.createdAt))
    .limit(CANDIDATES_PER_RUN);

  let escalated = 0;
  for (let i = 0; i < candidates.length; i += REPORTS_PER_BATCH) {
    const chunk = candidates.slice(i, i + REPORTS_PER_BATCH).map((candidate) => escalation(db, candidate, now));
    const results = await db.batch(chunk.flat() as unknown as Parameters<Db["batch"]>[0]);
    // Each report's guarded UPDATE comes first among its statements and returns the row it raised.
    let at = 0;
    for (const statements of chunk) {
      if ((results[at] as unknown[]).length > 0) escalated += 1;
      at += statements.length;
    }
  }
  return { overdue: candidates.length, escalated };
}

/** The statements that raise one report and tell about it, all under one step id. */
function escalation(db: Db, report: Candidate, now: number) {
  const deadline: Deadline = report.status === "submitted" ? "accept" : "resolve";
  const to = levelAbove(report.level)!;
  const step = newStep();
  const text = `超过${deadline === "accept" ? "受理" : "办理"}时限，自动上报${REPORT_LEVEL_LABEL[to]}`;
  const toReporter = reportUpdated(report.id, step, report.status, text, now);
  return [
    db
      .update(reports)
      .set({ level: to, ...(deadline === "accept" ? { acceptOverdueAt: now } : { resolveOverdueAt: now }), lastStep: step, updatedAt: now })
      .where(and(eq(reports.id, report.id), eq(reports.level, report.level), overdueFor(deadline, now)))
      .returning({ id: reports.id }),
    timelineRow(db, report.id, step, SYSTEM, { kind: "escalated", text, public: true }, now),
    ...notify(db, { ...toReporter, title: `诉求已上报${REPORT_LEVEL_LABEL[to]}`, template: { ...toReporter.template, status: "已上报" } }, now),
    ...notify(db, reportForHandlers(report.id, step, `超时诉求已上报${REPORT_LEVEL_LABEL[to]}`, text, now), now),
    auditStep(db, report.id, step, SYSTEM, "report.escalate", { automatic: true, deadline, from: report.level, to }, now),
  ];
}
