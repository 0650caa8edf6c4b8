/**
 * The demo story on top of the base seed, for `npm start` and `npm run db:seed` only (the tests
 * start from the base seed): residents from the source's community, wishes in every status, the
 * 2027 高考 with two venues, a booked ride, two upcoming service tasks, some service hours and a
 * dozen community reports (./demo-reports.ts), a grid worker for each grid (./demo-staff.ts), the
 * elders living alone (./demo-care.ts) and the deliberation hall's topics (./demo-deliberations.ts).
 * Demo residents can be signed in with dev-login using the openid after `dev:` (e.g. `li-jianguo`).
 */
import { beijingMidnight, shanghaiDate } from "@renxing/shared";
import { demoCareStatements } from "./demo-care";
import { demoDeliberationStatements } from "./demo-deliberations";
import { demoReportStatements } from "./demo-reports";
import { demoGridWorkerStatements } from "./demo-staff";
import { insert } from "./seed";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Midnight (Beijing time) `days` from `now`, plus `hours`. */
function beijingDayAt(now: number, days: number, hours: number): number {
  return beijingMidnight(shanghaiDate(now)) + days * DAY + hours * HOUR;
}

const RESIDENTS = [
  { id: "usr_demo_zhang", openid: "dev:zhang-xiuying", nickname: "张阿姨", real_name: "张秀英", phone: "13840001001", grid_id: "grd_renxing_01" },
  { id: "usr_demo_liu", openid: "dev:liu-guilan", nickname: "刘奶奶", real_name: "刘桂兰", phone: "13840001002", grid_id: "grd_renxing_03" },
  { id: "usr_demo_li", openid: "dev:li-jianguo", nickname: "老李", real_name: "李建国", phone: "13840001003", grid_id: "grd_renxing_02" },
  { id: "usr_demo_wang", openid: "dev:wang-xiaohong", nickname: "小王", real_name: "王晓红", phone: "13840001004", grid_id: "grd_renxing_05" },
  { id: "usr_demo_zhao", openid: "dev:zhao-jianhua", nickname: "赵先生", real_name: "赵建华", phone: "13840001005", grid_id: "grd_renxing_06" },
  { id: "usr_demo_sun", openid: "dev:sun-li", nickname: "吉林银行小孙", real_name: "孙丽", phone: "13840001006", grid_id: "grd_renxing_04" },
];

