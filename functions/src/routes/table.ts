import {
  AdminApplicationsQuery,
  AdminDriversQuery,
  AdminRidesQuery,
  AdminReportBody,
  AdminReportsQuery,
  AdminWishBody,
  AdminWishesQuery,
  AdvanceBody,
  AnswerBody,
  ApplicationDecisionBody,
  AssignRepresentativeBody,
  AssignRideBody,
  CareRecipientBody,
  CareRecipientsQuery,
  CareRecipientUpdateBody,
  CareStatsQuery,
  CheckInBody,
  ClaimWishBody,
  CommentBody,
  ConfirmWishBody,
  DeliberationBody,
  DeliberationsQuery,
  DevLoginBody,
  DriverProfileBody,
  DriverVerificationBody,
  EscalateReportBody,
  ExamSessionBody,
  FulfilWishBody,
  HoursRangeQuery,
  ListQuery,
  MarkReadBody,
  ManualHoursBody,
  ObjectionBody,
  MeetingBody,
  Open311KeyBody,
  PaymentBody,
  PledgeBody,
  ProgressBody,
  PublicReportsQuery,
  PublicWishesQuery,
  RateReportBody,
  RejectReportBody,
  ReportBody,
  ReportNoteBody,
  ReportStatsQuery,
  ResolveReportBody,
  ReviewWishBody,
  RideBookingBody,
  RideProgressBody,
  StaffLoginBody,
  SubscriptionsBody,
  SuggestionBody,
  TaskBody,
  TeamApplicationBody,
  UpdateMeBody,
  VoteBody,
  VisitBody,
  WechatLoginBody,
  WishBody,
} from "@renxing/shared";
import type * as z from "zod/mini";

/**
 * Every route of the API under /api/v1, as the machine-readable contract describes it:
 * `scripts/openapi.ts` turns this table into openapi.json and the /api/docs page at build time.
 * The Worker never imports it (the document would cost bundle size on every cold start), so
 * functions/test/openapi.test.ts keeps it equal to what createApi() serves: a new route without a
 * row here fails that test. `who` says it as docs/api.md does; `auth` is what a client must send.
 */

export const TAGS = [
  { name: "health-auth", title: "健康检查与登录", description: "Health and auth" },
  { name: "community", title: "社区数据", description: "Community data: grids and co-building units" },
  { name: "teams", title: "志愿队伍", description: "Volunteer teams" },
  { name: "wishes", title: "微心愿", description: "Micro-wishes" },
  { name: "photos", title: "照片", description: "Photos" },
  { name: "rides", title: "爱心送考", description: "Exam-day rides" },
  { name: "tasks", title: "服务任务与时长", description: "Service tasks and hours" },
  { name: "notifications", title: "消息与订阅", description: "Notifications and WeChat subscribe grants" },
  { name: "reports", title: "网格诉求", description: "Community reports: filing, tiered handling, feedback, rating" },
  { name: "care", title: "关爱独居老人", description: "Care for elders living alone: recipients, pairings, visits" },
  { name: "deliberation", title: "居民议事厅", description: "Deliberation hall: topics, stages, votes, comments, crowdfunding, progress, suggestions" },
] as const;

export type Tag = (typeof TAGS)[number]["name"];

export interface RouteRow {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** As Hono writes it, relative to /api/v1: `/wishes/:id/claim`. */
  path: string;
  tag: Tag;
  summary: string;
  who: string;
  /** none: no token read; optional: a token changes the answer; bearer: required. */
  auth: "none" | "optional" | "bearer";
  body?: z.ZodMiniType;
  query?: z.ZodMiniType;
  /** POST /uploads: one photo as multipart field `file`. */
  photo?: true;
  /** Honours an `Idempotency-Key` header. */
  idempotent?: true;
  status: 200 | 201 | 204;
  /** The success body is CSV rather than JSON. */
  csv?: true;
  /** Statuses this route answers for its own state and rules, beyond input, auth and not-found. */
  errors?: number[];
}

