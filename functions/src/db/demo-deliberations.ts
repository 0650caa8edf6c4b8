/**
 * The demo's deliberation hall (居民议事厅), part of the demo story (./demo.ts). The source's case
 * first: the 德龙小区 商务楼 facade, where the Party organisation proposed the repair, the grid
 * worker held five consultation meetings with 长春欧亚集团 and the 11 owners, the representatives
 * approved it, the resolution was made public, and the owners crowdfunded 114,000 yuan under the
 * government's guidance; it is `done`, every pledge received. Then one topic in each other stage.
 * 张秀英, 刘桂兰, 赵建华 and 孙丽 are the representatives; 刘桂兰's suggestion became a topic.
 */
import { beijingMidnight, DELIBERATION_PATH, PUBLICITY_DAYS, shanghaiDate, type DeliberationStage, type VoteChoice } from "@renxing/shared";
import { insert } from "./seed";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ADMIN = "stf_dev_admin";
const REPRESENTATIVES = ["usr_demo_zhang", "usr_demo_liu", "usr_demo_zhao", "usr_demo_sun"];

interface DemoTopic {
  id: string;
  title: string;
  background: string;
  proposal: string;
  gridId: string | null;
  stage: DeliberationStage;
  targetFen?: number;
  fromSuggestionId?: string;
  /** Days ago each stage on its path was entered, first `proposed`. */
  entered: number[];
  notes?: Partial<Record<DeliberationStage, string>>;
  votes?: [userId: string, choice: VoteChoice][];
}

/** The stages a topic passed through to stand at `stage`. */
function pathTo(stage: DeliberationStage): DeliberationStage[] {
  if (stage === "rejected") return ["proposed", "consulting", "voting", "rejected"];
  if (stage === "withdrawn") return ["proposed", "consulting", "withdrawn"];
  return DELIBERATION_PATH.slice(0, DELIBERATION_PATH.indexOf(stage as (typeof DELIBERATION_PATH)[number]) + 1);
}

const FACADE = "dlb_demo_delong_facade";

/** The 11 owners' pledges (元), 114,000 in all, by the floor area of their units. */
const FACADE_PLEDGES: [name: string, unit: string, yuan: number][] = [
  ["高振东", "德龙商务楼1层101", 16_000],
  ["孟凡华", "德龙商务楼1层102", 14_000],
  ["于海涛", "德龙商务楼1层103", 12_000],
  ["邵丽娟", "德龙商务楼2层201", 12_000],
  ["韩立新", "德龙商务楼2层202", 10_000],
  ["曲桂芝", "德龙商务楼2层203", 10_000],
  ["姜洪斌", "德龙商务楼3层301", 10_000],
  ["吕志刚", "德龙商务楼3层302", 8_000],
  ["付晓梅", "德龙商务楼3层303", 8_000],
  ["谭永利", "德龙商务楼4层401", 7_000],
  ["崔玉珍", "德龙商务楼4层402", 7_000],
];

