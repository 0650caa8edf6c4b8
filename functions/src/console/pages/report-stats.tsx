import type { ReportStats } from "@renxing/shared";
import type { GridReportStats, ReportStatsResult as ReportStatsView } from "../../services/reports/stats";
import { EmptyState } from "../layout";

/** `part` of `whole` as a whole percentage; nothing to divide by reads as —, never as 0%. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`;
}

const rates = (s: ReportStats) => ({
  accept: percent(s.acceptedOnTime, s.received),
  resolve: percent(s.resolvedOnTime, s.received),
  satisfaction: percent(s.satisfied + s.basicallySatisfied, s.rated),
});

/**
 * The columns of the table and of the CSV download, in one list so the two never disagree. Rates:
 * on time out of the reports received in the range; satisfaction = (满意 + 基本满意) / 评价数.
 */
export const STATS_COLUMNS: { header: string; value: (s: ReportStats) => string | number }[] = [
  { header: "收到诉求", value: (s) => s.received },
  { header: "按时受理", value: (s) => s.acceptedOnTime },
  { header: "按时受理率", value: (s) => rates(s).accept },
  { header: "按时办结", value: (s) => s.resolvedOnTime },
  { header: "按时办结率", value: (s) => rates(s).resolve },
  { header: "平均办结用时（小时）", value: (s) => (s.avgResolveHours === null ? "—" : Math.round(s.avgResolveHours * 10) / 10) },
  { header: "评价数", value: (s) => s.rated },
  { header: "满意", value: (s) => s.satisfied },
  { header: "基本满意", value: (s) => s.basicallySatisfied },
  { header: "不满意", value: (s) => s.dissatisfied },
  { header: "满意率", value: (s) => rates(s).satisfaction },
  { header: "重新办理", value: (s) => s.reopened },
  { header: "未办结", value: (s) => s.open },
  { header: "发现隐患", value: (s) => s.hazardsFound },
  { header: "整改隐患", value: (s) => s.hazardsFixed },
];

/** The CSV's header and rows: one row per grid, then the total. */
export function statsCsvTable(stats: ReportStatsView) {
  const header = ["网格", ...STATS_COLUMNS.map((col) => col.header)];
  const rows = [...stats.grids.map((g) => [g.gridName, ...STATS_COLUMNS.map((col) => col.value(g))]), ["合计", ...STATS_COLUMNS.map((col) => col.value(stats.total))]];
  return { header, rows };
}

const BARS = [
  { key: "accept", label: "按时受理率", short: "受理", colour: "#1565c0" },
  { key: "resolve", label: "按时办结率", short: "办结", colour: "#b71c1c" },
  { key: "satisfaction", label: "满意率", short: "满意", colour: "#2e7d32" },
] as const;

