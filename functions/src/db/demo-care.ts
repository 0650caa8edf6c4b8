/**
 * The demo's elders living alone (关爱独居老人), part of the demo story (./demo.ts): five across the
 * grids and risk levels, paired with 李建国 and 王晓红, consent recorded by the development admin.
 * 马淑珍 is three days overdue (the 15-minute cron alerts grid 2's worker), 赵德福 falls due
 * tomorrow (the 18:00 cron reminds 王晓红), 周德顺 waits for a volunteer. Visits include one with a
 * flag; every `visited` visit is credited in the hours ledger as the API would have.
 */
import { beijingMidnight, CARE_RISK_INTERVAL_DAYS, shanghaiDate, type CareRiskLevel, type VisitFlag, type VisitOutcome } from "@renxing/shared";
import { insert } from "./seed";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const LI = "usr_demo_li";
const WANG = "usr_demo_wang";
const ADMIN = "stf_dev_admin";

interface DemoVisit {
  id: string;
  userId: string;
  /** Milliseconds before the seed runs. */
  ago: number;
  minutes: number;
  outcome: VisitOutcome;
  flags?: VisitFlag[];
  note: string;
}

interface DemoRecipient {
  id: string;
  name: string;
  gridId: string;
  address: string;
  phone: string;
  emergency: [name: string, phone: string];
  risk: CareRiskLevel;
  needs: string;
  registeredDaysAgo: number;
  pairedWith: string[];
  visits: DemoVisit[];
}

export function demoCareStatements(now: number): string[] {
  const tomorrowTen = beijingMidnight(shanghaiDate(now)) + DAY + 10 * HOUR;
  const recipients: DemoRecipient[] = [
    {
      id: "cre_demo_ma",
      name: "马淑珍",
      gridId: "grd_renxing_02",
      address: "仁兴街12号楼3单元502",
      phone: "13840002001",
      emergency: ["马建设", "13840002002"],
      risk: "high",
      needs: "腿脚不便，高血压需按时吃药，儿子在外地工作",
      registeredDaysAgo: 40,
      pairedWith: [LI],
      visits: [
        { id: "cvs_demo_ma_1", userId: LI, ago: 17 * DAY, minutes: 40, outcome: "visited", note: "量了血压，帮忙换了灯泡" },
        { id: "cvs_demo_ma_2", userId: LI, ago: 10 * DAY, minutes: 45, outcome: "visited", flags: ["medicine"], note: "降压药快吃完了，已提醒网格员联系社区医生" },
      ],
    },
    {
      id: "cre_demo_zhao",
      name: "赵德福",
      gridId: "grd_renxing_05",
      address: "兴华南街7号楼1单元201",
      phone: "13840002011",
      emergency: ["赵丽", "13840002012"],
      risk: "high",
      needs: "独居，耳背，敲门要用力",
      registeredDaysAgo: 30,
      pairedWith: [WANG],
      // Visited seven days before tomorrow 10:00: due tomorrow.
      visits: [{ id: "cvs_demo_zhao_1", userId: WANG, ago: now - (tomorrowTen - CARE_RISK_INTERVAL_DAYS.high * DAY), minutes: 40, outcome: "visited", note: "陪老人聊天，帮忙收了快递" }],
    },
    {
      id: "cre_demo_chen",
      name: "陈玉兰",
      gridId: "grd_renxing_03",
      address: "仁兴路3号楼2单元602",
      phone: "13840002021",
      emergency: ["陈刚", "13840002022"],
      risk: "key",
      needs: "老伴去年去世，心情不好，希望有人常来说说话",
      registeredDaysAgo: 12,
      pairedWith: [LI, WANG],
      visits: [],
    },
    {
      id: "cre_demo_sun",
      name: "孙秀珍",
      gridId: "grd_renxing_05",
      address: "兴华南街9号楼4单元101",
      phone: "13840002031",
      emergency: ["孙伟", "13840002032"],
      risk: "normal",
      needs: "身体尚可，冬天需要帮忙检查暖气",
      registeredDaysAgo: 60,
      pairedWith: [WANG],
      visits: [
        { id: "cvs_demo_sun_1", userId: WANG, ago: 22 * DAY, minutes: 10, outcome: "no_answer", note: "敲门无人应，邻居说去女儿家了" },
        { id: "cvs_demo_sun_2", userId: WANG, ago: 20 * DAY, minutes: 30, outcome: "visited", note: "老人从女儿家回来了，一切都好" },
      ],
    },
    {
      id: "cre_demo_zhou",
      name: "周德顺",
      gridId: "grd_renxing_01",
      address: "仁兴街1号楼1单元102",
      phone: "13840002041",
      emergency: ["周敏", "13840002042"],
      risk: "high",
      needs: "刚出院，行动不便，需要有人帮忙买菜",
      registeredDaysAgo: 2,
      pairedWith: [],
      visits: [],
    },
  ];

  const statements: string[] = [];
  for (const r of recipients) {
    const registeredAt = now - r.registeredDaysAgo * DAY;
    const visited = r.visits.filter((v) => v.outcome === "visited").map((v) => now - v.ago);
    const lastVisitAt = visited.length > 0 ? Math.max(...visited) : null;
    statements.push(
      insert("care_recipients", {
        id: r.id,
        name: r.name,
        grid_id: r.gridId,
        address: r.address,
        phone: r.phone,
        emergency_name: r.emergency[0],
        emergency_phone: r.emergency[1],
        risk_level: r.risk,
        needs: r.needs,
        consent_at: beijingMidnight(shanghaiDate(registeredAt)),
        consent_recorded_by: ADMIN,
        active: 1,
        ended_at: null,
        last_visit_at: lastVisitAt,
        next_due_at: (lastVisitAt ?? registeredAt) + CARE_RISK_INTERVAL_DAYS[r.risk] * DAY,
        due_reminded_for: null,
        overdue_alerted_for: null,
        created_at: registeredAt,
        updated_at: lastVisitAt ?? registeredAt,
      }),
      ...r.pairedWith.map((userId) => insert("care_pairings", { recipient_id: r.id, user_id: userId, paired_by: ADMIN, paired_at: registeredAt + HOUR })),
    );
    for (const v of r.visits) {
      const at = now - v.ago;
      statements.push(
        insert("care_visits", { id: v.id, recipient_id: r.id, user_id: v.userId, visited_at: at, minutes: v.minutes, outcome: v.outcome, flags: JSON.stringify(v.flags ?? []), note: v.note, created_at: at + HOUR }),
      );
      if (v.outcome === "visited") {
        statements.push(insert("service_hours", { id: `hrs_${v.id}`, user_id: v.userId, source: "care", source_id: v.id, minutes: v.minutes, title: `关爱走访：${r.name}`, at, created_by: null, created_at: at + HOUR }));
      }
    }
  }
  return statements;
}