export const ROUTES: RouteRow[] = [
  { method: "GET", path: "/health", tag: "health-auth", summary: "数据库是否可用（真实查询 D1）", who: "anyone", auth: "none", status: 200, errors: [503] },
  { method: "GET", path: "/auth/methods", tag: "health-auth", summary: "可用的登录方式", who: "anyone", auth: "none", status: 200 },
  { method: "POST", path: "/auth/wechat", tag: "health-auth", summary: "微信登录：用 wx.login 的 code 换取令牌", who: "anyone", auth: "none", body: WechatLoginBody, status: 200, errors: [429, 502] },
  { method: "POST", path: "/auth/dev-login", tag: "health-auth", summary: "开发环境登录（生产环境为 404）", who: "anyone, only in development", auth: "none", body: DevLoginBody, status: 200, errors: [404] },
  { method: "POST", path: "/auth/staff-login", tag: "health-auth", summary: "工作人员登录", who: "anyone", auth: "none", body: StaffLoginBody, status: 200, errors: [429] },
  { method: "POST", path: "/auth/logout", tag: "health-auth", summary: "退出登录，令牌失效", who: "any token", auth: "bearer", status: 204 },
  { method: "GET", path: "/me", tag: "health-auth", summary: "我的资料、角色与队伍", who: "resident", auth: "bearer", status: 200 },
  { method: "PUT", path: "/me", tag: "health-auth", summary: "修改我的资料", who: "resident", auth: "bearer", body: UpdateMeBody, status: 200 },

  { method: "GET", path: "/grids", tag: "community", summary: "社区的 9 个网格", who: "anyone", auth: "none", status: 200 },
  { method: "GET", path: "/partners", tag: "community", summary: "共建单位", who: "anyone", auth: "none", status: 200 },
  { method: "POST", path: "/admin/partners/:id/representatives", tag: "community", summary: "指定共建单位代表", who: "admin", auth: "bearer", body: AssignRepresentativeBody, status: 200 },

  { method: "GET", path: "/teams", tag: "teams", summary: "志愿队伍列表", who: "anyone", auth: "none", status: 200 },
  { method: "GET", path: "/teams/:id", tag: "teams", summary: "一支队伍", who: "anyone", auth: "none", status: 200 },
  { method: "POST", path: "/teams/:id/applications", tag: "teams", summary: "申请加入队伍", who: "resident", auth: "bearer", body: TeamApplicationBody, idempotent: true, status: 201, errors: [409, 422, 429] },
  { method: "GET", path: "/me/applications", tag: "teams", summary: "我的入队申请", who: "resident", auth: "bearer", status: 200 },
  { method: "DELETE", path: "/teams/:id/membership", tag: "teams", summary: "退出队伍", who: "member", auth: "bearer", status: 204 },
  { method: "GET", path: "/admin/applications", tag: "teams", summary: "待审核的入队申请", who: "admin", auth: "bearer", query: AdminApplicationsQuery, status: 200 },
  { method: "POST", path: "/admin/applications/:id/decision", tag: "teams", summary: "审核入队申请", who: "admin", auth: "bearer", body: ApplicationDecisionBody, status: 200, errors: [409] },

  { method: "GET", path: "/wishes", tag: "wishes", summary: "心愿墙（公开的心愿）", who: "anyone", auth: "none", query: PublicWishesQuery, status: 200 },
  { method: "POST", path: "/wishes", tag: "wishes", summary: "发布心愿（待审核）", who: "resident", auth: "bearer", body: WishBody, idempotent: true, status: 201, errors: [422, 429] },
  { method: "GET", path: "/me/wishes", tag: "wishes", summary: "我发布的心愿", who: "resident", auth: "bearer", status: 200 },
  { method: "GET", path: "/me/claimed-wishes", tag: "wishes", summary: "我认领的心愿", who: "resident", auth: "bearer", status: 200 },
  { method: "GET", path: "/wishes/:id", tag: "wishes", summary: "一个心愿", who: "anyone for public statuses; wisher and staff for the rest", auth: "optional", status: 200 },
  { method: "POST", path: "/wishes/:id/claim", tag: "wishes", summary: "认领心愿", who: "volunteer, or partner rep with { partnerId }", auth: "bearer", body: ClaimWishBody, status: 200, errors: [409, 422] },
  { method: "POST", path: "/wishes/:id/release", tag: "wishes", summary: "放弃认领", who: "the claimer", auth: "bearer", status: 200, errors: [409] },
  { method: "POST", path: "/wishes/:id/fulfil", tag: "wishes", summary: "标记心愿已完成", who: "the claimer", auth: "bearer", body: FulfilWishBody, status: 200, errors: [409] },
  { method: "POST", path: "/wishes/:id/confirm", tag: "wishes", summary: "心愿人确认并评价", who: "the wisher", auth: "bearer", body: ConfirmWishBody, status: 200, errors: [409] },
  { method: "POST", path: "/wishes/:id/cancel", tag: "wishes", summary: "撤回心愿", who: "the wisher", auth: "bearer", status: 200, errors: [409] },
  { method: "GET", path: "/admin/wishes", tag: "wishes", summary: "全部心愿（网格员：本网格）", who: "staff", auth: "bearer", query: AdminWishesQuery, status: 200 },
  { method: "POST", path: "/admin/wishes", tag: "wishes", summary: "代居民登记心愿（直接发布）", who: "staff", auth: "bearer", body: AdminWishBody, idempotent: true, status: 201 },
  { method: "POST", path: "/admin/wishes/:id/review", tag: "wishes", summary: "审核心愿", who: "staff", auth: "bearer", body: ReviewWishBody, status: 200, errors: [409] },

  { method: "POST", path: "/uploads", tag: "photos", summary: "上传一张照片（JPEG/PNG/WebP，≤ 2 MB）", who: "resident", auth: "bearer", photo: true, idempotent: true, status: 201, errors: [429, 503] },

  { method: "GET", path: "/exam-sessions", tag: "rides", summary: "可预约的考试场次", who: "anyone", auth: "none", status: 200 },
  { method: "POST", path: "/rides", tag: "rides", summary: "预约送考", who: "resident", auth: "bearer", body: RideBookingBody, idempotent: true, status: 201, errors: [409, 422, 429] },
  { method: "GET", path: "/me/rides", tag: "rides", summary: "我的送考预约", who: "resident", auth: "bearer", status: 200 },
  { method: "GET", path: "/me/driver-rides", tag: "rides", summary: "分配给我的行程", who: "driver", auth: "bearer", status: 200 },
  { method: "GET", path: "/rides/open", tag: "rides", summary: "待接单的行程（不含地址、电话、姓名）", who: "verified driver", auth: "bearer", status: 200 },
  { method: "GET", path: "/rides/:id", tag: "rides", summary: "一个预约的详情", who: "booker, assigned driver, admin", auth: "bearer", status: 200 },
  { method: "POST", path: "/rides/:id/cancel", tag: "rides", summary: "取消预约", who: "booker or admin", auth: "bearer", status: 200, errors: [409] },
  { method: "PUT", path: "/me/driver-profile", tag: "rides", summary: "登记为爱心司机", who: "volunteer", auth: "bearer", body: DriverProfileBody, status: 200 },
  { method: "POST", path: "/rides/:id/accept", tag: "rides", summary: "司机接单", who: "verified driver", auth: "bearer", status: 200, errors: [409, 422] },
  { method: "POST", path: "/rides/:id/progress", tag: "rides", summary: "报告行程进度", who: "the assigned driver", auth: "bearer", body: RideProgressBody, status: 200, errors: [409] },
  { method: "POST", path: "/admin/exam-sessions", tag: "rides", summary: "创建考试场次", who: "admin", auth: "bearer", body: ExamSessionBody, idempotent: true, status: 201 },
  { method: "GET", path: "/admin/rides", tag: "rides", summary: "全部预约", who: "admin", auth: "bearer", query: AdminRidesQuery, status: 200 },
  { method: "POST", path: "/admin/rides/:id/assign", tag: "rides", summary: "派单给司机", who: "admin", auth: "bearer", body: AssignRideBody, status: 200, errors: [409, 422] },
  { method: "GET", path: "/admin/drivers", tag: "rides", summary: "司机资料", who: "admin", auth: "bearer", query: AdminDriversQuery, status: 200 },
  { method: "POST", path: "/admin/drivers/:userId/verification", tag: "rides", summary: "审核或撤销司机资格", who: "admin", auth: "bearer", body: DriverVerificationBody, status: 200, errors: [409] },

  { method: "GET", path: "/tasks", tag: "tasks", summary: "即将开始的服务任务", who: "anyone", auth: "optional", status: 200 },
  { method: "GET", path: "/tasks/:id", tag: "tasks", summary: "一个服务任务", who: "anyone", auth: "optional", status: 200 },
  { method: "POST", path: "/tasks/:id/signup", tag: "tasks", summary: "报名任务", who: "volunteer (of teamId when set)", auth: "bearer", idempotent: true, status: 201, errors: [409, 422] },
  { method: "DELETE", path: "/tasks/:id/signup", tag: "tasks", summary: "取消报名", who: "that volunteer", auth: "bearer", status: 204, errors: [409] },
  { method: "POST", path: "/tasks/:id/check-in", tag: "tasks", summary: "凭签到码签到", who: "signed-up volunteer", auth: "bearer", body: CheckInBody, status: 200, errors: [409, 422, 429] },
  { method: "POST", path: "/tasks/:id/check-out", tag: "tasks", summary: "签退并计入时长", who: "checked-in volunteer", auth: "bearer", status: 200, errors: [409] },
  { method: "GET", path: "/me/hours", tag: "tasks", summary: "我的服务时长", who: "resident", auth: "bearer", status: 200 },
  { method: "POST", path: "/admin/tasks", tag: "tasks", summary: "发布服务任务", who: "admin", auth: "bearer", body: TaskBody, idempotent: true, status: 201 },
  { method: "GET", path: "/admin/tasks/:id/roster", tag: "tasks", summary: "任务报名名单", who: "admin", auth: "bearer", status: 200 },
  { method: "POST", path: "/admin/hours", tag: "tasks", summary: "补录服务时长", who: "admin", auth: "bearer", body: ManualHoursBody, idempotent: true, status: 201 },
  { method: "GET", path: "/admin/hours/summary", tag: "tasks", summary: "时长汇总（按志愿者、按月）", who: "admin", auth: "bearer", query: HoursRangeQuery, status: 200 },
  { method: "GET", path: "/admin/hours.csv", tag: "tasks", summary: "导出服务时长 CSV", who: "admin", auth: "bearer", query: HoursRangeQuery, status: 200, csv: true },

  { method: "GET", path: "/me/notifications", tag: "notifications", summary: "我的消息（最新在前）", who: "resident", auth: "bearer", query: ListQuery, status: 200 },
  { method: "GET", path: "/me/notifications/unread-count", tag: "notifications", summary: "未读消息数", who: "resident", auth: "bearer", status: 200 },
  { method: "POST", path: "/me/notifications/read", tag: "notifications", summary: "标记消息已读（指定或全部）", who: "resident", auth: "bearer", body: MarkReadBody, status: 204 },
  { method: "GET", path: "/me/subscriptions", tag: "notifications", summary: "订阅消息模板与剩余次数", who: "resident", auth: "bearer", status: 200 },
  { method: "POST", path: "/me/subscriptions", tag: "notifications", summary: "记录订阅消息授权结果", who: "resident", auth: "bearer", body: SubscriptionsBody, status: 200 },

  { method: "GET", path: "/report-categories", tag: "reports", summary: "诉求类别与办理时限", who: "anyone", auth: "none", status: 200 },
  { method: "POST", path: "/reports", tag: "reports", summary: "反映问题（随手拍）", who: "resident", auth: "bearer", body: ReportBody, idempotent: true, status: 201, errors: [422, 429] },
  { method: "GET", path: "/me/reports", tag: "reports", summary: "我的诉求（含进度）", who: "resident", auth: "bearer", status: 200 },
  { method: "GET", path: "/reports", tag: "reports", summary: "诉求墙（公开的诉求，无个人信息）", who: "anyone", auth: "none", query: PublicReportsQuery, status: 200 },
  { method: "GET", path: "/reports/:id", tag: "reports", summary: "一条诉求", who: "the reporter, staff who may see it; anyone when public and past acceptance", auth: "optional", status: 200 },
  { method: "POST", path: "/reports/:id/withdraw", tag: "reports", summary: "撤回诉求", who: "the reporter", auth: "bearer", status: 200, errors: [409] },
  { method: "POST", path: "/reports/:id/rate", tag: "reports", summary: "评价办理结果", who: "the reporter", auth: "bearer", body: RateReportBody, status: 200, errors: [409] },
  { method: "POST", path: "/admin/reports", tag: "reports", summary: "代居民登记诉求（电话、来访、巡查）", who: "staff", auth: "bearer", body: AdminReportBody, idempotent: true, status: 201, errors: [422] },
  { method: "GET", path: "/admin/reports", tag: "reports", summary: "诉求处理队列（网格员：本网格）", who: "staff", auth: "bearer", query: AdminReportsQuery, status: 200 },
  { method: "POST", path: "/admin/reports/:id/accept", tag: "reports", summary: "受理诉求", who: "staff at the report's level", auth: "bearer", status: 200, errors: [403, 409] },
  { method: "POST", path: "/admin/reports/:id/notes", tag: "reports", summary: "记录处理进展", who: "handler or admin", auth: "bearer", body: ReportNoteBody, status: 200, errors: [403, 409] },
  { method: "POST", path: "/admin/reports/:id/escalate", tag: "reports", summary: "上报上一级", who: "handler or admin", auth: "bearer", body: EscalateReportBody, status: 200, errors: [403, 409] },
  { method: "POST", path: "/admin/reports/:id/resolve", tag: "reports", summary: "办结并反馈结果", who: "handler or admin", auth: "bearer", body: ResolveReportBody, status: 200, errors: [403, 409, 422] },
  { method: "POST", path: "/admin/reports/:id/reject", tag: "reports", summary: "不予受理", who: "handler or admin", auth: "bearer", body: RejectReportBody, status: 200, errors: [403, 409] },
  { method: "POST", path: "/admin/open311-keys", tag: "reports", summary: "签发 Open311 密钥（只显示一次）", who: "admin", auth: "bearer", body: Open311KeyBody, status: 201 },
  { method: "GET", path: "/admin/open311-keys", tag: "reports", summary: "Open311 密钥列表（不含密钥）", who: "admin", auth: "bearer", status: 200 },
  { method: "POST", path: "/admin/open311-keys/:id/revoke", tag: "reports", summary: "停用 Open311 密钥", who: "admin", auth: "bearer", status: 200, errors: [409] },
  { method: "GET", path: "/admin/reports/stats", tag: "reports", summary: "诉求统计（各网格与合计）", who: "staff", auth: "bearer", query: ReportStatsQuery, status: 200 },

  { method: "GET", path: "/me/care", tag: "care", summary: "我的结对（逾期在前，含住址电话）", who: "volunteer", auth: "bearer", status: 200 },
  { method: "POST", path: "/care/:recipientId/visits", tag: "care", summary: "登记一次走访", who: "a volunteer paired now", auth: "bearer", body: VisitBody, idempotent: true, status: 201, errors: [422] },
  { method: "GET", path: "/care/:recipientId/visits", tag: "care", summary: "走访记录（新的在前）", who: "paired volunteers, staff who may see the grid", auth: "bearer", status: 200 },
  { method: "GET", path: "/admin/care-recipients", tag: "care", summary: "关爱对象列表（网格员：本网格）", who: "staff", auth: "bearer", query: CareRecipientsQuery, status: 200 },
  { method: "POST", path: "/admin/care-recipients", tag: "care", summary: "登记关爱对象（须老人同意）", who: "staff (grid workers: own grid)", auth: "bearer", body: CareRecipientBody, idempotent: true, status: 201 },
  { method: "GET", path: "/admin/care-recipients/:id", tag: "care", summary: "一位关爱对象（含结对志愿者）", who: "staff who may see the grid", auth: "bearer", status: 200 },
  { method: "PUT", path: "/admin/care-recipients/:id", tag: "care", summary: "修改关爱对象；active:false 结束关爱", who: "staff who may see the grid", auth: "bearer", body: CareRecipientUpdateBody, status: 200 },
  { method: "POST", path: "/admin/care-recipients/:id/pairings/:userId", tag: "care", summary: "结对志愿者", who: "admin", auth: "bearer", status: 204, errors: [409, 422] },
  { method: "DELETE", path: "/admin/care-recipients/:id/pairings/:userId", tag: "care", summary: "解除结对", who: "admin", auth: "bearer", status: 204 },
  { method: "GET", path: "/admin/care/overdue", tag: "care", summary: "逾期未走访（最久的在前）", who: "staff", auth: "bearer", status: 200 },
  { method: "GET", path: "/admin/care/stats", tag: "care", summary: "关爱统计（各网格）", who: "staff", auth: "bearer", query: CareStatsQuery, status: 200 },

  { method: "GET", path: "/deliberations/:id/comments", tag: "deliberation", summary: "议题的居民意见（新的在前，只显示昵称）", who: "anyone", auth: "none", query: ListQuery, status: 200 },
  { method: "POST", path: "/deliberations/:id/comments", tag: "deliberation", summary: "发表意见（两委商议阶段，内容安全检查）", who: "resident during consulting", auth: "bearer", body: CommentBody, idempotent: true, status: 201, errors: [409, 422, 429] },
  { method: "POST", path: "/suggestions", tag: "deliberation", summary: "提交议事建议（内容安全检查）", who: "resident", auth: "bearer", body: SuggestionBody, idempotent: true, status: 201, errors: [422, 429] },
  { method: "GET", path: "/me/suggestions", tag: "deliberation", summary: "我的建议及转成的议题", who: "resident", auth: "bearer", query: ListQuery, status: 200 },
  { method: "POST", path: "/admin/deliberations/:id/meetings", tag: "deliberation", summary: "记录协商会", who: "admin", auth: "bearer", body: MeetingBody, idempotent: true, status: 201, errors: [409] },
  { method: "POST", path: "/admin/deliberations/:id/pledges", tag: "deliberation", summary: "登记认捐", who: "admin", auth: "bearer", body: PledgeBody, idempotent: true, status: 201, errors: [409] },
  { method: "POST", path: "/admin/deliberations/:id/payments", tag: "deliberation", summary: "登记收款（不超过认捐金额）", who: "admin", auth: "bearer", body: PaymentBody, idempotent: true, status: 201, errors: [409, 422] },
  { method: "POST", path: "/admin/deliberations/:id/progress", tag: "deliberation", summary: "发布实施进展（通知参与的居民）", who: "admin", auth: "bearer", body: ProgressBody, idempotent: true, status: 201, errors: [409] },
  { method: "GET", path: "/deliberations", tag: "deliberation", summary: "议事厅议题列表（含众筹总额，不含撤回的）", who: "anyone", auth: "none", query: DeliberationsQuery, status: 200 },
  { method: "GET", path: "/deliberations/:id", tag: "deliberation", summary: "议题详情（投票结束后才有计票；居民另见自己的投票）", who: "anyone", auth: "optional", status: 200 },
  { method: "POST", path: "/deliberations/:id/votes", tag: "deliberation", summary: "居民代表投票（每人一次）", who: "representative during voting", auth: "bearer", body: VoteBody, status: 201, errors: [403, 409] },
  { method: "POST", path: "/deliberations/:id/objections", tag: "deliberation", summary: "公示期提出异议（内容安全检查）", who: "resident during publicized", auth: "bearer", body: ObjectionBody, idempotent: true, status: 201, errors: [409, 422] },
  { method: "POST", path: "/admin/deliberations", tag: "deliberation", summary: "发起议题（可由居民建议转来）", who: "admin", auth: "bearer", body: DeliberationBody, idempotent: true, status: 201, errors: [409] },
  { method: "POST", path: "/admin/deliberations/:id/advance", tag: "deliberation", summary: "推进议题一个阶段（结束投票即计票）", who: "admin", auth: "bearer", body: AdvanceBody, status: 200, errors: [409] },
  { method: "POST", path: "/admin/deliberations/:id/objections/:oid/answer", tag: "deliberation", summary: "答复异议（通知提出人）", who: "admin", auth: "bearer", body: AnswerBody, status: 200, errors: [409] },
  { method: "POST", path: "/admin/representatives/:userId", tag: "deliberation", summary: "指定居民代表", who: "admin", auth: "bearer", status: 204 },
  { method: "DELETE", path: "/admin/representatives/:userId", tag: "deliberation", summary: "取消居民代表", who: "admin", auth: "bearer", status: 204 },
];
