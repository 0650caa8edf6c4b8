import * as z from "zod/mini";
import { id, phone, realName } from "./schemas/fields";
import { ListQuery } from "./schemas/list";
import { isoDate, isoDateTime } from "./schemas/time";

/**
 * Care for elders living alone (关爱独居老人, docs/api.md): recipients registered by staff with
 * their consent, volunteers paired with them, visits falling due by risk level.
 */

/** Risk level → days between visits. */
export const CARE_RISK_INTERVAL_DAYS = { high: 7, key: 30, normal: 90 } as const;
export const CARE_RISK_LEVELS = ["high", "key", "normal"] as const;
export type CareRiskLevel = (typeof CARE_RISK_LEVELS)[number];
export const CARE_RISK_LABEL: Record<CareRiskLevel, string> = { high: "高风险（每周）", key: "重点（每月）", normal: "一般（每季度）" };

export const VISIT_OUTCOMES = ["visited", "no_answer", "refused", "in_hospital"] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const VISIT_OUTCOME_LABEL: Record<VisitOutcome, string> = {
  visited: "见到老人",
  no_answer: "敲门无人应",
  refused: "老人婉拒",
  in_hospital: "老人住院",
};

export const VISIT_FLAGS = ["health", "eating", "medicine", "utilities", "lonely", "needs_help"] as const;
export type VisitFlag = (typeof VISIT_FLAGS)[number];
export const VISIT_FLAG_LABEL: Record<VisitFlag, string> = {
  health: "身体不适",
  eating: "吃饭成问题",
  medicine: "缺药或不按时吃药",
  utilities: "水电气有问题",
  lonely: "情绪低落",
  needs_help: "需要帮忙",
};

/** A grid worker hears of a visit this many days overdue (the cron, once per due date). */
export const CARE_OVERDUE_ALERT_DAYS = 2;

const address = z.string("请填写住址").check(z.trim(), z.minLength(4, "请填写详细住址"), z.maxLength(80, "住址最多80个字"));
const needs = z.string().check(z.trim(), z.maxLength(300, "需求最多300个字"));

export const CareRecipientBody = z.object({
  name: realName,
  gridId: id,
  address,
  phone,
  emergencyContact: z.object({ name: realName, phone }),
  riskLevel: z.enum(CARE_RISK_LEVELS, "请选择风险等级"),
  needs: z.optional(needs),
  /** When the elder agreed to be visited and to have these details kept (the staff member recording it is the caller). */
  consentAt: isoDate,
});
export type CareRecipientBody = z.infer<typeof CareRecipientBody>;

/** PUT: the same fields; `active: false` ends care (pairings end with it). */
export const CareRecipientUpdateBody = z.extend(CareRecipientBody, {
  active: z.optional(z.boolean("请选择是否继续关爱")),
});
export type CareRecipientUpdateBody = z.infer<typeof CareRecipientUpdateBody>;

export const VisitBody = z.object({
  visitedAt: isoDateTime,
  minutes: z.number("请填写走访时长").check(z.int("走访时长请填整数分钟"), z.minimum(5, "走访时长至少5分钟"), z.maximum(240, "走访时长最多240分钟")),
  outcome: z.enum(VISIT_OUTCOMES, "请选择走访结果"),
  flags: z._default(z.array(z.enum(VISIT_FLAGS, "没有这个情况选项")).check(z.maxLength(VISIT_FLAGS.length, "情况选项重复了")), []),
  note: z.optional(z.string().check(z.trim(), z.maxLength(500, "备注最多500个字"))),
});
export type VisitBody = z.infer<typeof VisitBody>;

export const CareRecipientsQuery = z.extend(ListQuery, {
  gridId: z.optional(id),
  riskLevel: z.optional(z.enum(CARE_RISK_LEVELS, "没有这个风险等级")),
  active: z.optional(z.enum(["true", "false"], "active 只能是 true 或 false")),
});
export type CareRecipientsQuery = z.infer<typeof CareRecipientsQuery>;

export const CareStatsQuery = z
  .object({ from: z.optional(isoDate), to: z.optional(isoDate) })
  .check(z.refine((q) => !q.from || !q.to || q.from <= q.to, { message: "开始日期不能晚于结束日期", path: ["from"] }));
export type CareStatsQuery = z.infer<typeof CareStatsQuery>;

/** What a paired volunteer sees (GET /me/care). */
export interface PairedRecipient {
  id: string;
  name: string;
  gridName: string;
  address: string;
  phone: string;
  riskLevel: CareRiskLevel;
  lastVisitAt: string | null;
  nextDueAt: string;
  overdue: boolean;
}
