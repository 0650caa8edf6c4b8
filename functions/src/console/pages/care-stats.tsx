import { CARE_RISK_LEVELS, CARE_RISK_LABEL, VISIT_FLAGS, VISIT_FLAG_LABEL } from "@renxing/shared";
import type { CareGridStats, CareStats } from "../../services/care";

const rate = (r: number | null) => (r === null ? "无到期" : `${Math.round(r * 100)}%`);

/** The flags raised, as words with counts: "身体不适 2、情绪低落 1", or 无. */
const flagWords = (flags: CareGridStats["flags"]) =>
  VISIT_FLAGS.filter((f) => flags[f] > 0)
    .map((f) => `${VISIT_FLAG_LABEL[f]} ${flags[f]}`)
    .join("、") || "无";

function Row({ label, s, grid }: { label: string; s: Omit<CareGridStats, "gridId" | "gridName">; grid?: string }) {
  return (
    <tr data-grid={grid}>
      <th scope="row">{label}</th>
      {CARE_RISK_LEVELS.map((level) => (
        <td>{s.recipients[level]}</td>
      ))}
      <td>{s.recipients.total}</td>
      <td>{s.visits}</td>
      <td data-on-time>
        {rate(s.onTimeRate)}
        {s.dueInRange > 0 ? `（${s.onTime}/${s.dueInRange}）` : ""}
      </td>
      <td>{s.flaggedVisits}</td>
      <td class="words">{flagWords(s.flags)}</td>
    </tr>
  );
}

/**
 * 关爱统计 per grid for a date range: elders by risk level now, visits, the on-time rate of the
 * visits that fell due, and the worries volunteers raised. Staff see their own grids only.
 */
export function CareStatsPage({ stats }: { stats: CareStats }) {
  return (
    <>
      <form method="get" action="/console/care/stats" class="filter">
        <label>开始日期<input type="date" name="from" value={stats.from} /></label>
        <label>结束日期<input type="date" name="to" value={stats.to} /></label>
        <button type="submit" class="secondary">查看</button>
      </form>
      <p>
        {stats.from} 至 {stats.to}。按时率：这段时间内到期的走访中，按时完成的比例。
      </p>
      <div class="table-scroll" tabindex={0} role="region" aria-label="各网格关爱统计">
        <table class="numbers">
          <thead>
            <tr>
              <th scope="col">网格</th>
              {CARE_RISK_LEVELS.map((level) => (
                <th scope="col">{CARE_RISK_LABEL[level]}</th>
              ))}
              <th scope="col">关爱对象合计</th>
              <th scope="col">走访次数</th>
              <th scope="col">按时率</th>
              <th scope="col">发现情况的走访</th>
              <th scope="col">发现的情况</th>
            </tr>
          </thead>
          <tbody>
            {stats.grids.map((g) => (
              <Row label={g.gridName} s={g} grid={g.gridId} />
            ))}
          </tbody>
          <tfoot>
            <Row label="合计" s={stats.total} />
          </tfoot>
        </table>
      </div>
    </>
  );
}
