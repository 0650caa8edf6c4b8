import {
  PUBLIC_REPORT_STATUSES,
  REPORT_CATEGORY_RULES,
  REPORT_LEVEL_LABEL,
  REPORT_STATUS_LABEL,
  toShanghaiIso,
  type ContentCheck,
  type Mediation,
  type Page,
  type ReportCategory,
  type ReportDetail,
  type ReportLevel,
  type ReportRating,
  type ReportStatus,
  type ReportTimelineEntry,
} from "@renxing/shared";
import { and, asc, desc, eq, inArray, not, sql, type SQL } from "drizzle-orm";
import { assertStaff } from "../../auth/roles";
import { residentBatch, signedInUserId, viewerBatch, type Bearer } from "../../auth/session-batch";
import type { Db } from "../../db/client";
import { grids, reportEvents, reports, staff, users } from "../../db/schema";
import type { Principal, ResidentPrincipal, StaffPrincipal } from "../../env";
import { notFound } from "../../http/errors";
import { decodeCursor, olderThan, toPage } from "../../lib/cursor";
import { overdueSql, staffMaySee } from "./rules";

/**
 * Reads of reports, each one D1 round trip: the report rows and their timelines in one batch
 * (with the session lookup first where a token decides what is shown). Three views of the same
 * report: the public's (no name, phone, building, place or who did what), the reporter's, and
 * the staff's (the reporter's name and phone unmasked: they call back; internal entries).
 */

/** A timeline entry as staff see it: with who took the step and whether the reporter sees it. */
export interface StaffTimelineEntry extends ReportTimelineEntry {
  public: boolean;
  actor: { kind: "user" | "staff" | "system" | "open311"; label: string };
}

/** A report as the reporter sees it; the public's view is the same shape with the personal fields empty. */
export type ReporterReport = ReportDetail;

/** The staff view: the reporter's contact in full, the handler, internal entries, `overdue`. */
export interface StaffReport extends Omit<ReporterReport, "timeline"> {
  timeline: StaffTimelineEntry[];
  reporter: { userId: string | null; name: string | null; phone: string | null };
  source: "resident" | "staff" | "open311";
  handler: { id: string; name: string } | null;
  externalRef: string | null;
  flagged: boolean;
  overdue: boolean;
  contentCheck: ContentCheck | null;
}

/**
 * One report with the names it is shown with. Joined columns get their own aliases: inside
 * db.batch D1 keys rows by column name.
 */
function reportQuery(db: Db) {
  return db
    .select({
      report: reports,
      gridName: sql<string | null>`${grids.name}`.as("grid_name"),
      reporterName: sql<string | null>`coalesce(${reports.reporterName}, ${users.realName}, ${users.nickname})`.as("reporter_full_name"),
      reporterPhone: sql<string | null>`coalesce(${reports.reporterPhone}, ${users.phone})`.as("reporter_full_phone"),
      handlerName: sql<string | null>`${staff.displayName}`.as("handler_name"),
    })
    .from(reports)
    .leftJoin(grids, eq(grids.id, reports.gridId))
    .leftJoin(users, eq(users.id, reports.userId))
    .leftJoin(staff, eq(staff.id, reports.handlerStaffId));
}

type ReportRow = Awaited<ReturnType<ReturnType<typeof reportQuery>["all"]>>[number];
type EventRow = typeof reportEvents.$inferSelect;

/** The timelines of the reports `ids` selects, oldest step first (rowid: steps of one batch share `at`). */
function eventsQuery(db: Db, ids: SQL | string, publicOnly: boolean) {
  return db
    .select()
    .from(reportEvents)
    .where(and(typeof ids === "string" ? eq(reportEvents.reportId, ids) : inArray(reportEvents.reportId, ids), publicOnly ? eq(reportEvents.public, true) : undefined))
    .orderBy(asc(reportEvents.at), asc(sql`${reportEvents}.rowid`));
}

/** The ids a list statement selects, as a subquery for its timelines in the same batch. */
const idsOf = (db: Db, where: SQL | undefined, limit: number) =>
  sql`(${db.select({ id: reports.id }).from(reports).where(where).orderBy(desc(reports.createdAt), desc(reports.id)).limit(limit)})`;

const isPublicStatus = (status: ReportStatus) => (PUBLIC_REPORT_STATUSES as readonly string[]).includes(status);

/** Waiting past a deadline, as overdueSql says it in SQL. */
const isOverdue = (r: ReportRow["report"], now: number) => (r.status === "submitted" && r.acceptBy < now) || (r.status === "accepted" && r.resolveBy < now);

/**
 * staffMaySee, for a report already read: the read that resolves the session cannot know the
 * staff member before it runs, so GET /reports/:id decides after it from the row and timeline.
 */
function staffSees(actor: StaffPrincipal, r: ReportRow["report"], events: EventRow[]): boolean {
  if (actor.role === "admin") return true;
  if (actor.gridId === null || r.gridId !== actor.gridId) return false;
  return r.level === "grid" || r.handlerStaffId === actor.id || events.some((e) => e.kind === "escalated" && e.actorKind === "staff" && e.actorId === actor.id);
}

