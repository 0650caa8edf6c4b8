/**
 * Demo data from the source article (“三聚焦三提升”赋能基层治理：铁西区仁兴街道仁兴社区党建引领
 * 基层治理记事): 仁兴社区 of 仁兴街道, 铁西区, its 9 grids and co-building units. Rendered as plain
 * SQL so the same statements seed local D1 through `wrangler d1 execute` and the test databases
 * inside workerd. Every insert is `ON CONFLICT DO NOTHING` on fixed ids, so seeding twice changes
 * nothing.
 */

import { isDevelopment } from "../lib/environment";

export const COMMUNITY_ID = "cmt_renxing";

const GRID_NAMES = ["第一网格", "第二网格", "第三网格", "第四网格", "第五网格", "第六网格", "第七网格", "第八网格", "第九网格"];

/** The source names 吉林银行 and 八一小学 among 12 units; the other ten are plausible neighbours. */
const PARTNER_NAMES = [
  "吉林银行",
  "八一小学",
  "华生商厦",
  "和发金店",
  "长春欧亚集团",
  "铁西区人民医院",
  "仁兴街道卫生服务中心",
  "铁西区消防救援站",
  "平西乡",
  "仁兴派出所",
  "铁西区图书馆",
  "仁兴幼儿园",
];

/** The three teams the source names, with what they do there. */
const TEAMS = [
  {
    id: "team_xinhuo",
    name: "薪火青年团",
    slogan: "青春薪火，温暖邻里",
    description:
      "社区青年志愿者队伍。中高考期间免费接送考生，平时开展文明宣传、助老陪伴和社区活动服务。欢迎年轻居民加入，用青春的力量服务身边的邻居。",
    min: 1986,
    max: 2010,
  },
  {
    id: "team_6070",
    name: "6070分队",
    slogan: "老有所为，余热生辉",
    description:
      "由六七十年代出生的居民组成的志愿分队。照顾独居老人、结对帮扶残疾群众、参与楼栋议事和邻里调解，用丰富的生活经验为社区出一份力。",
    min: 1950,
    max: 1979,
  },
  {
    id: "team_marenxing",
    name: "马仁兴志愿者服务队",
    slogan: "有困难，找马仁兴",
    description:
      "以社区党员为骨干的综合志愿服务队。照顾独居老人和残疾群众，认领微心愿，参与节日关怀和便民服务，所有热心居民都可以报名。",
    min: null,
    max: null,
  },
] as const;

const gridId = (i: number) => `grd_renxing_${String(i + 1).padStart(2, "0")}`;
const partnerId = (i: number) => `ptn_renxing_${String(i + 1).padStart(2, "0")}`;

/** A SQL literal for our own constants (strings with `'` doubled, numbers, null). */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

export function insert(table: string, row: Record<string, string | number | null>): string {
  const cols = Object.keys(row);
  return `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => sqlLiteral(row[c]!)).join(", ")}) ON CONFLICT DO NOTHING;`;
}

export interface SeedOptions {
  /** The `ENVIRONMENT` of the database's Worker: the development admin needs `isDevelopment`. */
  environment: string | undefined;
  /** PBKDF2 hash for the development admin; null to seed no staff (production). */
  adminPasswordHash: string | null;
  now: number;
}

/**
 * The base data: community, grids, co-building units, teams, and in development the admin of
 * `DEV_ADMIN`, whose password is in the README. Asked for that admin anywhere else, it throws
 * rather than leave a known password on a real deployment.
 */
export function demoSeedStatements({ environment, adminPasswordHash, now }: SeedOptions): string[] {
  if (adminPasswordHash && !isDevelopment({ ENVIRONMENT: environment })) {
    throw new Error(`the development admin is seeded only where ENVIRONMENT is "development" or "test", not ${JSON.stringify(environment)}`);
  }
  const statements = [
    insert("communities", { id: COMMUNITY_ID, name: "仁兴社区", subdistrict: "仁兴街道", district: "铁西区", created_at: now }),
    ...GRID_NAMES.map((name, i) => insert("grids", { id: gridId(i), community_id: COMMUNITY_ID, name, sort_order: i + 1, created_at: now })),
    ...PARTNER_NAMES.map((name, i) => insert("partners", { id: partnerId(i), community_id: COMMUNITY_ID, name, sort_order: i + 1, created_at: now })),
    ...TEAMS.map((t, i) =>
      insert("teams", {
        id: t.id,
        community_id: COMMUNITY_ID,
        name: t.name,
        slogan: t.slogan,
        description: t.description,
        min_birth_year: t.min,
        max_birth_year: t.max,
        sort_order: i + 1,
        created_at: now,
      }),
    ),
  ];
  if (adminPasswordHash) {
    statements.push(
      insert("staff", { id: "stf_dev_admin", username: "admin", display_name: "社区管理员", password_hash: adminPasswordHash, role: "admin", grid_id: null, created_at: now }),
    );
  }
  return statements;
}

/** Development-only credentials, documented in api.md; never seeded into production. */
export const DEV_ADMIN = { username: "admin", password: "renxing-admin" } as const;
