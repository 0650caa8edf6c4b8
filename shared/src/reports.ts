import * as z from "zod/mini";
import { id, phone, realName } from "./schemas/fields";
import { ListQuery } from "./schemas/list";
import { isoDate, isoDateTime } from "./schemas/time";
import { photoUrl } from "./schemas/wishes";

/**
 * Community reports (网格诉求): 问题发现 → 分级处置 → 结果反馈 → 满意度评价 (docs/api.md).
 * The server enforces every rule; these lists are what both sides name and show.
 */

/** Category keys with their default deadlines: hours to accept, hours to resolve. */
export const REPORT_CATEGORY_RULES = {
  environment: { name: "环境卫生", acceptHours: 24, resolveHours: 72 },
  facility: { name: "设施维修", acceptHours: 24, resolveHours: 120 },
  safety_hazard: { name: "安全隐患", acceptHours: 4, resolveHours: 48 },
  neighbour_dispute: { name: "邻里纠纷", acceptHours: 24, resolveHours: 168 },
  property: { name: "物业服务", acceptHours: 24, resolveHours: 120 },
  elderly_help: { name: "老人求助", acceptHours: 4, resolveHours: 24 },
  other: { name: "其他", acceptHours: 24, resolveHours: 168 },
} as const;
export const REPORT_CATEGORIES = ["environment", "facility", "safety_hazard", "neighbour_dispute", "property", "elderly_help", "other"] as const satisfies readonly (keyof typeof REPORT_CATEGORY_RULES)[];
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Who handles a report, lowest first. `street` and `district` are outside bodies. */
export const REPORT_LEVELS = ["grid", "community", "street", "district"] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];
export const REPORT_LEVEL_LABEL: Record<ReportLevel, string> = {
  grid: "网格员",
  community: "社区",
  street: "街道",
  district: "区级指挥平台",
};
/** The cron raises an overdue report no higher than this. */
export const AUTO_ESCALATION_CEILING: ReportLevel = "community";

export const REPORT_STATUSES = ["submitted", "accepted", "resolved", "closed", "rejected", "withdrawn"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABEL: Record<ReportStatus, string> = {
  submitted: "已提交",
  accepted: "处理中",
  resolved: "已办结",
  closed: "已评价",
  rejected: "未受理",
  withdrawn: "已撤回",
};
/** Still waiting for someone: counted as open in the stats and listed first for staff. */
export const OPEN_REPORT_STATUSES = ["submitted", "accepted"] as const satisfies readonly ReportStatus[];
/** What the public board and Open311 show: public reports past acceptance. */
export const PUBLIC_REPORT_STATUSES = ["accepted", "resolved", "closed"] as const satisfies readonly ReportStatus[];

export const REPORT_RATINGS = ["satisfied", "basically_satisfied", "dissatisfied"] as const;
export type ReportRating = (typeof REPORT_RATINGS)[number];
export const REPORT_RATING_LABEL: Record<ReportRating, string> = {
  satisfied: "满意",
  basically_satisfied: "基本满意",
  dissatisfied: "不满意",
};

/** Steps of a report's timeline. `public: false` entries are for staff only. */
export const REPORT_EVENT_KINDS = ["submitted", "accepted", "note", "escalated", "resolved", "rejected", "withdrawn", "rated", "reopened", "closed"] as const;
export type ReportEventKind = (typeof REPORT_EVENT_KINDS)[number];

const description = z.string("请描述问题").check(z.trim(), z.minLength(10, "请用至少10个字描述问题"), z.maxLength(1000, "问题描述最多1000个字"));
const building = z.string().check(z.trim(), z.maxLength(40, "楼栋单元最多40个字"));

export const ReportBody = z.object({
  category: z.enum(REPORT_CATEGORIES, "请选择问题类别"),
  description,
  gridId: z.optional(id),
  building: z.optional(building),
  lat: z.optional(z.number("纬度必须是数字").check(z.minimum(-90, "纬度超出范围"), z.maximum(90, "纬度超出范围"))),
  long: z.optional(z.number("经度必须是数字").check(z.minimum(-180, "经度超出范围"), z.maximum(180, "经度超出范围"))),
  photoUrls: z.optional(z.array(photoUrl).check(z.maxLength(6, "最多6张照片"))),
  public: z.boolean("请选择是否公开到诉求墙"),
});
export type ReportBody = z.infer<typeof ReportBody>;

/** Staff record a report for a resident who phoned or walked in, or one found on an inspection round. */
export const AdminReportBody = z.extend(ReportBody, {
  reporter: z.object({ name: realName, phone }),
});
export type AdminReportBody = z.infer<typeof AdminReportBody>;

const reason = z.string("请填写原因").check(z.trim(), z.minLength(2, "请填写原因"), z.maxLength(300, "原因最多300个字"));

export const RateReportBody = z.object({
  rating: z.enum(REPORT_RATINGS, "请选择满意、基本满意或不满意"),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(300, "评价最多300个字"))),
});
export type RateReportBody = z.infer<typeof RateReportBody>;

