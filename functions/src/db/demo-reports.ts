/**
 * The demo's community reports (网格诉求), part of the demo story (./demo.ts): a dozen across the
 * grids and in every status, each with the timeline its steps would have written, among them a
 * dispute mediated at 仁兴话室, a hazard the cron raised to the community, a reopened report and a
 * case handed to the street. Open ones sit within their deadlines (or above `grid`), so the
 * escalation cron leaves them as they are. Handled by the development admin, the only staff account
 * the demo has.
 */
import { REPORT_CATEGORY_RULES, shanghaiDate, type ReportCategory, type ReportEventKind, type ReportLevel, type ReportStatus } from "@renxing/shared";
import { insert, sqlLiteral } from "./seed";

const HOUR = 3600_000;
const ADMIN = { actor_kind: "staff", actor_id: "stf_dev_admin", actor_label: "社区管理员" } as const;
const SYSTEM = { actor_kind: "system", actor_id: null, actor_label: "系统" } as const;
const RESIDENT = (userId: string) => ({ actor_kind: "user", actor_id: userId, actor_label: "居民" }) as const;
type Actor = typeof ADMIN | typeof SYSTEM | ReturnType<typeof RESIDENT>;

/** One timeline step: hours after filing, what happened, at which level, and who did it. */
type Step = [afterHours: number, kind: ReportEventKind, text: string, level: ReportLevel, actor: Actor, isPublic?: boolean];

interface DemoReport {
  id: string;
  /** Hours before the seed runs. */
  filedHoursAgo: number;
  reporter: { userId: string } | { name: string; phone: string };
  gridId: string;
  category: ReportCategory;
  description: string;
  building: string | null;
  public: boolean;
  status: ReportStatus;
  level: ReportLevel;
  /** Further columns, times as hours after filing. */
  fields?: Record<string, string | number | null>;
  hours?: Partial<Record<"accepted_at" | "resolved_at" | "rated_at" | "closed_at" | "accept_overdue_at" | "resolve_by", number>>;
  steps: Step[];
}

const filed = (userId: string): Step => [0, "submitted", "居民提交了诉求", "grid", RESIDENT(userId)];
const filedByStaff: Step = [0, "submitted", "社区工作人员代为登记了诉求", "grid", ADMIN];
const accepted = (after: number, level: ReportLevel = "grid"): Step => [after, "accepted", "已受理，正在处理", level, ADMIN];

