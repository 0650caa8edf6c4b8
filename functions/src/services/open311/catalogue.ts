import { REPORT_CATEGORIES, REPORT_CATEGORY_RULES, type ReportCategory } from "@renxing/shared";
import { asc } from "drizzle-orm";
import type { Db } from "../../db/client";
import { grids } from "../../db/schema";
import { notFound } from "../../http/errors";

/**
 * The GeoReport v2 service list and service definitions: one service per report category
 * (`service_code` = the category key). Each service has metadata, because a request must say
 * which of the community's grids it is in (attribute `grid`).
 */

const SERVICE_TEXT: Record<ReportCategory, { description: string; keywords: string }> = {
  environment: { description: "垃圾堆放、卫生死角、绿化破坏等环境卫生问题", keywords: "垃圾,卫生,绿化,清扫" },
  facility: { description: "路灯、楼道灯、门禁、管道、健身器材等公共设施损坏", keywords: "路灯,楼道灯,门禁,管道,维修" },
  safety_hazard: { description: "私拉电线、楼道堆物、消防通道堵塞等安全隐患", keywords: "私拉电线,楼道堆物,消防,隐患" },
  neighbour_dispute: { description: "噪音、漏水、占用公共空间等邻里纠纷，由社区组织调解", keywords: "噪音,漏水,纠纷,调解" },
  property: { description: "物业保洁、维修响应、停车管理等物业服务问题", keywords: "物业,保洁,停车" },
  elderly_help: { description: "独居、高龄老人需要帮助", keywords: "老人,独居,求助" },
  other: { description: "其他需要社区处理的问题", keywords: "其他" },
};

const GROUP = "仁兴社区网格诉求";

export interface Open311Service {
  service_code: ReportCategory;
  service_name: string;
  description: string;
  metadata: true;
  type: "realtime";
  keywords: string;
  group: string;
}

export function open311Services(): Open311Service[] {
  return REPORT_CATEGORIES.map((code) => {
    const rule = REPORT_CATEGORY_RULES[code];
    return {
      service_code: code,
      service_name: rule.name,
      description: `${SERVICE_TEXT[code].description}（${rule.acceptHours}小时内受理，${rule.resolveHours}小时内办结）`,
      metadata: true,
      type: "realtime",
      keywords: SERVICE_TEXT[code].keywords,
      group: GROUP,
    };
  });
}

export const isServiceCode = (code: string): code is ReportCategory => (REPORT_CATEGORIES as readonly string[]).includes(code);

/**
 * A service's definition: attribute `grid` (required, one of the community's grids, read from
 * D1) and attribute `public` (optional: whether the request is shown on the public board and so
 * in GET requests; default no).
 */
export async function open311ServiceDefinition(db: Db, code: string) {
  if (!isServiceCode(code)) throw notFound("没有这个 service_code");
  const gridRows = await db.select({ key: grids.id, name: grids.name }).from(grids).orderBy(asc(grids.sortOrder));
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: "grid",
        datatype: "singlevaluelist",
        required: true,
        datatype_description: "问题所在网格的编号（key）",
        order: 1,
        description: "问题所在网格",
        values: gridRows,
      },
      {
        variable: true,
        code: "public",
        datatype: "singlevaluelist",
        required: false,
        datatype_description: "true 或 false，默认 false",
        order: 2,
        description: "是否公开到诉求墙（不含个人信息）；只有公开的诉求能通过 GET requests 查询进度",
        values: [
          { key: "false", name: "不公开" },
          { key: "true", name: "公开" },
        ],
      },
    ],
  };
}