export const ReportNoteBody = z.object({
  text: z.string("请填写内容").check(z.trim(), z.minLength(2, "请填写内容"), z.maxLength(500, "最多500个字")),
  public: z.optional(z.boolean("请选择是否让居民看到")),
});
export type ReportNoteBody = z.infer<typeof ReportNoteBody>;

export const EscalateReportBody = z.object({
  reason,
  externalRef: z.optional(z.string().check(z.trim(), z.minLength(1, "请填写对方的受理编号"), z.maxLength(64, "受理编号最多64个字"))),
});
export type EscalateReportBody = z.infer<typeof EscalateReportBody>;

/** A neighbour dispute is settled face to face (仁兴话室) and recorded as a mediation. */
export const Mediation = z.object({
  heldAt: isoDateTime,
  place: z.string("请填写调解地点").check(z.trim(), z.minLength(2, "请填写调解地点"), z.maxLength(60, "地点最多60个字")),
  parties: z.array(z.string().check(z.trim(), z.minLength(1, "当事人不能为空"), z.maxLength(30, "当事人最多30个字"))).check(z.minLength(2, "调解至少有两方当事人"), z.maxLength(10, "当事人最多10位")),
  agreed: z.boolean("请选择是否达成一致"),
});
export type Mediation = z.infer<typeof Mediation>;

export const ResolveReportBody = z.object({
  result: z.string("请填写办理结果").check(z.trim(), z.minLength(5, "请用至少5个字说明办理结果"), z.maxLength(1000, "办理结果最多1000个字")),
  photoUrls: z.optional(z.array(photoUrl).check(z.maxLength(6, "最多6张照片"))),
  mediation: z.optional(Mediation),
});
export type ResolveReportBody = z.infer<typeof ResolveReportBody>;

export const RejectReportBody = z.object({ reason });
export type RejectReportBody = z.infer<typeof RejectReportBody>;

export const PublicReportsQuery = z.extend(ListQuery, {
  status: z.optional(z.enum(PUBLIC_REPORT_STATUSES, "状态只能是 accepted、resolved 或 closed")),
  category: z.optional(z.enum(REPORT_CATEGORIES, "没有这个问题类别")),
  gridId: z.optional(id),
});
export type PublicReportsQuery = z.infer<typeof PublicReportsQuery>;

export const AdminReportsQuery = z.extend(ListQuery, {
  status: z.optional(z.enum(REPORT_STATUSES, "没有这个状态")),
  level: z.optional(z.enum(REPORT_LEVELS, "没有这个层级")),
  category: z.optional(z.enum(REPORT_CATEGORIES, "没有这个问题类别")),
  gridId: z.optional(id),
  overdue: z.optional(z.enum(["true", "false"], "overdue 只能是 true 或 false")),
});
export type AdminReportsQuery = z.infer<typeof AdminReportsQuery>;

/** An Open311 API key an admin issues to a client such as the district command platform. */
export const Open311KeyBody = z.object({
  name: z.string("请填写使用方名称").check(z.trim(), z.minLength(2, "请填写使用方名称（至少2个字）"), z.maxLength(40, "名称最多40个字")),
});
export type Open311KeyBody = z.infer<typeof Open311KeyBody>;

/** An issued key as the admin sees it: never the key or its hash. */
export interface Open311KeyItem {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Inclusive dates (Asia/Shanghai); both default to the last 30 days. */
export const ReportStatsQuery = z
  .object({ from: z.optional(isoDate), to: z.optional(isoDate) })
  .check(z.refine((q) => !q.from || !q.to || q.from <= q.to, { message: "开始日期不能晚于结束日期", path: ["from"] }));
export type ReportStatsQuery = z.infer<typeof ReportStatsQuery>;

export interface ReportTimelineEntry {
  at: string;
  kind: ReportEventKind;
  text: string;
  level?: ReportLevel;
}

/** What the reporter, a handler, or (for a public report, without personal data) anyone sees. */
export interface ReportDetail {
  id: string;
  ref: string;
  category: ReportCategory;
  categoryName: string;
  description: string;
  status: ReportStatus;
  level: ReportLevel;
  gridId: string;
  gridName: string;
  photoUrls: string[];
  public: boolean;
  createdAt: string;
  acceptBy: string;
  resolveBy: string;
  timeline: ReportTimelineEntry[];
  result?: { text: string; photoUrls: string[]; at: string; mediation?: Mediation };
  rating?: { rating: ReportRating; comment: string | null; at: string };
  reopenCount: number;
  /** Only for the reporter and staff. */
  building?: string | null;
  isMine?: boolean;
  /** As the API serves it: labels to show, and (for the reporter and staff) why it was rejected and where. */
  statusLabel: string;
  levelName: string;
  rejectReason: string | null;
  lat: number | null;
  long: number | null;
}

export interface ReportStats {
  received: number;
  acceptedOnTime: number;
  resolvedOnTime: number;
  avgResolveHours: number | null;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  reopened: number;
  open: number;
  hazardsFound: number;
  hazardsFixed: number;
}