/** A timeline entry; the level names who handled a step, so the reporter's own steps carry none. */
const publicEntry = (e: EventRow): ReportTimelineEntry => ({
  at: toShanghaiIso(e.at),
  kind: e.kind,
  text: e.text,
  level: e.actorKind === "user" ? undefined : (e.level ?? undefined),
});

/** Anyone's view of a public report: nothing that says who reported it or where they live. */
function toPublicReport(row: ReportRow, events: EventRow[]): ReporterReport {
  const r = row.report;
  return {
    id: r.id,
    ref: r.ref,
    category: r.category as ReportCategory,
    categoryName: REPORT_CATEGORY_RULES[r.category as ReportCategory].name,
    description: r.description,
    status: r.status,
    statusLabel: REPORT_STATUS_LABEL[r.status],
    level: r.level,
    levelName: REPORT_LEVEL_LABEL[r.level],
    gridId: r.gridId,
    gridName: row.gridName ?? "",
    photoUrls: JSON.parse(r.photoUrls) as string[],
    public: r.public,
    createdAt: toShanghaiIso(r.createdAt),
    acceptBy: toShanghaiIso(r.acceptBy),
    resolveBy: toShanghaiIso(r.resolveBy),
    timeline: events.filter((e) => e.public).map(publicEntry),
    // Result photos may show inside a home and a mediation names the parties: not for the public.
    result: r.resolvedAt !== null && r.result !== null ? { text: r.result, photoUrls: [], at: toShanghaiIso(r.resolvedAt) } : undefined,
    rating: r.rating !== null && r.ratedAt !== null ? { rating: r.rating as ReportRating, comment: null, at: toShanghaiIso(r.ratedAt) } : undefined,
    reopenCount: r.reopenCount,
    rejectReason: null,
    lat: null,
    long: null,
  };
}

function toReporterReport(row: ReportRow, events: EventRow[], isMine: boolean): ReporterReport {
  const r = row.report;
  const base = toPublicReport(row, events);
  return {
    ...base,
    result: base.result && {
      ...base.result,
      photoUrls: JSON.parse(r.resultPhotoUrls ?? "[]") as string[],
      mediation: r.mediation ? (JSON.parse(r.mediation) as Mediation) : undefined,
    },
    rating: base.rating && { ...base.rating, comment: r.ratingComment },
    rejectReason: r.rejectReason,
    building: r.building,
    lat: r.lat,
    long: r.long,
    isMine,
  };
}

function toStaffReport(row: ReportRow, events: EventRow[], now: number): StaffReport {
  const r = row.report;
  return {
    ...toReporterReport(row, events, false),
    timeline: events.map((e) => ({ ...publicEntry(e), public: e.public, actor: { kind: e.actorKind, label: e.actorLabel } })),
    reporter: { userId: r.userId, name: row.reporterName, phone: row.reporterPhone },
    source: r.source,
    handler: r.handlerStaffId ? { id: r.handlerStaffId, name: row.handlerName ?? "" } : null,
    externalRef: r.externalRef,
    flagged: r.flagged,
    overdue: isOverdue(r, now),
    contentCheck: r.contentCheck,
  };
}

const eventsByReport = (events: EventRow[]) => {
  const byReport = new Map<string, EventRow[]>();
  for (const e of events) byReport.set(e.reportId, [...(byReport.get(e.reportId) ?? []), e]);
  return byReport;
};

const missing = () => notFound("找不到这条诉求");

/**
 * One report as the caller may see it, in one round trip: the reporter gets theirs, staff who may
 * see it the staff view, anyone a public report past acceptance without personal data; 404
 * otherwise, as if it did not exist.
 */
export async function getReport(db: Db, bearer: Bearer | null, reportId: string, now = Date.now()): Promise<ReporterReport | StaffReport> {
  const [viewer, [rows, events]] = await viewerBatch(db, bearer, [reportQuery(db).where(eq(reports.id, reportId)), eventsQuery(db, reportId, false)]);
  const row = rows[0];
  if (!row) throw missing();
  if (viewer?.kind === "user" && row.report.userId === viewer.id) return toReporterReport(row, events, true);
  if (viewer?.kind === "staff" && staffSees(viewer, row.report, events)) return toStaffReport(row, events, now);
  if (row.report.public && isPublicStatus(row.report.status)) return toPublicReport(row, events);
  throw missing();
}

/**
 * The reads of the staff view of a report `actor` may see, for a batch: a step puts them after its
 * writes, so it answers with the state it left in the same round trip.
 */
export const staffViewReads = (db: Db, actor: StaffPrincipal, reportId: string) =>
  [reportQuery(db).where(and(eq(reports.id, reportId), staffMaySee(actor))), eventsQuery(db, reportId, false)] as const;