const REPORTS: DemoReport[] = [
  {
    id: "rpt_demo_wires",
    filedHoursAgo: 30,
    reporter: { userId: "usr_demo_liu" },
    gridId: "grd_renxing_03",
    category: "safety_hazard",
    description: "有住户从窗户私拉电线给电动车充电，电线垂在楼道口，下雨天很危险。",
    building: "3号楼1单元",
    public: true,
    status: "accepted",
    level: "community",
    hours: { accept_overdue_at: 4.25, accepted_at: 6 },
    steps: [
      filed("usr_demo_liu"),
      [4.25, "escalated", "超过受理时限，自动上报社区", "community", SYSTEM],
      accepted(6, "community"),
      [8, "note", "已联系供电所和物业，明天上午到现场拆除私拉的电线，并告知住户到充电桩充电。", "community", ADMIN],
    ],
  },
  {
    id: "rpt_demo_corridor",
    filedHoursAgo: 6 * 24,
    reporter: { userId: "usr_demo_wang" },
    gridId: "grd_renxing_05",
    category: "safety_hazard",
    description: "楼道里堆满了纸箱和旧家具，把消防通道都堵住了，老人上下楼很不方便。",
    building: "5号楼2单元",
    public: true,
    status: "closed",
    level: "grid",
    fields: { result: "已协调物业清走楼道杂物，张贴了“消防通道禁止堆物”提示，网格员每周巡查一次。", result_photo_urls: "[]", rating: "satisfied", rating_comment: "楼道干净了，谢谢！" },
    hours: { accepted_at: 1, resolved_at: 20, rated_at: 30, closed_at: 30 },
    steps: [
      filed("usr_demo_wang"),
      accepted(1),
      [20, "resolved", "已办结：已协调物业清走楼道杂物，张贴了“消防通道禁止堆物”提示，网格员每周巡查一次。", "grid", ADMIN],
      [30, "rated", "居民评价：满意", "grid", RESIDENT("usr_demo_wang")],
      [30, "closed", "诉求已办结", "grid", RESIDENT("usr_demo_wang")],
    ],
  },
  {
    id: "rpt_demo_dispute",
    filedHoursAgo: 9 * 24,
    reporter: { userId: "usr_demo_zhang" },
    gridId: "grd_renxing_01",
    category: "neighbour_dispute",
    description: "楼上邻居家卫生间漏水，把我家天花板泡坏了，找了几次都说不是他家的问题。",
    building: "1号楼3单元",
    public: false,
    status: "closed",
    level: "grid",
    fields: {
      result: "在仁兴话室组织双方调解，楼上住户同意维修防水层并承担天花板修补费用。",
      result_photo_urls: "[]",
      rating: "satisfied",
      rating_comment: null,
    },
    hours: { accepted_at: 2, resolved_at: 50, rated_at: 60, closed_at: 60 },
    steps: [
      filed("usr_demo_zhang"),
      accepted(2),
      [26, "note", "已约双方后天下午到仁兴话室面谈，楼上住户情绪较大，请调解员一起参加。", "grid", ADMIN, false],
      [50, "resolved", "已办结：在仁兴话室组织双方调解，楼上住户同意维修防水层并承担天花板修补费用。", "grid", ADMIN],
      [60, "rated", "居民评价：满意", "grid", RESIDENT("usr_demo_zhang")],
      [60, "closed", "诉求已办结", "grid", RESIDENT("usr_demo_zhang")],
    ],
  },
  {
    id: "rpt_demo_door",
    filedHoursAgo: 8 * 24,
    reporter: { userId: "usr_demo_li" },
    gridId: "grd_renxing_02",
    category: "facility",
    description: "2号楼4单元的单元门门禁坏了，门一直关不上，外人随便进出。",
    building: "2号楼4单元",
    public: false,
    status: "accepted",
    level: "grid",
    fields: { result: "已更换门禁电源，门可以正常关闭。", result_photo_urls: "[]", rating: "dissatisfied", rating_comment: "换完第二天又坏了", reopen_count: 1 },
    // Reopened 6 days after filing: the resolve deadline runs again from then (120 h).
    hours: { accepted_at: 3, rated_at: 6 * 24, resolve_by: 6 * 24 + 120 },
    steps: [
      filed("usr_demo_li"),
      accepted(3),
      [72, "resolved", "已办结：已更换门禁电源，门可以正常关闭。", "grid", ADMIN],
      [6 * 24, "rated", "居民评价：不满意", "grid", RESIDENT("usr_demo_li")],
      [6 * 24, "reopened", "居民不满意，重新办理", "grid", RESIDENT("usr_demo_li")],
      [6 * 24 + 4, "note", "已请厂家来检查门禁主板，配件到了就换。", "grid", ADMIN],
    ],
  },
  {
    id: "rpt_demo_loan",
    filedHoursAgo: 5 * 24,
    reporter: { userId: "usr_demo_zhao" },
    gridId: "grd_renxing_06",
    category: "other",
    description: "去年借给邻居五千块钱一直不还，想让社区出面帮我要回来。",
    building: "6号楼3单元",
    public: false,
    status: "rejected",
    level: "grid",
    fields: { reject_reason: "属于个人之间的借款纠纷，社区不能代为追讨，建议到社区法律服务室咨询或通过人民调解解决。" },
    steps: [filed("usr_demo_zhao"), [5, "rejected", "不予受理：属于个人之间的借款纠纷，社区不能代为追讨，建议到社区法律服务室咨询或通过人民调解解决。", "grid", ADMIN]],
  },
  {
    id: "rpt_demo_bikes",
    filedHoursAgo: 3 * 24,
    reporter: { userId: "usr_demo_sun" },
    gridId: "grd_renxing_04",
    category: "environment",
    description: "小区东门口共享单车停得乱七八糟，把人行道都占满了。",
    building: null,
    public: false,
    status: "withdrawn",
    level: "grid",
    steps: [filed("usr_demo_sun"), [2, "withdrawn", "居民撤回了诉求", "grid", RESIDENT("usr_demo_sun")]],
  },
  {
    id: "rpt_demo_bins",
    filedHoursAgo: 3,
    reporter: { name: "马淑珍", phone: "13840002001" },
    gridId: "grd_renxing_07",
    category: "environment",
    description: "7号楼后面的垃圾桶满了两天没人清运，味道很大，马阿姨打电话来反映。",
    building: "7号楼",
    public: false,
    status: "submitted",
    level: "grid",
    steps: [filedByStaff],
  },
  {
    id: "rpt_demo_streetlight",
    filedHoursAgo: 4 * 24,
    reporter: { userId: "usr_demo_liu" },
    gridId: "grd_renxing_03",
    category: "facility",
    description: "小区中心花园的两盏路灯不亮了，晚上遛弯黑乎乎的。",
    building: null,
    public: true,
    status: "closed",
    level: "grid",
    fields: { result: "物业已更换两盏路灯的灯泡。", result_photo_urls: "[]", rating: "basically_satisfied", rating_comment: "修得有点慢" },
    hours: { accepted_at: 20, resolved_at: 70, rated_at: 80, closed_at: 80 },
    steps: [
      filed("usr_demo_liu"),
      accepted(20),
      [70, "resolved", "已办结：物业已更换两盏路灯的灯泡。", "grid", ADMIN],
      [80, "rated", "居民评价：基本满意", "grid", RESIDENT("usr_demo_liu")],
      [80, "closed", "诉求已办结", "grid", RESIDENT("usr_demo_liu")],
    ],
  },
  {
    id: "rpt_demo_heating",
    filedHoursAgo: 2 * 24,
    reporter: { name: "孙桂芝", phone: "13840002003" },
    gridId: "grd_renxing_08",
    category: "elderly_help",
    description: "独居的孙奶奶家暖气不热，屋里只有十几度，腿脚不便出不了门。",
    building: "8号楼1单元",
    public: false,
    status: "resolved",
    level: "grid",
    fields: { result: "联系热力公司上门放气、清洗过滤网，屋里已到22度；6070分队每周上门看望一次。", result_photo_urls: "[]" },
    hours: { accepted_at: 1, resolved_at: 18 },
    steps: [
      filedByStaff,
      accepted(1),
      [18, "resolved", "已办结：联系热力公司上门放气、清洗过滤网，屋里已到22度；6070分队每周上门看望一次。", "grid", ADMIN],
    ],
  },
  {
    id: "rpt_demo_facade",
    filedHoursAgo: 7 * 24,
    reporter: { userId: "usr_demo_zhang" },
    gridId: "grd_renxing_09",
    category: "facility",
    description: "楼北侧的外墙砖有好几块松动，前几天掉下来一块，差点砸到人。",
    building: "9号楼",
    public: true,
    status: "accepted",
    level: "street",
    fields: { external_ref: "RXJD-2026-1187" },
    hours: { accepted_at: 2 },
    steps: [
      filed("usr_demo_zhang"),
      accepted(2),
      [3, "note", "已拉起警戒线，提醒居民绕行。", "grid", ADMIN],
      [5, "escalated", "已上报社区：外墙维修需要动用维修资金", "community", ADMIN],
      [30, "escalated", "已上报街道：需要街道协调专项维修资金和施工队", "street", ADMIN],
    ],
  },
  {
    id: "rpt_demo_bbq",
    filedHoursAgo: 24,
    reporter: { userId: "usr_demo_zhao" },
    gridId: "grd_renxing_06",
    category: "environment",
    description: "楼下底商的烧烤店每天晚上油烟很大，窗户都不敢开。",
    building: "6号楼",
    public: true,
    status: "accepted",
    level: "grid",
    hours: { accepted_at: 2 },
    steps: [filed("usr_demo_zhao"), accepted(2), [5, "note", "已到店里了解情况，店主答应三天内加装油烟净化器。", "grid", ADMIN]],
  },
  {
    id: "rpt_demo_fund",
    filedHoursAgo: 20 * 24,
    reporter: { userId: "usr_demo_sun" },
    gridId: "grd_renxing_04",
    category: "property",
    description: "物业说要用维修基金换电梯，但一直不公布预算和报价，业主都不清楚。",
    building: "4号楼",
    public: false,
    status: "closed",
    level: "grid",
    fields: { result: "物业已在单元公告栏张贴电梯更换的预算和三家报价。", result_photo_urls: "[]", rating: "dissatisfied", rating_comment: "还是没有开业主大会", reopen_count: 1, flagged: 1 },
    hours: { accepted_at: 3, resolved_at: 12 * 24, rated_at: 13 * 24, closed_at: 13 * 24, resolve_by: 6 * 24 + 120 },
    steps: [
      filed("usr_demo_sun"),
      accepted(3),
      [5 * 24, "resolved", "已办结：物业答应下周公布预算。", "grid", ADMIN],
      [6 * 24, "rated", "居民评价：不满意", "grid", RESIDENT("usr_demo_sun")],
      [6 * 24, "reopened", "居民不满意，重新办理", "grid", RESIDENT("usr_demo_sun")],
      [12 * 24, "resolved", "已办结：物业已在单元公告栏张贴电梯更换的预算和三家报价。", "grid", ADMIN],
      [13 * 24, "rated", "居民评价：不满意", "grid", RESIDENT("usr_demo_sun")],
      [13 * 24, "closed", "居民再次不满意，诉求结束，转社区复核", "grid", RESIDENT("usr_demo_sun")],
    ],
  },
];