export function demoStoryStatements(now: number): string[] {
  const at = (daysAgo: number) => now - daysAgo * DAY;
  const statements: string[] = RESIDENTS.map((r) => insert("users", { ...r, created_at: at(30), updated_at: at(30) }));

  // Teams: 李建国 (6070分队) and 王晓红 (薪火青年团) are volunteers; 赵建华 waits for review.
  const application = (id: string, team: string, user: (typeof RESIDENTS)[number], birth: number, status: string, skills: string[], availability: string, motivation: string) =>
    insert("team_applications", {
      id,
      team_id: team,
      user_id: user.id,
      real_name: user.real_name,
      phone: user.phone,
      birth_year: birth,
      skills: JSON.stringify(skills),
      availability,
      motivation,
      status,
      reason: null,
      decided_by: status === "pending" ? null : "stf_dev_admin",
      decided_at: status === "pending" ? null : at(20),
      created_at: at(21),
    });
  const [li, wang, zhao, sun] = [RESIDENTS[2]!, RESIDENTS[3]!, RESIDENTS[4]!, RESIDENTS[5]!];
  statements.push(
    application("app_demo_li", "team_6070", li, 1962, "approved", ["开车", "修理家电"], "工作日上午", "退休了，想帮帮楼里的老邻居"),
    application("app_demo_wang", "team_xinhuo", wang, 1998, "approved", ["辅导功课", "拍照"], "周末全天", "想为社区出份力"),
    application("app_demo_zhao", "team_marenxing", zhao, 1975, "pending", ["做饭"], "周末下午", "孩子高考时得到过帮助，想回报社区"),
    insert("team_members", { team_id: "team_6070", user_id: li.id, status: "active", application_id: "app_demo_li", joined_at: at(20), left_at: null }),
    insert("team_members", { team_id: "team_xinhuo", user_id: wang.id, status: "active", application_id: "app_demo_wang", joined_at: at(20), left_at: null }),
    insert("partner_representatives", { partner_id: "ptn_renxing_01", user_id: sun.id, created_by: "stf_dev_admin", created_at: at(25) }),
    insert("driver_profiles", { user_id: li.id, plate_number: "辽A35791", seats: 4, license_years: 30, status: "verified", reason: null, decided_by: "stf_dev_admin", decided_at: at(10), created_at: at(12), updated_at: at(10) }),
    insert("driver_profiles", { user_id: wang.id, plate_number: "辽AD24680", seats: 3, license_years: 4, status: "pending", reason: null, decided_by: null, decided_at: null, created_at: at(2), updated_at: at(2) }),
  );

  // Wishes in every status.
  const wish = (id: string, fields: Record<string, string | number | null>) =>
    insert("wishes", {
      id,
      user_id: null,
      on_behalf_name: null,
      on_behalf_phone: null,
      created_by_staff: null,
      grid_id: null,
      estimated_value_yuan: null,
      review_reason: null,
      reviewed_by: "stf_dev_admin",
      reviewed_at: at(9),
      claimer_kind: null,
      claimer_user_id: null,
      claimer_partner_id: null,
      claimed_at: null,
      fulfil_note: null,
      fulfil_photos: null,
      fulfilled_at: null,
      rating: null,
      thanks: null,
      completed_at: null,
      cancelled_at: null,
      created_at: at(10),
      updated_at: at(1),
      ...fields,
    });
  statements.push(
    wish("wsh_demo_glasses", { user_id: "usr_demo_zhang", grid_id: "grd_renxing_01", title: "想要一副老花镜", story: "眼睛越来越花，看药盒上的小字很吃力，想配一副老花镜。", category: "daily_necessities", estimated_value_yuan: 80, status: "pending_review", reviewed_by: null, reviewed_at: null, created_at: at(1) }),
    wish("wsh_demo_tap", { on_behalf_name: "马淑珍", on_behalf_phone: "13840002001", created_by_staff: "stf_dev_admin", grid_id: "grd_renxing_02", title: "厨房水龙头漏水", story: "独居老人家里厨房水龙头一直滴水，自己修不了，想请人帮忙换个新的。", category: "repair", estimated_value_yuan: 60, status: "open", created_at: at(5) }),
    wish("wsh_demo_hospital", { user_id: "usr_demo_liu", grid_id: "grd_renxing_03", title: "想请人陪我去医院复查", story: "下周要去医院复查，儿女都在外地，想请志愿者陪我去挂号、取药。", category: "health", status: "open", created_at: at(4) }),
    wish("wsh_demo_schoolbag", { user_id: "usr_demo_zhang", grid_id: "grd_renxing_01", title: "孙子的书包坏了", story: "孙子的书包背了三年，拉链坏了，开学前想换个新的。", category: "study", estimated_value_yuan: 120, status: "claimed", claimer_kind: "volunteer", claimer_user_id: "usr_demo_wang", claimed_at: at(3), created_at: at(6) }),
    wish("wsh_demo_quilt", { user_id: "usr_demo_liu", grid_id: "grd_renxing_03", title: "冬天想要一床厚棉被", story: "家里的棉被盖了十几年，又薄又硬，冬天晚上冷得睡不着。", category: "daily_necessities", estimated_value_yuan: 200, status: "fulfilled", claimer_kind: "volunteer", claimer_user_id: "usr_demo_li", claimed_at: at(6), fulfil_note: "新棉被已经送到家里，帮奶奶铺好了。", fulfil_photos: "[]", fulfilled_at: at(2), created_at: at(8) }),
    wish("wsh_demo_rack", { user_id: "usr_demo_liu", grid_id: "grd_renxing_03", title: "阳台晾衣架坏了", story: "阳台的升降晾衣架摇不动了，衣服没地方晒。", category: "repair", status: "completed", claimer_kind: "partner", claimer_user_id: "usr_demo_sun", claimer_partner_id: "ptn_renxing_01", claimed_at: at(12), fulfil_note: "吉林银行党员志愿者上门换了新的晾衣架。", fulfil_photos: "[]", fulfilled_at: at(11), rating: 5, thanks: "谢谢吉林银行的年轻人！", completed_at: at(10), created_at: at(14) }),
    wish("wsh_demo_lamp", { user_id: "usr_demo_zhang", grid_id: "grd_renxing_01", title: "楼道灯不亮了", story: "我家门口楼道的灯坏了好几天，晚上上下楼看不清，怕摔跤。", category: "repair", status: "completed", claimer_kind: "volunteer", claimer_user_id: "usr_demo_li", claimed_at: at(16), fulfil_note: "换了声控灯泡，已经亮了。", fulfil_photos: "[]", fulfilled_at: at(15), rating: 5, thanks: "老李手真巧！", completed_at: at(15), created_at: at(18) }),
    wish("wsh_demo_tv", { user_id: "usr_demo_zhang", grid_id: "grd_renxing_01", title: "想要一台新电视", story: "家里电视坏了，想换一台大一点的新电视。", category: "other", estimated_value_yuan: 2000, status: "rejected", review_reason: "超出微心愿的范围，建议联系社区救助窗口了解帮扶政策。", created_at: at(20) }),
    wish("wsh_demo_books", { user_id: "usr_demo_zhao", grid_id: "grd_renxing_06", title: "想要几本高考复习资料", story: "孩子明年高考，想要几本往年的复习资料参考。", category: "study", status: "cancelled", cancelled_at: at(7), created_at: at(9) }),
  );

  // The ledger: the completed volunteer wish, a past task and a backfilled entry.
  statements.push(
    insert("service_hours", { id: "hrs_demo_lamp", user_id: li.id, source: "wish", source_id: "wsh_demo_lamp", minutes: 60, title: "微心愿：楼道灯不亮了", at: at(15), created_by: null, created_at: at(15) }),
    insert("service_hours", { id: "hrs_demo_chongyang", user_id: wang.id, source: "manual", source_id: null, minutes: 120, title: "重阳节敬老活动（补录）", at: at(40), created_by: "stf_dev_admin", created_at: at(38) }),
  );

  // 2027 高考 with two venues; booking is open for the demo.
  statements.push(
    insert("exam_sessions", {
      id: "exs_demo_2027_gaokao",
      name: "2027年高考",
      kind: "gaokao",
      exam_dates: JSON.stringify(["2027-06-07", "2027-06-08"]),
      last_exam_date: "2027-06-08",
      booking_opens_at: Date.parse("2026-11-01T00:00:00+08:00"),
      booking_closes_at: Date.parse("2027-06-05T20:00:00+08:00"),
      erased_at: null,
      created_by: "stf_dev_admin",
      created_at: at(24),
    }),
    insert("exam_venues", { id: "ven_demo_20zhong", session_id: "exs_demo_2027_gaokao", name: "沈阳市第二十中学考点", address: "铁西区兴华北街12号", sort_order: 1 }),
    insert("exam_venues", { id: "ven_demo_120zhong", session_id: "exs_demo_2027_gaokao", name: "沈阳市第一二〇中学考点", address: "铁西区北二中路5号", sort_order: 2 }),
    insert("rides", {
      id: "rid_demo_zhao",
      session_id: "exs_demo_2027_gaokao",
      venue_id: "ven_demo_20zhong",
      exam_date: "2027-06-07",
      pickup_at: Date.parse("2027-06-07T07:00:00+08:00"),
      pickup_address: "仁兴小区6号楼3单元",
      student_name: "赵子涵",
      guardian_name: "赵建华",
      guardian_phone: "13840001005",
      passengers: 2,
      notes: "孩子容易紧张，麻烦提前五分钟到",
      status: "requested",
      booker_user_id: zhao.id,
      grid_id: "grd_renxing_06",
      driver_user_id: null,
      assigned_at: null,
      picked_up_at: null,
      arrived_at: null,
      completed_at: null,
      cancelled_at: null,
      erased_at: null,
      created_at: at(3),
      updated_at: at(3),
    }),
  );

  // Two upcoming service tasks.
  statements.push(
    insert("tasks", { id: "tsk_demo_visit", title: "走访独居老人", description: "两人一组上门看望独居老人，帮忙打扫卫生、聊聊天，了解他们的需要。", location: "仁兴社区党群服务中心集合", starts_at: beijingDayAt(now, 1, 9), ends_at: beijingDayAt(now, 1, 11), capacity: 10, team_id: null, check_in_code: "246810", created_by: "stf_dev_admin", created_at: at(2) }),
    insert("tasks", { id: "tsk_demo_haircut", title: "助老义剪", description: "为行动不便的老人上门理发，6070分队的理发能手带队。", location: "仁兴社区老年活动室", starts_at: beijingDayAt(now, 2, 14), ends_at: beijingDayAt(now, 2, 16), capacity: 5, team_id: "team_6070", check_in_code: "135790", created_by: "stf_dev_admin", created_at: at(2) }),
    insert("task_signups", { id: "sgn_demo_li", task_id: "tsk_demo_haircut", user_id: li.id, status: "signed_up", signed_up_at: at(1), checked_in_at: null, checked_out_at: null, withdrawn_at: null, credited_minutes: null, checked_out_by: null }),
  );
  statements.push(...demoGridWorkerStatements(now), ...demoReportStatements(now));
  statements.push(...demoCareStatements(now));
  statements.push(...demoDeliberationStatements(now));
  return statements;
}
