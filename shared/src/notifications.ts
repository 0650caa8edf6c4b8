import * as z from "zod/mini";
import { id } from "./schemas/fields";

/**
 * What a person can be told about. Each kind maps to at most one WeChat subscribe-message
 * template (configuration); a kind without one is in-app only.
 */
export const NOTIFICATION_KINDS = [
  "application_decided",
  "wish_reviewed",
  "wish_claimed",
  "wish_fulfilled",
  "ride_assigned",
  "ride_progress",
  "ride_reminder",
  "task_reminder",
  "report_update",
  "visit_due",
  "visit_overdue",
  "deliberation_stage",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABEL: Record<NotificationKind, string> = {
  application_decided: "入队申请结果",
  wish_reviewed: "心愿审核结果",
  wish_claimed: "心愿被认领",
  wish_fulfilled: "心愿已实现",
  ride_assigned: "送考司机已确定",
  ride_progress: "送考进度",
  ride_reminder: "明日送考提醒",
  task_reminder: "明日服务提醒",
  report_update: "诉求办理进度",
  visit_due: "走访提醒",
  visit_overdue: "走访预警",
  deliberation_stage: "议事进展",
};

/** What `wx.requestSubscribeMessage` answers per template; only `accept` is a grant. */
export const SUBSCRIBE_ANSWERS = ["accept", "reject", "ban", "filter"] as const;
export type SubscribeAnswer = (typeof SUBSCRIBE_ANSWERS)[number];

/**
 * The WeChat side of one notification (the outbox row the queue consumer works through).
 * `no_grant`: the person holds no grant for the kind, so it stays in-app only.
 */
export const SEND_STATUSES = ["pending", "sending", "sent", "refused", "no_grant", "dead"] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];
export const SEND_STATUS_LABEL: Record<SendStatus, string> = {
  pending: "排队中",
  sending: "发送中",
  sent: "已送达",
  refused: "用户拒收",
  no_grant: "仅站内",
  dead: "发送失败",
};

/** The result of WeChat's content check on text a resident publishes. */
export const CONTENT_CHECKS = ["pass", "review", "unavailable", "off"] as const;
export type ContentCheck = (typeof CONTENT_CHECKS)[number];

export const notificationKind = z.enum(NOTIFICATION_KINDS, "未知的消息类型");

/**
 * `{ ids }` or `{ all: true }`. One object rather than a union, so a list that is too long is
 * told as such (on the field `ids`) instead of "neither shape matched".
 */
export const MarkReadBody = z
  .object({
    ids: z.optional(z.array(id).check(z.minLength(1, "请选择消息"), z.maxLength(100, "一次最多100条"))),
    all: z.optional(z.literal(true, "all 只能是 true")),
  })
  .check(z.refine((b) => (b.ids === undefined) !== (b.all === undefined), { message: "请说明要标记哪些消息：ids 或 all 二选一", path: [] }));
export type MarkReadBody = z.infer<typeof MarkReadBody>;

export const SubscriptionsBody = z.object({
  results: z.partialRecord(notificationKind, z.enum(SUBSCRIBE_ANSWERS, "未知的订阅结果")),
});
export type SubscriptionsBody = z.infer<typeof SubscriptionsBody>;

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Mini-program path to open, e.g. `/pages/wish-detail/index?id=…`. */
  page: string;
  createdAt: string;
  readAt: string | null;
}
