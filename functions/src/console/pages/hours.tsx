import { raw } from "hono/html";
import { EmptyState } from "../layout";

interface Summary {
  from: string;
  to: string;
  totalMinutes: number;
  volunteers: { userId: string; volunteer: string; team: string; minutes: number; records: number }[];
  months: { month: string; minutes: number }[];
}

const hours = (minutes: number) => (minutes / 60).toFixed(1);
/** "45 分钟" under an hour, "1.5 小时" from an hour on: a short service never reads as 0.0. */
const duration = (minutes: number) => (minutes < 60 ? `${minutes} 分钟` : `${hours(minutes)} 小时`);

/**
 * Hours per month as a bar chart, drawn as SVG on the server. Labels come from dates and numbers
 * we computed, never from residents' text.
 */
export function monthChartSvg(months: { month: string; minutes: number }[]): string {
  const barW = 44;
  const gap = 16;
  const h = 180;
  const top = 24;
  const bottom = 30;
  const max = Math.max(60, ...months.map((m) => m.minutes));
  const width = Math.max(320, months.length * (barW + gap) + gap);
  const bars = months
    .map((m, i) => {
      const bh = Math.round((m.minutes / max) * (h - top - bottom));
      const x = gap + i * (barW + gap);
      const y = h - bottom - bh;
      return `<g><rect x="${x}" y="${y}" width="${barW}" height="${bh}" fill="#b71c1c"><title>${m.month}：${hours(m.minutes)} 小时</title></rect>` +
        `<text x="${x + barW / 2}" y="${y - 6}" text-anchor="middle" font-size="16">${hours(m.minutes)}</text>` +
        `<text x="${x + barW / 2}" y="${h - 8}" text-anchor="middle" font-size="16">${m.month.slice(2).replace("-", "/")}</text></g>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="每月服务时长（小时）" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}"><line x1="0" y1="${h - bottom}" x2="${width}" y2="${h - bottom}" stroke="#999"/>${bars}</svg>`;
}

/** 服务时长: totals per volunteer in a date range, a chart by month, manual entry and the CSV. */
export function HoursPage({ summary, members, csrf, notice }: { summary: Summary; members: { userId: string; label: string }[]; csrf: string; notice?: string }) {
  return (
    <>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      <form method="get" action="/console/hours" class="filter">
        <label>从<input type="date" name="from" value={summary.from} /></label>
        <label>到<input type="date" name="to" value={summary.to} /></label>
        <button type="submit" class="secondary">查询</button>
        <a class="button" href={`/console/hours.csv?from=${summary.from}&to=${summary.to}`}>下载 CSV（Excel 可直接打开）</a>
      </form>
      <p>
        {summary.from} 至 {summary.to} 共 <strong data-total-minutes={summary.totalMinutes}>{duration(summary.totalMinutes)}</strong>。
      </p>
      <h2>每月服务时长</h2>
      {summary.months.length === 0 ? <EmptyState>这段时间还没有服务记录。</EmptyState> : <div class="chart" tabindex={0} role="region" aria-label="每月服务时长图表">{raw(monthChartSvg(summary.months))}</div>}
      <h2>志愿者时长排行</h2>
      {summary.volunteers.length === 0 ? (
        <EmptyState>这段时间还没有服务记录。</EmptyState>
      ) : (
        <table>
          <thead>
            <tr>
              <th>志愿者</th>
              <th>队伍</th>
              <th>服务次数</th>
              <th>时长</th>
            </tr>
          </thead>
          <tbody>
            {summary.volunteers.map((v) => (
              <tr data-volunteer={v.userId}>
                <td>{v.volunteer}</td>
                <td>{v.team || "—"}</td>
                <td>{v.records}</td>
                <td data-minutes={v.minutes}>{duration(v.minutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details class="record">
        <summary>补录服务时长</summary>
        <form method="post" action="/console/hours" class="stack">
          <input type="hidden" name="_csrf" value={csrf} />
          <label>
            志愿者
            <select name="userId" required>
              {members.map((m) => (
                <option value={m.userId}>{m.label}</option>
              ))}
            </select>
          </label>
          <label>服务内容<input name="title" required minlength={2} maxlength={60} /></label>
          <label>服务时间<input name="at" type="datetime-local" required /></label>
          <label>分钟数<input name="minutes" type="number" min={1} max={1440} required /></label>
          <button type="submit">补录</button>
        </form>
      </details>
    </>
  );
}
