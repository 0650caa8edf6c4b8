import { CARE_RISK_LABEL, CARE_RISK_LEVELS, type CareRecipientsQuery, type Grid } from "@renxing/shared";
import type { CareRecipientForStaff, CareRecipientList } from "../../services/care";
import { EmptyState } from "../layout";
import { beijingMinute } from "../when";

/** What registering asks of staff before anything else, on the form and beside the consent date. */
export const CONSENT_SENTENCE = "登记前必须征得老人本人同意：同意志愿者上门走访，并同意社区保存住址和电话。没有同意不能登记。";

/** 下次走访 as staff read it: the date, and 已逾期 in words when it has passed. */
export function NextDue({ recipient: r }: { recipient: { active: boolean; nextDueAt: string; overdue: boolean } }) {
  if (!r.active) return <>已结束关爱</>;
  return r.overdue ? (
    <strong class="overdue" data-overdue="true">
      已逾期（应于 {beijingMinute(r.nextDueAt)} 前走访）
    </strong>
  ) : (
    <>{beijingMinute(r.nextDueAt)} 前</>
  );
}

/**
 * The recipient's fields, as registering and editing both ask for them (CareRecipientBody):
 * empty for a new elder, filled in with `recipient` to edit one.
 */
export function CareFields({ grids, recipient: r }: { grids: Grid[]; recipient?: CareRecipientForStaff }) {
  return (
    <>
      <label>老人姓名<input name="name" required maxlength={30} value={r?.name} autocomplete="off" /></label>
      <label>
        所在网格
        <select name="gridId" required>
          {grids.map((g) => (
            <option value={g.id} selected={g.id === r?.gridId}>{g.name}</option>
          ))}
        </select>
      </label>
      <label class="wide">住址（只有结对志愿者和工作人员能看到）<input name="address" required minlength={4} maxlength={80} value={r?.address} autocomplete="off" /></label>
      <label>老人电话<input name="phone" required inputmode="tel" maxlength={11} value={r?.phone} autocomplete="off" /></label>
      <label>
        风险等级
        <select name="riskLevel" required>
          {CARE_RISK_LEVELS.map((level) => (
            <option value={level} selected={level === (r?.riskLevel ?? "key")}>{CARE_RISK_LABEL[level]}</option>
          ))}
        </select>
      </label>
      <label>紧急联系人<input name="emergencyName" required maxlength={30} value={r?.emergencyContact.name} autocomplete="off" /></label>
      <label>紧急联系人电话<input name="emergencyPhone" required inputmode="tel" maxlength={11} value={r?.emergencyContact.phone} autocomplete="off" /></label>
      <label class="wide">需求（可不填，如：行动不便、需要代买药）<textarea name="needs" maxlength={300} rows={2}>{r?.needs ?? ""}</textarea></label>
      <p class="wide consent">{CONSENT_SENTENCE}</p>
      <label>老人同意的日期<input type="date" name="consentAt" required value={r?.consentAt} /></label>
    </>
  );
}

function RegisterForm({ grids, csrf }: { grids: Grid[]; csrf: string }) {
  if (grids.length === 0) return <p class="notice">你的账号还没有分配网格，暂时不能查看或登记关爱对象。请联系社区管理员。</p>;
  return (
    <details class="record">
      <summary>登记关爱对象</summary>
      <form method="post" action="/console/care" class="stack" data-form="register">
        <input type="hidden" name="_csrf" value={csrf} />
        <CareFields grids={grids} />
        <button type="submit">登记</button>
      </form>
    </details>
  );
}

/**
 * 关爱对象: the elders in the staff member's grids, soonest due first (overdue ones marked in
 * words), filtered by grid and risk level, ended care on request; and the form to register one.
 */
export function CareListPage(props: { query: CareRecipientsQuery; list: CareRecipientList; grids: Grid[]; isAdmin: boolean; csrf: string; notice?: string }) {
  const { query, list, grids } = props;
  const params = new URLSearchParams();
  for (const key of ["gridId", "riskLevel", "active"] as const) if (query[key]) params.set(key, query[key]!);
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      <p class="tabs">
        <a href="/console/care/overdue">走访逾期</a>
        <a href="/console/care/stats">关爱统计</a>
      </p>
      <RegisterForm grids={grids} csrf={props.csrf} />
      <form method="get" action="/console/care" class="filter">
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
        <label>
          风险等级
          <select name="riskLevel">
            <option value="">全部</option>
            {CARE_RISK_LEVELS.map((level) => (
              <option value={level} selected={level === query.riskLevel}>{CARE_RISK_LABEL[level]}</option>
            ))}
          </select>
        </label>
        <label>
          状态
          <select name="active">
            <option value="true" selected={query.active === "true"}>关爱中</option>
            <option value="false" selected={query.active === "false"}>已结束</option>
          </select>
        </label>
        <button type="submit" class="secondary">筛选</button>
      </form>
      {list.items.length === 0 ? (
        <EmptyState>没有符合条件的关爱对象。</EmptyState>
      ) : (
        <div class="table-scroll" tabindex={0} role="region" aria-label="关爱对象列表">
          <table>
            <thead>
              <tr>
                <th>姓名</th>
                <th>网格</th>
                <th>风险等级</th>
                <th>结对志愿者</th>
                <th>上次走访</th>
                <th>下次走访</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr data-recipient={r.id} data-overdue={r.overdue ? "true" : undefined} class={r.overdue ? "overdue-row" : undefined}>
                  <td>
                    <a href={`/console/care/${r.id}`}>{r.name}</a>
                  </td>
                  <td>{r.gridName}</td>
                  <td>{CARE_RISK_LABEL[r.riskLevel]}</td>
                  <td>{r.pairedCount === 0 ? "尚未结对" : `${r.pairedCount} 位`}</td>
                  <td>{r.lastVisitAt ? beijingMinute(r.lastVisitAt) : "还没有走访"}</td>
                  <td>
                    <NextDue recipient={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.nextCursor ? (
        <p class="pager">
          <a href={`/console/care?${params.toString() ? `${params}&` : ""}cursor=${encodeURIComponent(list.nextCursor)}`}>下一页</a>
        </p>
      ) : null}
    </>
  );
}
