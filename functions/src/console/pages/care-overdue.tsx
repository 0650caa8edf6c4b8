import { CARE_RISK_LABEL } from "@renxing/shared";
import type { OverdueCare } from "../../services/care";
import { EmptyState } from "../layout";
import { beijingMinute } from "../when";

/** 走访逾期: elders past their visit, the longest overdue first, in words, with who should have gone. */
export function CareOverduePage({ overdue }: { overdue: OverdueCare }) {
  if (overdue.items.length === 0) return <EmptyState>没有逾期未走访的老人。</EmptyState>;
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-label="逾期未走访名单">
      <table>
        <thead>
          <tr>
            <th>姓名</th>
            <th>网格</th>
            <th>风险等级</th>
            <th>逾期</th>
            <th>上次走访</th>
            <th>结对志愿者</th>
            <th>电话</th>
          </tr>
        </thead>
        <tbody>
          {overdue.items.map((r) => (
            <tr data-recipient={r.id} data-days-overdue={r.daysOverdue}>
              <td>
                <a href={`/console/care/${r.id}`}>{r.name}</a>
              </td>
              <td>{r.gridName}</td>
              <td>{CARE_RISK_LABEL[r.riskLevel]}</td>
              <td>
                <strong class="overdue">逾期 {r.daysOverdue} 天</strong>
                <br />
                应于 {beijingMinute(r.nextDueAt)} 前走访
              </td>
              <td>{r.lastVisitAt ? beijingMinute(r.lastVisitAt) : "还没有走访"}</td>
              <td>{r.volunteers.length === 0 ? "尚未结对" : r.volunteers.map((v) => v.name).join("、")}</td>
              <td>{r.phone}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
