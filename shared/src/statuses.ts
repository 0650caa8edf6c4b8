/**
 * Statuses of the product (docs/api.md), with their Chinese labels for every screen. The server
 * enforces transitions with guarded SQL; these lists are what both sides name and show.
 */

export const APPLICATION_STATUSES = ["pending", "approved", "rejected"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABEL: Record<ApplicationStatus, string> = {
  pending: "审核中",
  approved: "已通过",
  rejected: "未通过",
};

export const RESIDENT_ROLE_LABEL = {
  resident: "居民",
  volunteer: "志愿者",
  driver: "爱心司机",
  partner: "共建单位代表",
} as const;

export const WISH_STATUSES = ["pending_review", "open", "claimed", "fulfilled", "completed", "rejected", "cancelled"] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];
/** Only these are ever shown to the public. */
export const PUBLIC_WISH_STATUSES = ["open", "claimed", "fulfilled", "completed"] as const satisfies readonly WishStatus[];
/** A resident may have at most 3 wishes in these statuses at once. */
export const ACTIVE_WISH_STATUSES = ["pending_review", "open", "claimed", "fulfilled"] as const satisfies readonly WishStatus[];
export const WISH_STATUS_LABEL: Record<WishStatus, string> = {
  pending_review: "待审核",
  open: "待认领",
  claimed: "已认领",
  fulfilled: "待确认",
  completed: "已完成",
  rejected: "未通过",
  cancelled: "已取消",
};

export const WISH_CATEGORIES = ["daily_necessities", "study", "health", "companionship", "repair", "other"] as const;
export type WishCategory = (typeof WISH_CATEGORIES)[number];
export const WISH_CATEGORY_LABEL: Record<WishCategory, string> = {
  daily_necessities: "生活用品",
  study: "学习用品",
  health: "医疗健康",
  companionship: "陪伴探访",
  repair: "维修帮忙",
  other: "其他",
};

export const RIDE_STATUSES = ["requested", "assigned", "picked_up", "arrived", "completed", "cancelled"] as const;
export type RideStatus = (typeof RIDE_STATUSES)[number];
/** A booking in these statuses blocks a duplicate for the same student, session and date. */
export const ACTIVE_RIDE_STATUSES = ["requested", "assigned", "picked_up", "arrived"] as const satisfies readonly RideStatus[];
/** The driver reports progress in this order only. */
export const RIDE_PROGRESS = ["assigned", "picked_up", "arrived", "completed"] as const satisfies readonly RideStatus[];
export const RIDE_STATUS_LABEL: Record<RideStatus, string> = {
  requested: "等待司机接单",
  assigned: "司机已接单",
  picked_up: "已接到考生",
  arrived: "已送达考点",
  completed: "已完成",
  cancelled: "已取消",
};

export const DRIVER_STATUSES = ["pending", "verified", "rejected", "revoked"] as const;
export type DriverStatus = (typeof DRIVER_STATUSES)[number];
export const DRIVER_STATUS_LABEL: Record<DriverStatus, string> = { pending: "审核中", verified: "已认证", rejected: "未通过", revoked: "已撤销" };

export const EXAM_KINDS = ["zhongkao", "gaokao"] as const;
export type ExamKind = (typeof EXAM_KINDS)[number];
export const EXAM_KIND_LABEL: Record<ExamKind, string> = { zhongkao: "中考", gaokao: "高考" };

export const SIGNUP_STATUSES = ["signed_up", "checked_in", "checked_out", "withdrawn"] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const SIGNUP_STATUS_LABEL: Record<SignupStatus, string> = {
  signed_up: "已报名",
  checked_in: "已签到",
  checked_out: "已签退",
  withdrawn: "已取消报名",
};

export const HOUR_SOURCES = ["task", "wish", "ride", "care", "manual"] as const;
export type HourSource = (typeof HOUR_SOURCES)[number];
export const HOUR_SOURCE_LABEL: Record<HourSource, string> = { task: "志愿任务", wish: "微心愿", ride: "爱心送考", care: "关爱走访", manual: "补录" };
