import { type AdminReportBody, type ReportBody, type ReportLevel, type ReportStatus } from "@renxing/shared";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inJsonArray } from "../../db/chunked";
import { insertSelect } from "../../db/insert-select";
import { reportRefDays, reports, uploads } from "../../db/schema";
import type { Env, ResidentPrincipal, StaffPrincipal } from "../../env";
import { ApiError, validationFailed } from "../../http/errors";
import { newId } from "../../lib/ids";
import { photoKeyOf } from "../uploads";
import { checkContent } from "../wechat/content-check";
import { quotaExceeded, withinQuota } from "../limits/quotas";
import { notify } from "../notifications/notify";
import { reportForHandlers } from "./notices";
import { deadlines, refDay } from "./rules";
import { auditStep, newStep, timelineRow, type ReportActor } from "./steps";

/** Who files: a resident in the mini-program, staff for someone who phoned, an Open311 client. */
export type Filer =
  | { kind: "resident"; resident: ResidentPrincipal }
  | { kind: "staff"; staff: StaffPrincipal; reporter: AdminReportBody["reporter"] }
  | { kind: "open311"; keyId: string; name: string; reporter: { name: string; phone: string | null } };

export interface Filed {
  id: string;
  ref: string;
  status: ReportStatus;
  level: ReportLevel;
}

const SUBMITTED_TEXT = { resident: "居民提交了诉求", staff: "社区工作人员代为登记了诉求", open311: "上级平台转来了诉求" } as const;

/**
 * Files a report in one batch: the next case number of the Beijing day, the report, its first
 * timeline entry, a message to the grid's workers and the audit entry. Every write carries the
 * same guard (a known grid, the resident's daily quota, photos they uploaded themselves), so
 * either all land or none; reads in the same batch say which guard failed. Parallel filings get
 * distinct numbers: D1 runs a batch as one transaction, and the counter's upsert is in it.
 *
 * A resident's public report passes WeChat's content check first (it is text others will read).
 */
export async function fileReport(db: Db, env: Env, filer: Filer, body: ReportBody, origin: string, now = Date.now()): Promise<Filed> {
  const keys = photoKeys(body.photoUrls ?? [], origin);
  const resident = filer.kind === "resident" ? filer.resident : null;
  const contentCheck =
    resident && body.public ? await checkContent(db, env, { openid: resident.openid, scene: "forum", content: body.description }) : null;

  const id = newId("rpt");
  const step = newStep();
  const day = refDay(now);
  const gridId: SQL = resident
    ? sql`coalesce(${body.gridId ?? null}, (select grid_id from users where id = ${resident.id}))`
    : sql`${body.gridId ?? (filer.kind === "staff" ? filer.staff.gridId : null)}`;
  const gridKnown = sql`exists (select 1 from grids where id = ${gridId})`;
  const photosOwned = resident
    ? sql`(select count(*) from ${uploads} where ${inJsonArray(uploads.key, keys)} and ${uploads.userId} = ${resident.id})`
    : sql`${keys.length}`;
  const guard = sql`${gridKnown} and ${photosOwned} = ${keys.length}${resident ? sql` and ${withinQuota("report", resident.id, now)}` : sql``}`;
  const { acceptBy, resolveBy } = deadlines(body.category, now);
  const actor: ReportActor =
    filer.kind === "resident" ? filer.resident : filer.kind === "staff" ? filer.staff : { kind: "open311", keyId: filer.keyId, name: filer.name };

  const [, inserted, checks] = await db.batch([
    insertSelect(db, reportRefDays, { day, last: 1 }, sql`where ${guard}`).onConflictDoUpdate({
      target: reportRefDays.day,
      set: { last: sql`${reportRefDays.last} + 1` },
    }),
    insertSelect(
      db,
      reports,
      {
        id,
        ref: sql`'RX' || ${day} || '-' || printf('%04d', (select last from report_ref_days where day = ${day}))`,
        userId: resident?.id ?? null,
        reporterName: filer.kind === "resident" ? null : filer.reporter.name,
        reporterPhone: filer.kind === "resident" ? null : filer.reporter.phone,
        source: filer.kind,
        createdByStaff: filer.kind === "staff" ? filer.staff.id : null,
        open311KeyId: filer.kind === "open311" ? filer.keyId : null,
        gridId,
        category: body.category,
        description: body.description,
        building: body.building || null,
        lat: body.lat ?? null,
        long: body.long ?? null,
        photoUrls: JSON.stringify(body.photoUrls ?? []),
        public: body.public,
        status: "submitted",
        level: "grid",
        acceptBy,
        resolveBy,
        contentCheck,
        lastStep: step,
        createdAt: now,
        updatedAt: now,
      },
      sql`where ${guard}`,
    ).returning({ ref: reports.ref }),
    db
      .select({
        gridKnown: sql<number>`${gridKnown}`.as("grid_known"),
        photosOwned: sql<number>`${photosOwned}`.as("photos_owned"),
      })
      .from(sql`(select 1)`),
    timelineRow(db, id, step, actor, { kind: "submitted", text: SUBMITTED_TEXT[filer.kind], public: true }, now),
    ...notify(db, reportForHandlers(id, step, "新的居民诉求", "新诉求待受理", now), now),
    auditStep(db, id, step, actor, "report.file", { source: filer.kind, category: body.category }, now),
  ]);
  const ref = inserted[0]?.ref;
  if (ref) return { id, ref, status: "submitted", level: "grid" };
  if (!checks[0]?.gridKnown) {
    if (body.gridId) throw validationFailed([{ field: "gridId", message: "没有这个网格" }]);
    throw new ApiError(422, "GRID_REQUIRED", "请先选择问题所在的网格（可在“我的”里填写所在网格）");
  }
  if (checks[0].photosOwned !== keys.length) throw validationFailed([{ field: "photoUrls", message: "只能使用自己上传的照片" }]);
  throw quotaExceeded("report");
}

/** The R2 keys of photo URLs on our own origin; a photo elsewhere is refused outright. */
function photoKeys(urls: string[], origin: string): string[] {
  const keys = urls.map((url) => photoKeyOf(url, origin));
  if (!keys.every((key): key is string => key !== null)) throw validationFailed([{ field: "photoUrls", message: "只能使用在本平台上传的照片" }]);
  return [...new Set(keys)];
}
