import {
  REPORT_CATEGORIES,
  REPORT_CATEGORY_RULES,
  REPORT_LEVELS,
  REPORT_LEVEL_LABEL,
  REPORT_STATUSES,
  REPORT_STATUS_LABEL,
  type AdminReportsQuery,
  type Grid,
  type ReportStatus,
} from "@renxing/shared";
import type { StaffReport } from "../../services/reports/read";
import { EmptyState } from "../layout";
import { beijingMinute } from "../when";

/** The deadline that matters now: accepting while submitted, resolving once accepted. */
export const currentDeadline = (r: { status: ReportStatus; acceptBy: string | number; resolveBy: string | number }) =>
  r.status === "submitted" ? { label: "受理期限", at: r.acceptBy } : r.status === "accepted" ? { label: "办结期限", at: r.resolveBy } : null;

/** 已超时 in words, with the deadline missed: staff must see it without telling colours apart. */
export function Deadline({ report }: { report: { status: ReportStatus; acceptBy: string | number; resolveBy: string | number; overdue: boolean } }) {
  const deadline = currentDeadline(report);
  if (!deadline) return <>—</>;
  return report.overdue ? (
    <strong class="overdue" data-overdue="true">
      已超时（{deadline.label} {beijingMinute(deadline.at)}）
    </strong>
  ) : (
    <>
      {deadline.label} {beijingMinute(deadline.at)}
    </>
  );
}

/**
 * 登记诉求: for a resident who phoned or walked in (代登记), or a hazard staff found on an
 * inspection round (巡查发现隐患: the category preselected, the staff member as reporter).
 */
function FileReportForm({ grids, csrf, staffName }: { grids: Grid[]; csrf: string; staffName: string }) {
  if (grids.length === 0) return <p class="notice">你的账号还没有分配网格，暂时不能查看或登记诉求。请联系社区管理员。</p>;
  const gridSelect = (
    <label>
      所在网格
      <select name="gridId" required>
        {grids.map((g) => (
          <option value={g.id}>{g.name}</option>
        ))}
      </select>
    </label>
  );
  const common = (
    <>
      {gridSelect}
      <label>楼栋单元（可不填）<input name="building" maxlength={40} placeholder="3号楼2单元" /></label>
      <label class="wide">问题描述<textarea name="description" required minlength={10} maxlength={1000} rows={3}></textarea></label>
      <label class="check">
        <input type="checkbox" name="public" value="true" />
        公开到诉求墙（不显示姓名、电话、楼栋）
      </label>
    </>
  );
  return (
    <>
      <details class="record">
        <summary>代居民登记诉求（电话、来访）</summary>
        <form method="post" action="/console/reports" class="stack">
          <input type="hidden" name="_csrf" value={csrf} />
          <label>居民姓名<input name="name" required maxlength={30} /></label>
          <label>联系电话<input name="phone" required inputmode="tel" maxlength={11} /></label>
          <label>
            问题类别
            <select name="category" required>
              {REPORT_CATEGORIES.map((c) => (
                <option value={c}>{REPORT_CATEGORY_RULES[c].name}</option>
              ))}
            </select>
          </label>
          {common}
          <button type="submit">登记</button>
        </form>
      </details>
      <details class="record">
        <summary>巡查发现隐患</summary>
        <form method="post" action="/console/reports" class="stack">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="category" value="safety_hazard" />
          <label>上报人<input name="name" required maxlength={30} value={staffName} /></label>
          <label>联系电话<input name="phone" required inputmode="tel" maxlength={11} /></label>
          {common}
          <button type="submit">登记隐患</button>
        </form>
      </details>
    </>
  );
}

const FILTER_LABEL = { status: "状态", level: "层级", category: "类别" } as const;

/**
 * 诉求处理: the queue as the service orders it (the most urgent first), with filters, the
 * reporter's contact, overdue rows marked in words, and the forms to file a report.
 */
export function ReportsPage(props: { query: AdminReportsQuery; items: StaffReport[]; nextCursor: string | null; grids: Grid[]; isAdmin: boolean; staffName: string; csrf: string; notice?: string }) {
  const { query, items, grids } = props;
  const params = new URLSearchParams();
  for (const key of ["status", "level", "category", "gridId", "overdue"] as const) if (query[key]) params.set(key, query[key]!);
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      <FileReportForm grids={grids} csrf={props.csrf} staffName={props.staffName} />
      <form method="get" action="/console/reports" class="filter">
        <label>
          {FILTER_LABEL.status}
          <select name="status">
            <option value="">全部</option>
            {REPORT_STATUSES.map((s) => (
              <option value={s} selected={s === query.status}>{REPORT_STATUS_LABEL[s]}</option>
            ))}
          </select>
        </label>
        <label>
          {FILTER_LABEL.level}
          <select name="level">
            <option value="">全部</option>
            {REPORT_LEVELS.map((l) => (
              <option value={l} selected={l === query.level}>{REPORT_LEVEL_LABEL[l]}</option>
            ))}
          </select>
        </label>
        <label>
          {FILTER_LABEL.category}
          <select name="category">
            <option value="">全部</option>
            {REPORT_CATEGORIES.map((c) => (
              <option value={c} selected={c === query.category}>{REPORT_CATEGORY_RULES[c].name}</option>
            ))}
          </select>
        </label>
        {props.isAdmin ? (
          <label>
            网格
            <select name="gridId">
              <option value="">全部网格</option>
              {grids.map((g) => (
                <option value={g.id} selected={g.id === query.gridId}>{g.name}</option>
              ))}
            </select>
          </label>
        ) : null}
        <label class="check">
          <input type="checkbox" name="overdue" value="true" checked={query.overdue === "true"} />
          只看已超时
        </label>
        <button type="submit" class="secondary">筛选</button>
      </form>
      {items.length === 0 ? (
        <EmptyState>没有符合条件的诉求。</EmptyState>
      ) : (
        <div class="table-scroll" tabindex={0} role="region" aria-label="诉求列表">
          <table>
            <thead>
              <tr>
                <th>编号 / 类别</th>
                <th>问题</th>
                <th>反映人</th>
                <th>网格 / 楼栋</th>
                <th>状态 / 层级</th>
                <th>期限</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr data-report={r.id} data-overdue={r.overdue ? "true" : undefined} class={r.overdue ? "overdue-row" : undefined}>
                  <td>
                    <a href={`/console/reports/${r.id}`}>{r.ref}</a>
                    <br />
                    {REPORT_CATEGORY_RULES[r.category].name}
                  </td>
                  <td>
                    {r.description.length > 60 ? `${r.description.slice(0, 60)}…` : r.description}
                    <br />
                    <small>提交于 {beijingMinute(r.createdAt)}</small>
                  </td>
                  <td>
                    {r.reporter.name ?? "未填写"}
                    <br />
                    电话 {r.reporter.phone ?? "未填写"}
                  </td>
                  <td>
                    {r.gridName}
                    <br />
                    {r.building || "—"}
                  </td>
                  <td>
                    {REPORT_STATUS_LABEL[r.status]}
                    <br />
                    {REPORT_LEVEL_LABEL[r.level]}
                  </td>
                  <td>
                    <Deadline report={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.nextCursor ? (
        <p class="pager">
          <a href={`/console/reports?${params.toString() ? `${params}&` : ""}cursor=${encodeURIComponent(props.nextCursor)}`}>下一页</a>
        </p>
      ) : null}
    </>
  );
}
