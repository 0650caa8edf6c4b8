import { CARE_RISK_LABEL, VISIT_FLAG_LABEL, VISIT_OUTCOME_LABEL, type Grid } from "@renxing/shared";
import type { CareRecipientForStaff, CareVisit } from "../../services/care";
import type { VolunteerChoice } from "../../services/volunteers";
import { EmptyState } from "../layout";
import { beijingMinute } from "../when";
import { CareFields, NextDue } from "./care";

const Csrf = ({ csrf }: { csrf: string }) => <input type="hidden" name="_csrf" value={csrf} />;

/** 结对志愿者: who visits now; an admin pairs one more (from the elder's grid or all) and unpairs with a confirmation. */
function Pairings(props: { recipient: CareRecipientForStaff; volunteers: VolunteerChoice[] | null; allGrids: boolean; csrf: string }) {
  const { recipient: r, volunteers, csrf } = props;
  const paired = new Set(r.pairings.map((p) => p.userId));
  const choices = volunteers?.filter((v) => !paired.has(v.userId)) ?? [];
  return (
    <section aria-labelledby="pairings-title">
      <h2 id="pairings-title">结对志愿者</h2>
      {r.pairings.length === 0 ? (
        <EmptyState>还没有结对的志愿者。</EmptyState>
      ) : (
        <ul class="pairings">
          {r.pairings.map((p) => (
            <li data-paired={p.userId}>
              {p.name}（{beijingMinute(p.pairedAt)} 结对）
              {volunteers ? (
                <form method="post" action={`/console/care/${r.id}/pairings/${p.userId}/delete`} class="inline" data-confirm={`确定解除${p.name}与${r.name}的结对吗？解除后对方将看不到老人的住址和电话。`}>
                  <Csrf csrf={csrf} />
                  <button type="submit" class="secondary">解除结对</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {volunteers && r.active ? (
        <form method="post" action={`/console/care/${r.id}/pairings`} class="inline-form" data-form="pair">
          <Csrf csrf={csrf} />
          <label>
            结对志愿者（{props.allGrids ? "全部网格" : `${r.gridName}的志愿者`}）
            <select name="userId" required>
              <option value="">请选择</option>
              {choices.map((v) => (
                <option value={v.userId}>
                  {v.name}
                  {v.gridName ? `（${v.gridName}）` : ""}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">结对</button>
          <a href={`/console/care/${r.id}${props.allGrids ? "" : "?volunteers=all"}`} class="button secondary">
            {props.allGrids ? "只看本网格志愿者" : "从全部网格中选"}
          </a>
        </form>
      ) : null}
    </section>
  );
}

/** 走访记录: every visit, newest first, flags as words. */
function Visits({ visits }: { visits: CareVisit[] }) {
  return (
    <section aria-labelledby="visits-title">
      <h2 id="visits-title">走访记录</h2>
      {visits.length === 0 ? (
        <EmptyState>还没有走访记录。</EmptyState>
      ) : (
        <div class="table-scroll" tabindex={0} role="region" aria-label="走访记录">
          <table>
            <thead>
              <tr>
                <th>走访时间</th>
                <th>志愿者</th>
                <th>结果</th>
                <th>发现的情况</th>
                <th>时长</th>
                <th>备注</th>
              </tr>
            </thead>
            <tbody>
              {visits.map((v) => (
                <tr data-visit={v.id} data-outcome={v.outcome}>
                  <td>{beijingMinute(v.visitedAt)}</td>
                  <td>{v.volunteer.name}</td>
                  <td>{VISIT_OUTCOME_LABEL[v.outcome]}</td>
                  <td>{v.flags.length === 0 ? "无" : v.flags.map((f) => VISIT_FLAG_LABEL[f]).join("、")}</td>
                  <td>{v.minutes} 分钟</td>
                  <td>{v.note || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * A recipient's page (/console/care/:id): the details and consent, next due, the pairings, the
 * visit history, and the forms to edit or end care. `volunteers` is null for a grid worker:
 * pairing is an admin's decision.
 */
export function CareRecipientPage(props: {
  recipient: CareRecipientForStaff;
  visits: CareVisit[];
  grids: Grid[];
  volunteers: VolunteerChoice[] | null;
  allGrids: boolean;
  csrf: string;
  notice?: string;
}) {
  const { recipient: r, csrf } = props;
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      <p>
        <a href="/console/care">← 返回关爱对象</a>
      </p>
      <dl class="facts" data-recipient={r.id}>
        <dt>姓名</dt>
        <dd>{r.name}</dd>
        <dt>网格</dt>
        <dd>{r.gridName}</dd>
        <dt>住址</dt>
        <dd>{r.address}</dd>
        <dt>电话</dt>
        <dd>{r.phone}</dd>
        <dt>紧急联系人</dt>
        <dd>
          {r.emergencyContact.name}，电话 {r.emergencyContact.phone}
        </dd>
        <dt>风险等级</dt>
        <dd data-risk={r.riskLevel}>{CARE_RISK_LABEL[r.riskLevel]}</dd>
        <dt>需求</dt>
        <dd>{r.needs || "未填写"}</dd>
        <dt>本人同意</dt>
        <dd>
          {r.consentAt}（{r.consentRecordedBy.name} 记录）
        </dd>
        <dt>状态</dt>
        <dd data-active={r.active ? "true" : "false"}>{r.active ? "关爱中" : `已结束关爱（${beijingMinute(r.endedAt)}）`}</dd>
        <dt>上次走访</dt>
        <dd>{r.lastVisitAt ? beijingMinute(r.lastVisitAt) : "还没有走访"}</dd>
        <dt>下次走访</dt>
        <dd>
          <NextDue recipient={r} />
        </dd>
      </dl>
      <Pairings recipient={r} volunteers={props.volunteers} allGrids={props.allGrids} csrf={csrf} />
      <Visits visits={props.visits} />
      <section aria-labelledby="edit-title">
        <h2 id="edit-title">修改信息</h2>
        <details class="record">
          <summary>修改{r.name}的信息</summary>
          <form method="post" action={`/console/care/${r.id}/edit`} class="stack" data-form="edit">
            <Csrf csrf={csrf} />
            <CareFields grids={props.grids} recipient={r} />
            <button type="submit">保存</button>
          </form>
        </details>
        {r.active ? (
          <form method="post" action={`/console/care/${r.id}/end`} class="inline" data-form="end" data-confirm={`确定结束对${r.name}的关爱吗？所有结对会一并解除，志愿者将看不到老人的住址和电话。`}>
            <Csrf csrf={csrf} />
            <button type="submit" class="secondary">结束关爱</button>
          </form>
        ) : (
          <form method="post" action={`/console/care/${r.id}/resume`} class="inline" data-form="resume">
            <Csrf csrf={csrf} />
            <button type="submit" class="secondary">恢复关爱</button>
          </form>
        )}
      </section>
    </>
  );
}