/** What staffViewReads read, as the staff view; 404 when the actor may not see the report. */
export function staffViewOf(rows: ReportRow[], events: EventRow[], now: number): StaffReport {
  if (!rows[0]) throw missing();
  return toStaffReport(rows[0], events, now);
}

/** As staffViewReads, for the reporter's view of their own report. */
export const reporterViewReads = (db: Db, resident: ResidentPrincipal, reportId: string) =>
  [reportQuery(db).where(and(eq(reports.id, reportId), eq(reports.userId, resident.id))), eventsQuery(db, reportId, true)] as const;

export function reporterViewOf(rows: ReportRow[], events: EventRow[]): ReporterReport {
  if (!rows[0]) throw missing();
  return toReporterReport(rows[0], events, true);
}

/** The staff view of a report `actor` may see (404 otherwise); the console's case page. */
export async function reportForStaff(db: Db, actor: Principal, reportId: string, now = Date.now()): Promise<StaffReport> {
  assertStaff(actor);
  const [rows, events] = await db.batch(staffViewReads(db, actor, reportId));
  return staffViewOf(rows, events, now);
}

const MY_REPORTS_LIMIT = 100;

/** The resident's own reports, newest first, with their public timelines; one round trip. */
export async function listMyReports(db: Db, bearer: Bearer): Promise<Page<ReporterReport>> {
  const mine = eq(reports.userId, signedInUserId(bearer));
  const [, [rows, events]] = await residentBatch(db, bearer, [
    reportQuery(db).where(mine).orderBy(desc(reports.createdAt), desc(reports.id)).limit(MY_REPORTS_LIMIT),
    eventsQuery(db, idsOf(db, mine, MY_REPORTS_LIMIT), true),
  ]);
  const timelines = eventsByReport(events);
  return { items: rows.map((r) => toReporterReport(r, timelines.get(r.report.id) ?? [], true)), nextCursor: null };
}

export interface PublicReportsQuery {
  status?: ReportStatus;
  category?: ReportCategory;
  gridId?: string;
  limit: number;
  cursor?: string;
}

/** The public board (诉求墙): public reports past acceptance, newest first, no personal data. */
export async function listPublicReports(db: Db, query: PublicReportsQuery): Promise<Page<ReporterReport>> {
  const where = and(
    eq(reports.public, true),
    query.status && isPublicStatus(query.status) ? eq(reports.status, query.status) : inArray(reports.status, [...PUBLIC_REPORT_STATUSES]),
    query.category ? eq(reports.category, query.category) : undefined,
    query.gridId ? eq(reports.gridId, query.gridId) : undefined,
    olderThan(reports.createdAt, reports.id, decodeCursor(query.cursor)),
  );
  const [rows, events] = await db.batch([
    reportQuery(db).where(where).orderBy(desc(reports.createdAt), desc(reports.id)).limit(query.limit + 1),
    eventsQuery(db, idsOf(db, where, query.limit + 1), true),
  ]);
  const timelines = eventsByReport(events);
  const page = toPage(rows, query.limit, (r) => ({ at: r.report.createdAt, id: r.report.id }));
  return { items: page.items.map((r) => toPublicReport(r, timelines.get(r.report.id) ?? [])), nextCursor: page.nextCursor };
}

export interface StaffReportsQuery {
  status?: ReportStatus;
  level?: ReportLevel;
  category?: ReportCategory;
  gridId?: string;
  overdue?: "true" | "false";
  limit: number;
  cursor?: string;
}

/** The handling queue: what `actor` may see, newest first, filtered; the console lists it too. */
export async function listReportsForStaff(db: Db, actor: Principal, query: StaffReportsQuery, now = Date.now()): Promise<Page<StaffReport>> {
  assertStaff(actor);
  const where = and(
    staffMaySee(actor),
    query.status ? eq(reports.status, query.status) : undefined,
    query.level ? eq(reports.level, query.level) : undefined,
    query.category ? eq(reports.category, query.category) : undefined,
    query.gridId ? eq(reports.gridId, query.gridId) : undefined,
    query.overdue === "true" ? overdueSql(now) : query.overdue === "false" ? not(overdueSql(now)) : undefined,
    olderThan(reports.createdAt, reports.id, decodeCursor(query.cursor)),
  );
  const [rows, events] = await db.batch([
    reportQuery(db).where(where).orderBy(desc(reports.createdAt), desc(reports.id)).limit(query.limit + 1),
    eventsQuery(db, idsOf(db, where, query.limit + 1), false),
  ]);
  const timelines = eventsByReport(events);
  const page = toPage(rows, query.limit, (r) => ({ at: r.report.createdAt, id: r.report.id }));
  return { items: page.items.map((r) => toStaffReport(r, timelines.get(r.report.id) ?? [], now)), nextCursor: page.nextCursor };
}

/** The categories with their deadlines, for the filing form and the console's filters. */
export const reportCategories = () => ({
  items: Object.entries(REPORT_CATEGORY_RULES).map(([key, rule]) => ({ key, name: rule.name, acceptHours: rule.acceptHours, resolveHours: rule.resolveHours })),
});
