import { PUBLIC_REPORT_STATUSES, REPORT_CATEGORIES, REPORT_CATEGORY_RULES, REPORT_LEVEL_LABEL, isoDateTime, toShanghaiIso, type ReportStatus } from "@renxing/shared";
import { and, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import * as z from "zod/mini";
import type { Db } from "../../db/client";
import { inJsonArray } from "../../db/chunked";
import { grids, reports } from "../../db/schema";
import { notFound, validationFailed } from "../../http/errors";
import { validate } from "../../http/input";

/** GET requests.json answers at most this many, newest first (GeoReport's own default). */
export const OPEN311_LIST_CAP = 1000;
/** Without dates, GET requests.json covers this span back from now (GeoReport's default). */
export const OPEN311_DEFAULT_SPAN_MS = 90 * 24 * 3600_000;

/** GeoReport knows two statuses; resolved stays `open` until the reporter rated it. */
const OPEN311_STATUS = { open: ["accepted", "resolved"], closed: ["closed"] } as const satisfies Record<string, readonly ReportStatus[]>;
type Open311Status = keyof typeof OPEN311_STATUS;
const open311Status = (status: ReportStatus): Open311Status => (status === "closed" ? "closed" : "open");

/** Comma-delimited lists, as GeoReport sends `service_code`, `status` and `service_request_id`. */
const list = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);

const RequestsQuery = z
  .object({
    start_date: z.optional(isoDateTime),
    end_date: z.optional(isoDateTime),
    status: z.optional(z.array(z.enum(["open", "closed"], "status 只能是 open 或 closed"))),
    service_code: z.optional(z.array(z.enum(REPORT_CATEGORIES, "没有这个 service_code"))),
    service_request_id: z.optional(z.array(z.string().check(z.maxLength(32, "service_request_id 格式不正确"))).check(z.maxLength(OPEN311_LIST_CAP, `一次最多查询${OPEN311_LIST_CAP}条`))),
  })
  .check(
    z.refine((q) => !q.start_date || !q.end_date || Date.parse(q.start_date) <= Date.parse(q.end_date), {
      message: "start_date 不能晚于 end_date",
      path: ["start_date"],
    }),
  );

/**
 * Only what the public board shows: public reports past acceptance. Everything else is "not
 * found" to an Open311 client, whoever filed it.
 */
const publiclyListed = and(eq(reports.public, true), inArray(reports.status, [...PUBLIC_REPORT_STATUSES]));

/**
 * The latest public word on a report: its result once resolved, unless a public note came after.
 * Internal notes and the reporter's rating comment never show.
 */
const latestPublicNote = sql`(select e.text from report_events e where e.report_id = ${reports.id} and e.kind = 'note' and e.public = 1 order by e.at desc, e.id desc limit 1)`;
const latestPublicNoteAt = sql`(select max(e.at) from report_events e where e.report_id = ${reports.id} and e.kind = 'note' and e.public = 1)`;
const statusNotes = sql<string | null>`case when ${reports.result} is not null and ${reports.resolvedAt} >= coalesce(${latestPublicNoteAt}, 0) then ${reports.result} else ${latestPublicNote} end`;

/**
 * Reports as GeoReport service requests, in one query. No personal data: never the reporter's
 * name or phone, the building, the point on the map (often the reporter's own door), or who
 * handled it; `address` is the grid's name.
 */
async function serviceRequests(db: Db, where: SQL | undefined, origin: string) {
  const rows = await db
    .select({
      ref: reports.ref,
      status: reports.status,
      category: reports.category,
      description: reports.description,
      level: reports.level,
      createdAt: reports.createdAt,
      updatedAt: reports.updatedAt,
      resolveBy: reports.resolveBy,
      gridName: grids.name,
      firstPhoto: sql<string | null>`json_extract(${reports.photoUrls}, '$[0]')`,
      statusNotes,
    })
    .from(reports)
    .innerJoin(grids, eq(grids.id, reports.gridId))
    .where(and(publiclyListed, where))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(OPEN311_LIST_CAP);
  return rows.map((r) => ({
    service_request_id: r.ref,
    status: open311Status(r.status),
    status_notes: r.statusNotes,
    service_name: REPORT_CATEGORY_RULES[r.category].name,
    service_code: r.category,
    description: r.description,
    agency_responsible: REPORT_LEVEL_LABEL[r.level],
    requested_datetime: toShanghaiIso(r.createdAt),
    updated_datetime: toShanghaiIso(r.updatedAt),
    expected_datetime: toShanghaiIso(r.resolveBy),
    address: r.gridName,
    ...(r.firstPhoto ? { media_url: r.firstPhoto.startsWith("/") ? origin + r.firstPhoto : r.firstPhoto } : {}),
  }));
}

/**
 * GET requests.json. `service_request_id` (refs, comma-delimited) overrides every other filter,
 * as GeoReport says; otherwise `start_date`..`end_date` on the filing time (default the 90 days
 * up to `end_date` or now), `status` and `service_code` lists. Unknown parameters (such as
 * `jurisdiction_id`, sent by every FixMyStreet request) are ignored.
 */
export async function listOpen311Requests(db: Db, query: Record<string, string>, origin: string, now = Date.now()) {
  const q = validate(RequestsQuery, {
    start_date: query.start_date || undefined,
    end_date: query.end_date || undefined,
    status: list(query.status),
    service_code: list(query.service_code),
    service_request_id: list(query.service_request_id),
  });
  if (q.service_request_id) return serviceRequests(db, inJsonArray(reports.ref, q.service_request_id), origin);
  const end = q.end_date ? Date.parse(q.end_date) : now;
  const start = q.start_date ? Date.parse(q.start_date) : end - OPEN311_DEFAULT_SPAN_MS;
  const statuses = q.status?.flatMap((s) => OPEN311_STATUS[s]);
  return serviceRequests(
    db,
    and(gte(reports.createdAt, start), lte(reports.createdAt, end), statuses && inArray(reports.status, statuses), q.service_code && inArray(reports.category, q.service_code)),
    origin,
  );
}

/** GET requests/{id}.json: one public report by its case number, as a list of one. */
export async function getOpen311Request(db: Db, ref: string, origin: string) {
  if (ref.length > 32) throw validationFailed([{ field: "service_request_id", message: "service_request_id 格式不正确" }]);
  const found = await serviceRequests(db, eq(reports.ref, ref), origin);
  if (found.length === 0) throw notFound("找不到这条诉求（或它未公开）");
  return found;
}