/** Per grid, three horizontal bars with their percentage written at the end (not colour alone). */
function RatesChart({ grids }: { grids: GridReportStats[] }) {
  const labelW = 120;
  const barMax = 380;
  const barH = 18;
  const rowH = BARS.length * (barH + 4) + 16;
  const top = 28;
  const height = top + grids.length * rowH + 8;
  const width = labelW + barMax + 130;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="rates-title" viewBox={`0 0 ${width} ${height}`} width={width} height={height} data-chart="rates">
      <title id="rates-title">各网格按时受理率、按时办结率和满意率</title>
      {BARS.map((b, i) => (
        <g>
          <rect x={labelW + i * 130} y={6} width={14} height={14} fill={b.colour} />
          <text x={labelW + i * 130 + 18} y={19} font-size="16">{b.label}</text>
        </g>
      ))}
      {grids.map((g, row) => {
        const r = rates(g);
        const y0 = top + row * rowH;
        return (
          <g data-grid={g.gridId}>
            <text x={0} y={y0 + rowH / 2} font-size="16">{g.gridName}</text>
            {BARS.map((b, i) => {
              const text = r[b.key];
              const share = text === "—" ? 0 : Number(text.slice(0, -1)) / 100;
              const y = y0 + i * (barH + 4);
              return (
                <g>
                  <rect x={labelW} y={y} width={Math.max(1, Math.round(share * barMax))} height={barH} fill={b.colour}>
                    <title>{`${g.gridName} ${b.label}：${text === "—" ? "无数据" : text}`}</title>
                  </rect>
                  <text x={labelW + Math.round(share * barMax) + 6} y={y + barH - 3} font-size="16">{`${b.short} ${text === "—" ? "无数据" : text}`}</text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/** How many open cases a grid has, in four bands; the legend spells out each band. */
const OPEN_BANDS = [
  { upTo: 0, label: "0 件", fill: "#e8f5e9" },
  { upTo: 2, label: "1–2 件", fill: "#fff3cd" },
  { upTo: 5, label: "3–5 件", fill: "#ffcc80" },
  { upTo: Infinity, label: "6 件及以上", fill: "#ef9a9a" },
] as const;
const bandOf = (open: number) => OPEN_BANDS.find((b) => open <= b.upTo)!;

/** The community's grids as a 3×3 schematic, each square coloured by its open cases and saying the number. */
function GridMap({ grids }: { grids: GridReportStats[] }) {
  const w = 150;
  const h = 84;
  const gap = 8;
  const rows = Math.ceil(grids.length / 3);
  const legendY = rows * (h + gap) + 8;
  const width = 3 * w + 2 * gap;
  const height = legendY + 26;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="map-title" viewBox={`0 0 ${width} ${height}`} width={width} height={height} data-chart="grid-map">
      <title id="map-title">九个网格的未办结诉求数</title>
      {grids.map((g, i) => {
        const x = (i % 3) * (w + gap);
        const y = Math.floor(i / 3) * (h + gap);
        return (
          <g data-grid={g.gridId} data-open={g.open}>
            <rect x={x} y={y} width={w} height={h} rx={6} fill={bandOf(g.open).fill} stroke="#666">
              <title>{`${g.gridName}：未办结 ${g.open} 件`}</title>
            </rect>
            <text x={x + w / 2} y={y + 34} text-anchor="middle" font-size="16">{g.gridName}</text>
            <text x={x + w / 2} y={y + 62} text-anchor="middle" font-size="16" font-weight="700">{`未办结 ${g.open} 件`}</text>
          </g>
        );
      })}
      {OPEN_BANDS.map((b, i) => (
        <g>
          <rect x={i * 118} y={legendY} width={14} height={14} fill={b.fill} stroke="#666" />
          <text x={i * 118 + 20} y={legendY + 13} font-size="16">{b.label}</text>
        </g>
      ))}
    </svg>
  );
}

/** 诉求统计: per grid for a date range, as a table, two charts and a CSV download. */
export function ReportStatsPage({ stats }: { stats: ReportStatsView }) {
  const total = rates(stats.total);
  return (
    <>
      <form method="get" action="/console/reports/stats" class="filter">
        <label>从<input type="date" name="from" value={stats.from} /></label>
        <label>到<input type="date" name="to" value={stats.to} /></label>
        <button type="submit" class="secondary">查询</button>
        <a class="button" href={`/console/reports/stats.csv?from=${stats.from}&to=${stats.to}`}>下载 CSV（Excel 可直接打开）</a>
      </form>
      <p>
        {stats.from} 至 {stats.to} 共收到诉求 <strong data-total-received={stats.total.received}>{stats.total.received}</strong> 件，按时受理率{" "}
        <strong>{total.accept}</strong>，按时办结率 <strong>{total.resolve}</strong>，满意率 <strong>{total.satisfaction}</strong>。
      </p>
      {stats.grids.length === 0 ? (
        <EmptyState>没有可以统计的网格。</EmptyState>
      ) : (
        <>
          <div class="table-scroll" tabindex={0} role="region" aria-label="各网格诉求统计">
            <table class="numbers">
              <thead>
                <tr>
                  <th>网格</th>
                  {STATS_COLUMNS.map((col) => (
                    <th>{col.header}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {stats.grids.map((g) => (
                  <tr data-grid={g.gridId}>
                    <th scope="row">{g.gridName}</th>
                    {STATS_COLUMNS.map((col) => (
                      <td>{col.value(g)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-grid="total">
                  <th scope="row">合计</th>
                  {STATS_COLUMNS.map((col) => (
                    <td>{col.value(stats.total)}</td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
          <p class="hint">按时受理率、按时办结率以这段时间收到的诉求为基数；满意率 =（满意 + 基本满意）÷ 评价数。没有可计算的数据时显示“—”。</p>
          <h2>各网格按时率与满意率</h2>
          <div class="chart" tabindex={0} role="region" aria-label="按时率图表">
            <RatesChart grids={stats.grids} />
          </div>
          <h2>各网格未办结诉求</h2>
          <div class="chart" tabindex={0} role="region" aria-label="网格地图">
            <GridMap grids={stats.grids} />
          </div>
        </>
      )}
    </>
  );
}
