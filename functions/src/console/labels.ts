import type { StaffRole } from "@renxing/shared";

export const ROLE_LABEL: Record<StaffRole, string> = { admin: "社区管理员", grid_worker: "网格员" };

/** Chinese names of audit actions; an action missing here is shown as its code. */
export const AUDIT_ACTION_LABEL: Record<string, string> = {
  "staff.login": "登录",
  "staff.logout": "退出登录",
  "console.request_rejected": "拒绝可疑请求",
  "application.approve": "通过入队申请",
  "application.reject": "驳回入队申请",
  "wish.approve": "心愿审核通过",
  "wish.reject": "心愿审核不通过",
  "wish.record_on_behalf": "代居民登记心愿",
  "partner.add_representative": "设置共建单位代表",
  "exam_session.create": "创建考试场次",
  "ride.assign": "派单",
  "ride.accept": "司机接单",
  "ride.cancel": "取消接送订单",
  "ride.erase_personal_data": "按期清除送考个人信息",
  "driver.verify": "司机认证通过",
  "driver.reject": "司机认证不通过",
  "task.create": "发布志愿任务",
  "hours.manual": "补录服务时长",
  "report.file": "登记诉求",
  "report.accept": "受理诉求",
  "report.note": "诉求添加备注",
  "report.escalate": "上报诉求",
  "report.resolve": "诉求办结",
  "report.reject": "诉求不予受理",
  "report.withdraw": "居民撤回诉求",
  "report.rate": "居民评价诉求",
  "open311_key.issue": "发放接口密钥",
  "open311_key.revoke": "吊销接口密钥",
  "care.register": "登记关爱对象",
  "care.update": "修改关爱对象",
  "care.end": "结束关爱",
  "care.pair": "结对志愿者",
  "care.unpair": "解除结对",
  "deliberation.create": "发起议题",
  "deliberation.advance": "推进议题阶段",
  "deliberation.meeting": "记录协商会",
  "deliberation.answer": "答复议题异议",
  "deliberation.pledge": "登记众筹认捐",
  "deliberation.payment": "登记众筹收款",
  "deliberation.progress": "发布议题实施进展",
  "representative.name": "指定居民代表",
  "representative.remove": "取消居民代表",
};

export const AUDIT_OUTCOME_LABEL: Record<string, string> = { ok: "成功", failed: "失败", denied: "已拒绝" };

/**
 * Console sections, and which staff roles may open each. Grid workers review wishes, handle their
 * grid's reports and look after its elders; everyone reads their own 消息.
 */
export const NAV: { href: string; label: string; roles: readonly StaffRole[] }[] = [
  { href: "/console", label: "概览", roles: ["admin", "grid_worker"] },
  { href: "/console/messages", label: "消息", roles: ["admin", "grid_worker"] },
  { href: "/console/applications", label: "队员审核", roles: ["admin"] },
  { href: "/console/wishes", label: "心愿审核", roles: ["admin", "grid_worker"] },
  { href: "/console/reports", label: "诉求处理", roles: ["admin", "grid_worker"] },
  { href: "/console/reports/stats", label: "诉求统计", roles: ["admin", "grid_worker"] },
  { href: "/console/care", label: "关爱对象", roles: ["admin", "grid_worker"] },
  { href: "/console/care/overdue", label: "走访逾期", roles: ["admin", "grid_worker"] },
  { href: "/console/care/stats", label: "关爱统计", roles: ["admin", "grid_worker"] },
  { href: "/console/deliberations", label: "议事厅", roles: ["admin", "grid_worker"] },
  { href: "/console/representatives", label: "居民代表", roles: ["admin"] },
  { href: "/console/suggestions", label: "居民建议", roles: ["admin"] },
  { href: "/console/rides", label: "送考调度", roles: ["admin"] },
  { href: "/console/tasks", label: "服务任务", roles: ["admin"] },
  { href: "/console/hours", label: "服务时长", roles: ["admin"] },
  { href: "/console/notifications", label: "通知", roles: ["admin"] },
  { href: "/console/open311-keys", label: "接口密钥", roles: ["admin"] },
  { href: "/console/audit", label: "审计日志", roles: ["admin"] },
];