/**
 * A timeline row, written only when its report is there: a database with live reports of the same
 * day may already hold a demo report's case number, and then that report (and its steps) is left out.
 */
function insertForReport(reportId: string, row: Record<string, string | number | null>): string {
  const cols = Object.keys(row);
  return `INSERT INTO report_events (${cols.join(", ")}) SELECT ${cols.map((c) => sqlLiteral(row[c]!)).join(", ")} WHERE EXISTS (SELECT 1 FROM reports WHERE id = ${sqlLiteral(reportId)}) ON CONFLICT DO NOTHING;`;
}

/**
 * The reports, their timelines and the case-number counters. Case numbers follow the filing order
 * within each Beijing day; each day's counter is raised to at least the last number used, so a
 * report filed later that day gets the next one.
 */
export function demoReportStatements(now: number): string[] {
  const statements: string[] = [];
  const lastOfDay = new Map<string, number>();
  for (const r of [...REPORTS].sort((a, b) => b.filedHoursAgo - a.filedHoursAgo)) {
    const createdAt = now - r.filedHoursAgo * HOUR;
    const after = (hours: number | undefined) => (hours === undefined ? null : createdAt + hours * HOUR);
    const day = shanghaiDate(createdAt).replaceAll("-", "");
    const number = (lastOfDay.get(day) ?? 0) + 1;
    lastOfDay.set(day, number);
    const rule = REPORT_CATEGORY_RULES[r.category];
    const lastAt = Math.max(...r.steps.map(([hours]) => hours));
    statements.push(
      insert("reports", {
        id: r.id,
        ref: `RX${day}-${String(number).padStart(4, "0")}`,
        user_id: "userId" in r.reporter ? r.reporter.userId : null,
        reporter_name: "name" in r.reporter ? r.reporter.name : null,
        reporter_phone: "phone" in r.reporter ? r.reporter.phone : null,
        source: "userId" in r.reporter ? "resident" : "staff",
        created_by_staff: "userId" in r.reporter ? null : "stf_dev_admin",
        grid_id: r.gridId,
        category: r.category,
        description: r.description,
        building: r.building,
        photo_urls: "[]",
        public: r.public ? 1 : 0,
        status: r.status,
        level: r.level,
        handler_staff_id: r.hours?.accepted_at === undefined ? null : "stf_dev_admin",
        accept_by: createdAt + rule.acceptHours * HOUR,
        resolve_by: after(r.hours?.resolve_by) ?? createdAt + rule.resolveHours * HOUR,
        accept_overdue_at: after(r.hours?.accept_overdue_at),
        accepted_at: after(r.hours?.accepted_at),
        resolved_at: after(r.hours?.resolved_at),
        rated_at: after(r.hours?.rated_at),
        closed_at: after(r.hours?.closed_at),
        mediation:
          r.category === "neighbour_dispute"
            ? JSON.stringify({ heldAt: new Date(createdAt + 48 * HOUR).toISOString(), place: "仁兴话室", parties: ["张秀英", "楼上住户刘先生"], agreed: true })
            : null,
        last_step: `stp_demo_${r.id.slice("rpt_demo_".length)}`,
        created_at: createdAt,
        updated_at: createdAt + lastAt * HOUR,
        ...r.fields,
      }),
      ...r.steps.map(([hours, kind, text, level, actor, isPublic = true], i) =>
        insertForReport(r.id, { id: `rev_demo_${r.id.slice("rpt_demo_".length)}_${i + 1}`, report_id: r.id, at: createdAt + hours * HOUR, kind, text, level, public: isPublic ? 1 : 0, ...actor }),
      ),
    );
  }
  for (const [day, last] of lastOfDay) {
    statements.push(`INSERT INTO report_ref_days (day, last) VALUES (${sqlLiteral(day)}, ${last}) ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last);`);
  }
  return statements;
}