export function demoDeliberationStatements(now: number): string[] {
  const at = (daysAgo: number) => now - daysAgo * DAY;
  const dayOf = (daysAgo: number) => beijingMidnight(shanghaiDate(at(daysAgo)));
  const statements: string[] = REPRESENTATIVES.map((userId) => insert("representatives", { user_id: userId, named_by: ADMIN, named_at: at(200) }));

  statements.push(
    insert("suggestions", {
      id: "sgg_demo_liu_lift",
      user_id: "usr_demo_liu",
      title: "5号楼加装电梯",
      text: "5号楼住的老人多，七楼的王大爷下楼一趟要歇三回，希望能加装电梯。",
      content_check: "pass",
      deliberation_id: "dlb_demo_lift",
      created_at: at(9),
    }),
    insert("suggestions", {
      id: "sgg_demo_zhang_rail",
      user_id: "usr_demo_zhang",
      title: "楼道加装扶手",
      text: "1号楼楼梯陡，老人上下楼不方便，希望在楼道加装扶手。",
      content_check: "pass",
      deliberation_id: null,
      created_at: at(2),
    }),
  );

  const topics: DemoTopic[] = [
    {
      id: FACADE,
      title: "德龙小区商务楼外立面修缮",
      background: "德龙小区商务楼外墙墙皮大面积脱落，临街一侧多次掉落碎块，威胁过往居民和商户安全。楼体产权分属11户产权人，维修资金一直没有着落。",
      proposal: "由社区党组织提议，两委与长春欧亚集团、11户产权人协商，按“产权人众筹+政府指导”的方式筹集11.4万元，请专业单位修缮外立面。",
      gridId: "grd_renxing_01",
      stage: "done",
      targetFen: 11_400_000,
      entered: [210, 200, 140, 132, 125, 120, 45],
      notes: {
        consulting: "社区党组织提议，进入两委商议",
        voting: "5次协商会后形成修缮方案，提交居民代表审议",
        publicized: "代表审议通过，决议公示",
        adopted: "公示期满无异议，决议通过",
        implementing: "11户产权人认捐到位，施工单位进场",
        done: "外立面修缮完成，验收合格",
      },
      votes: REPRESENTATIVES.map((id) => [id, "approve"]),
    },
    {
      id: "dlb_demo_lift",
      title: "5号楼加装电梯",
      background: "5号楼共七层，住户中六十岁以上老人占一半，上下楼困难，居民提出加装电梯的建议。",
      proposal: "由社区牵头征求全楼住户意见，测算费用和分摊方式，再提交两委商议。",
      gridId: "grd_renxing_05",
      stage: "proposed",
      fromSuggestionId: "sgg_demo_liu_lift",
      entered: [3],
    },
    {
      id: "dlb_demo_square_dance",
      title: "社区广场夜间广场舞音量管理",
      background: "社区广场晚间跳广场舞的居民较多，音响音量大，临近楼栋的住户反映影响孩子学习和老人休息。",
      proposal: "约定晚上8点半以后降低音量、9点前结束，由舞队负责人自我管理，网格员定期回访。",
      gridId: "grd_renxing_03",
      stage: "consulting",
      entered: [12, 8],
      notes: { consulting: "进入两委商议，欢迎居民发表意见" },
    },
    {
      id: "dlb_demo_parking",
      title: "小区停车位重新划线",
      background: "仁兴小区车位线多年未重划，乱停乱放堵塞消防通道，居民之间时有矛盾。",
      proposal: "重新施划车位线并留出消防通道，车位按先登记后分配的办法使用，不另收费。",
      gridId: "grd_renxing_02",
      stage: "voting",
      entered: [30, 25, 2],
      notes: { voting: "两次协商后形成方案，提交居民代表审议" },
      votes: [
        ["usr_demo_zhang", "approve"],
        ["usr_demo_liu", "approve"],
      ],
    },
    {
      id: "dlb_demo_corridor_lights",
      title: "3号楼楼道照明改造",
      background: "3号楼楼道声控灯老化，经常不亮，晚上上下楼摸黑，老人担心摔倒。",
      proposal: "将3号楼楼道灯全部更换为人体感应LED灯，费用由社区微改造资金承担。",
      gridId: "grd_renxing_03",
      stage: "publicized",
      entered: [40, 35, 10, 2],
      notes: { publicized: "代表审议通过，公示5天" },
      votes: [
        ["usr_demo_zhang", "approve"],
        ["usr_demo_liu", "approve"],
        ["usr_demo_zhao", "abstain"],
      ],
    },
    {
      id: "dlb_demo_sorting",
      title: "增设垃圾分类投放点",
      background: "小区只有两个垃圾投放点，离北侧楼栋较远，垃圾满溢的情况时有发生。",
      proposal: "在北侧增设一处分类投放点，设置厨余、可回收、其他垃圾三类桶，定时清运。",
      gridId: "grd_renxing_04",
      stage: "adopted",
      entered: [60, 55, 30, 20, 12],
      notes: { adopted: "公示期满，决议通过" },
      votes: REPRESENTATIVES.map((id) => [id, "approve"]),
    },
    {
      id: "dlb_demo_drains",
      title: "老旧小区雨污管网疏通",
      background: "每逢大雨，6号楼前的雨水井排水不畅，路面积水没过脚面，一楼住户担心倒灌。",
      proposal: "请专业单位疏通并更换破损管段，费用由一楼住户众筹、政府补助一部分。",
      gridId: "grd_renxing_06",
      stage: "implementing",
      targetFen: 2_000_000,
      entered: [90, 84, 60, 52, 45, 30],
      notes: { implementing: "施工单位进场" },
      votes: [
        ["usr_demo_zhang", "approve"],
        ["usr_demo_liu", "approve"],
        ["usr_demo_zhao", "approve"],
        ["usr_demo_sun", "reject"],
      ],
    },
    {
      id: "dlb_demo_gates",
      title: "统一更换小区门禁系统",
      background: "小区门禁为十年前安装，经常失灵，有居民提出统一更换为人脸识别门禁。",
      proposal: "统一更换人脸识别门禁，费用由全体住户分摊，每户约300元。",
      gridId: "grd_renxing_07",
      stage: "rejected",
      entered: [70, 65, 40, 33],
      notes: { rejected: "赞成票未过半数，议题未通过" },
      votes: [
        ["usr_demo_zhang", "approve"],
        ["usr_demo_liu", "reject"],
        ["usr_demo_zhao", "reject"],
      ],
    },
    {
      id: "dlb_demo_stalls",
      title: "商户门前占道经营整治",
      background: "仁兴街部分商户在门前摆摊占道，行人只能走机动车道。",
      proposal: "划定商户门前经营区域，超出部分限期整改。",
      gridId: "grd_renxing_08",
      stage: "withdrawn",
      entered: [50, 45, 38],
      notes: { withdrawn: "已纳入经济网格商户自治公约处理，议题撤回" },
    },
  ];

  for (const t of topics) {
    const path = pathTo(t.stage);
    const votes = t.votes ?? [];
    const closed = path.includes("publicized") || t.stage === "rejected";
    const count = (choice: VoteChoice) => votes.filter(([, c]) => c === choice).length;
    const publicizedAt = path.includes("publicized") ? t.entered[path.indexOf("publicized")]! : null;
    const stageChangedAt = at(t.entered[path.length - 1]!);
    statements.push(
      insert("deliberations", {
        id: t.id,
        title: t.title,
        background: t.background,
        proposal: t.proposal,
        grid_id: t.gridId,
        stage: t.stage,
        target_fen: t.targetFen ?? null,
        from_suggestion_id: t.fromSuggestionId ?? null,
        created_by: ADMIN,
        publicized_until: publicizedAt === null ? null : at(publicizedAt) + PUBLICITY_DAYS * DAY,
        tally_approve: closed ? count("approve") : null,
        tally_reject: closed ? count("reject") : null,
        tally_abstain: closed ? count("abstain") : null,
        tally_representatives: closed ? REPRESENTATIVES.length : null,
        last_step: `stp_demo_${t.id}`,
        stage_changed_at: stageChangedAt,
        created_at: at(t.entered[0]!),
        updated_at: stageChangedAt,
      }),
      ...path.map((stage, i) =>
        insert("deliberation_events", {
          id: `dev_demo_${t.id.replace("dlb_demo_", "")}_${i}`,
          deliberation_id: t.id,
          stage,
          note: stage === "proposed" ? "社区党组织提议" : (t.notes?.[stage] ?? null),
          staff_id: ADMIN,
          at: at(t.entered[i]!),
        }),
      ),
      ...votes.map(([userId, choice], i) =>
        insert("deliberation_votes", { deliberation_id: t.id, user_id: userId, choice, created_at: at(t.entered[path.indexOf("voting")]!) + (i + 1) * HOUR }),
      ),
    );
  }

  // The five consultation meetings of the facade repair; attendees by role, never an owner's name.
  const meeting = (n: number, daysAgo: number, place: string, attendees: string[], minutes: string) =>
    insert("deliberation_meetings", {
      id: `dmt_demo_facade_${n}`,
      deliberation_id: FACADE,
      held_at: dayOf(daysAgo) + 14 * HOUR,
      place,
      attendees: JSON.stringify(attendees),
      minutes,
      created_by: ADMIN,
      created_at: at(daysAgo),
    });
  const everyone = ["社区党委书记", "社区居委会主任", "第1网格网格员", "长春欧亚集团物业负责人", "德龙商务楼产权人（11户）"];
  statements.push(
    meeting(1, 195, "仁兴社区居民议事厅", ["社区党委书记", "社区居委会主任", "第1网格网格员", "德龙商务楼产权人（7户）"], "通报墙皮脱落隐患和现场勘查情况，产权人同意共同出资修缮，提出先请专业单位评估。"),
    meeting(2, 182, "德龙商务楼一层", ["第1网格网格员", "长春欧亚集团物业负责人", "德龙商务楼产权人（9户）", "施工单位技术员"], "专业单位现场评估，需修缮外立面约1200平方米，估算费用11.4万元。"),
    meeting(3, 168, "仁兴社区居民议事厅", everyone, "讨论费用分摊：按各户建筑面积分摊，长春欧亚集团协调物业配合施工，街道给予政策指导。"),
    meeting(4, 155, "仁兴社区居民议事厅", everyone, "11户产权人确认认捐金额，合计11.4万元；确定资金由社区代收、专款专用、公开收据。"),
    meeting(5, 145, "仁兴社区居民议事厅", [...everyone, "街道城建科工作人员"], "审定施工方案和工期，约定施工期间临街一侧设置围挡，形成提交居民代表审议的方案。"),
  );

  // The 11 pledges, every one received: the larger ones in two instalments.
  let receipt = 0;
  FACADE_PLEDGES.forEach(([name, unit, yuan], i) => {
    const n = String(i + 1).padStart(2, "0");
    const pledgeId = `dpl_demo_facade_${n}`;
    statements.push(insert("deliberation_pledges", { id: pledgeId, deliberation_id: FACADE, name, unit, amount_fen: yuan * 100, user_id: null, created_by: ADMIN, created_at: at(155) }));
    const instalments = yuan > 10_000 ? [yuan / 2, yuan / 2] : [yuan];
    instalments.forEach((part, k) => {
      receipt++;
      statements.push(
        insert("deliberation_payments", {
          id: `dpy_demo_facade_${n}_${k + 1}`,
          deliberation_id: FACADE,
          pledge_id: pledgeId,
          amount_fen: part * 100,
          paid_at: dayOf(k === 0 ? 150 - i : 118),
          method: i % 3 === 0 ? "cash" : "transfer",
          receipt_no: `DL-${String(receipt).padStart(3, "0")}`,
          created_by: ADMIN,
          created_at: at(k === 0 ? 150 - i : 118),
        }),
      );
    });
  });

  const progress = (id: string, topicId: string, daysAgo: number, note: string) =>
    insert("deliberation_progress", { id, deliberation_id: topicId, note, photo_urls: "[]", created_by: ADMIN, created_at: at(daysAgo) });
  statements.push(
    progress("dpg_demo_facade_1", FACADE, 118, "施工单位进场，临街一侧搭设脚手架和围挡。"),
    progress("dpg_demo_facade_2", FACADE, 90, "脱落墙皮全部清理完毕，开始做保温层和外墙涂料。"),
    progress("dpg_demo_facade_3", FACADE, 47, "外立面修缮完工，社区、产权人和长春欧亚集团共同验收合格。"),
    progress("dpg_demo_drains_1", "dlb_demo_drains", 20, "6号楼前雨水井已疏通，正在更换破损管段。"),
  );

  // 雨污管网: two first-floor owners pledged, one has paid.
  statements.push(
    insert("deliberation_pledges", { id: "dpl_demo_drains_1", deliberation_id: "dlb_demo_drains", name: "王晓红", unit: "6号楼1单元101", amount_fen: 300_000, user_id: "usr_demo_wang", created_by: ADMIN, created_at: at(44) }),
    insert("deliberation_pledges", { id: "dpl_demo_drains_2", deliberation_id: "dlb_demo_drains", name: "赵建华", unit: "6号楼2单元102", amount_fen: 300_000, user_id: "usr_demo_zhao", created_by: ADMIN, created_at: at(44) }),
    insert("deliberation_payments", { id: "dpy_demo_drains_1", deliberation_id: "dlb_demo_drains", pledge_id: "dpl_demo_drains_1", amount_fen: 300_000, paid_at: dayOf(40), method: "transfer", receipt_no: "YW-001", created_by: ADMIN, created_at: at(40) }),
  );

  // 广场舞: two residents' comments while the committees consult; 楼道照明: an objection not yet answered.
  statements.push(
    insert("deliberation_comments", { id: "dcm_demo_dance_1", deliberation_id: "dlb_demo_square_dance", user_id: "usr_demo_wang", text: "支持！孩子晚上写作业，九点前结束挺好的。", content_check: "pass", created_at: at(6) }),
    insert("deliberation_comments", { id: "dcm_demo_dance_2", deliberation_id: "dlb_demo_square_dance", user_id: "usr_demo_li", text: "跳舞也是锻炼身体，建议把音响朝向广场中间，别对着楼。", content_check: "pass", created_at: at(5) }),
    insert("deliberation_objections", {
      id: "dob_demo_lights_1",
      deliberation_id: "dlb_demo_corridor_lights",
      user_id: "usr_demo_li",
      text: "感应灯亮的时间希望长一点，老人走得慢。",
      content_check: "pass",
      answer: null,
      answered_by: null,
      answered_at: null,
      created_at: at(1),
    }),
  );
  return statements;
}
