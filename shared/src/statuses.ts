/**
 * Statuses of ../shared/docs/product.md, with their Chinese labels for every screen. The server
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
