/**
 * Demo data from the source article (../shared/seed/): 仁兴社区 of 仁兴街道, 铁西区, its 9 grids and
 * co-building units. Rendered as plain SQL so the same statements seed local D1 through
 * `wrangler d1 execute` and the test databases inside workerd. Every insert is
 * `ON CONFLICT DO NOTHING` on fixed ids, so seeding twice changes nothing.
 */

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

const gridId = (i: number) => `grd_renxing_${String(i + 1).padStart(2, "0")}`;
const partnerId = (i: number) => `ptn_renxing_${String(i + 1).padStart(2, "0")}`;

/** A SQL literal for our own constants (strings with `'` doubled, numbers, null). */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

function insert(table: string, row: Record<string, string | number | null>): string {
  const cols = Object.keys(row);
  return `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => sqlLiteral(row[c]!)).join(", ")}) ON CONFLICT DO NOTHING;`;
}

export interface SeedOptions {
  /** PBKDF2 hash for the development admin; null to seed no staff (production). */
  adminPasswordHash: string | null;
  now: number;
}

export function demoSeedStatements({ adminPasswordHash, now }: SeedOptions): string[] {
  const statements = [
    insert("communities", { id: COMMUNITY_ID, name: "仁兴社区", subdistrict: "仁兴街道", district: "铁西区", created_at: now }),
    ...GRID_NAMES.map((name, i) => insert("grids", { id: gridId(i), community_id: COMMUNITY_ID, name, sort_order: i + 1, created_at: now })),
    ...PARTNER_NAMES.map((name, i) => insert("partners", { id: partnerId(i), community_id: COMMUNITY_ID, name, sort_order: i + 1, created_at: now })),
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
