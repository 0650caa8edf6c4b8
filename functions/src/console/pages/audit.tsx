import { toShanghaiIso } from "@renxing/shared";
import type { AuditPage as AuditRows } from "../../services/audit";
import { AUDIT_ACTION_LABEL, AUDIT_OUTCOME_LABEL } from "../labels";
import { EmptyState } from "../layout";

const ACTOR_KIND = { staff: "工作人员", user: "居民", system: "系统", anonymous: "未登录" } as const;

/** 审计日志: who did what, when, to what, and how it ended; newest first, paged. */
export function AuditPage({ page }: { page: AuditRows }) {
  if (page.items.length === 0) return <EmptyState>还没有任何记录。</EmptyState>;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th>时间</th>
            <th>操作人</th>
            <th>操作</th>
            <th>对象</th>
            <th>结果</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((e) => (
            <tr data-action={e.action} data-outcome={e.outcome}>
              <td>{toShanghaiIso(e.at).slice(0, 19).replace("T", " ")}</td>
              <td>
                {e.actorLabel ?? e.actorId ?? "—"}（{ACTOR_KIND[e.actorKind]}）
              </td>
              <td>{AUDIT_ACTION_LABEL[e.action] ?? e.action}</td>
              <td>{e.targetKind ? `${e.targetKind} ${e.targetId ?? ""}` : "—"}</td>
              <td class={`outcome-${e.outcome}`}>{AUDIT_OUTCOME_LABEL[e.outcome] ?? e.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.nextCursor ? (
        <p class="pager">
          <a href={`/console/audit?cursor=${encodeURIComponent(page.nextCursor)}`}>下一页</a>
        </p>
      ) : null}
    </>
  );
}
