import { REPORT_CATEGORY_RULES, REPORT_RATING_LABEL, type RateReportBody, type ReportStatus } from "@renxing/shared";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { reports } from "../../db/schema";
import type { ResidentPrincipal } from "../../env";
import { ApiError, notFound } from "../../http/errors";
import { notify, type Notice } from "../notifications/notify";
import { handlersOf, reportForHandlers } from "./notices";
import { reporterViewOf, reporterViewReads, type ReporterReport } from "./read";
import { auditStep, newStep, timelineRow, type TimelineEntry } from "./steps";

type ReportRow = typeof reports.$inferSelect;

/** One step the reporter takes on their own report (withdraw, rate). */
export interface ReporterStep {
  from: readonly ReportStatus[];
  /** Columns the step writes (besides `lastStep` and `updatedAt`); SQL sees the row before the step. */
  set: Partial<Record<keyof ReportRow, unknown>>;
  timeline: TimelineEntry[];
  /** Built with the step id, so that only the winning request's step tells anyone. */
  notices: (step: string) => Notice[];
  action: string;
  detail?: Record<string, unknown>;
  refusal: string;
}

/**
 * Runs a reporter's step as one batch, like runStaffStep: the UPDATE guarded by the reporter and
 * the status, its timeline rows, notifications and audit entry (all written only when this step
 * won), and a read to explain a refusal: 404 when the report is not the caller's (someone else's
 * report is not theirs to know of), 409 when its state does not allow the step.
 */
export async function runReporterStep(db: Db, resident: ResidentPrincipal, reportId: string, spec: ReporterStep, now = Date.now()): Promise<ReporterReport> {
  const step = newStep();
  const mine = and(eq(reports.id, reportId), eq(reports.userId, resident.id));
  const view = reporterViewReads(db, resident, reportId);
  const [changed, seen, ...rest] = await db.batch([
    db
      .update(reports)
      .set({ ...(spec.set as Partial<ReportRow>), lastStep: step, updatedAt: now })
      .where(and(mine, inArray(reports.status, [...spec.from])))
      .returning({ id: reports.id }),
    db.select({ status: reports.status }).from(reports).where(mine),
    ...spec.timeline.map((entry) => timelineRow(db, reportId, step, resident, entry, now)),
    ...spec.notices(step).flatMap((notice) => notify(db, notice, now)),
    auditStep(db, reportId, step, resident, spec.action, spec.detail, now),
    // Read last, after the writes: the answer is the report as this step left it.
    ...view,
  ]);
  type View = [Awaited<ReturnType<(typeof view)[0]["all"]>>, Awaited<ReturnType<(typeof view)[1]["all"]>>];
  if (changed[0]) return reporterViewOf(...(rest.slice(-2) as View));
  if (!seen[0]) throw notFound("找不到这条诉求");
  throw new ApiError(409, "INVALID_TRANSITION", spec.refusal);
}

/** The reporter takes back a report nobody has finished yet; its handlers are told. */
export function withdrawReport(db: Db, resident: ResidentPrincipal, reportId: string, now = Date.now()) {
  return runReporterStep(
    db,
    resident,
    reportId,
    {
      from: ["submitted", "accepted"],
      set: { status: "withdrawn" },
      timeline: [{ kind: "withdrawn", text: "居民撤回了诉求", public: true }],
      notices: (step) => [reportForHandlers(reportId, step, "诉求已撤回", "居民已撤回诉求，无需再处理", now)],
      action: "report.withdraw",
      refusal: "诉求已办结或已结束，不能撤回",
    },
    now,
  );
}

const HOUR = 3600_000;
/** The category's hours to resolve, in SQL over the report being updated. */
const resolveMsSql = sql`case ${reports.category} ${sql.join(
  Object.entries(REPORT_CATEGORY_RULES).map(([key, rule]) => sql`when ${key} then ${rule.resolveHours * HOUR}`),
  sql` `,
)} end`;

/**
 * The reporter rates a resolved report. 满意 / 基本满意 close it. The first 不满意 sends it back to
 * `accepted` (reopen_count 1, a fresh resolve deadline and a fresh chance for the cron to escalate
 * it, the handlers told); a second 不满意 closes it flagged, and the community admins are told.
 * Which way it goes is decided in the UPDATE itself from reopen_count, so a race cannot split it.
 */
export function rateReport(db: Db, resident: ResidentPrincipal, reportId: string, body: RateReportBody, now = Date.now()) {
  const dissatisfied = body.rating === "dissatisfied";
  const reopens = dissatisfied ? sql`${reports.reopenCount} = 0` : sql`0`;
  const set: ReporterStep["set"] = {
    rating: body.rating,
    ratingComment: body.comment || null,
    ratedAt: now,
    status: sql`case when ${reopens} then 'accepted' else 'closed' end`,
    closedAt: sql`case when ${reopens} then null else ${now} end`,
  };
  if (dissatisfied) {
    Object.assign(set, {
      reopenCount: sql`case when ${reopens} then 1 else ${reports.reopenCount} end`,
      resolveBy: sql`case when ${reopens} then ${now} + ${resolveMsSql} else ${reports.resolveBy} end`,
      resolveOverdueAt: sql`case when ${reopens} then null else ${reports.resolveOverdueAt} end`,
      resolvedAt: sql`case when ${reopens} then null else ${reports.resolvedAt} end`,
      flagged: sql`case when ${reopens} then ${reports.flagged} else 1 end`,
    });
  }
  const reopened = sql`r.status = 'accepted'`;
  const closed = sql`r.status = 'closed'`;
  return runReporterStep(
    db,
    resident,
    reportId,
    {
      from: ["resolved"],
      set,
      timeline: [
        { kind: "rated", text: `居民评价：${REPORT_RATING_LABEL[body.rating]}`, public: true },
        { kind: "reopened", text: "居民不满意，重新办理", public: true, when: reopened },
        { kind: "closed", text: dissatisfied ? "居民再次不满意，诉求结束，转社区复核" : "诉求已办结", public: true, when: closed },
      ],
      notices: (step) =>
        dissatisfied
          ? [
              { ...reportForHandlers(reportId, step, "诉求重新办理", "居民不满意，请重新办理", now), to: { staffIn: whenReport(handlersOf(reportId, step), reportId, reopened) } },
              { ...reportForHandlers(reportId, step, "诉求两次不满意", "居民两次不满意，请社区复核", now), eventKey: `report_flagged:${reportId}:${step}`, to: { staffIn: adminsWhenFlagged(reportId, step) } },
            ]
          : [],
      action: "report.rate",
      detail: { rating: body.rating },
      refusal: "只有已办结、还没评价的诉求可以评价",
    },
    now,
  );
}

/** `recipients` (a SELECT of staff ids) only if the report, after the step, satisfies `condition` over `r`. */
const whenReport = (recipients: SQL, reportId: string, condition: SQL) =>
  sql`select id from (${recipients}) where exists (select 1 from reports r where r.id = ${reportId} and ${condition})`;

/** The community admins, when `step` closed the report flagged (its second 不满意). */
const adminsWhenFlagged = (reportId: string, step: string) =>
  sql`select s.id from staff s join reports r on r.id = ${reportId} and r.last_step = ${step} and r.status = 'closed' and r.flagged = 1 where s.role = 'admin'`;
