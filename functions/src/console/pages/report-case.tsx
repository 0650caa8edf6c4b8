import { REPORT_CATEGORY_RULES, REPORT_LEVEL_LABEL, REPORT_RATING_LABEL, REPORT_STATUS_LABEL, type ErrorDetail, type ReportStatus } from "@renxing/shared";
import type { StaffReport } from "../../services/reports/read";
import { beijingMinute } from "../when";
import { Deadline } from "./reports";

const SOURCE_LABEL: Record<StaffReport["source"], string> = { resident: "居民在小程序提交", staff: "工作人员代登记", open311: "上级平台转来" };
const is = (status: ReportStatus, ...statuses: ReportStatus[]) => statuses.includes(status);

export function Photos({ urls, label }: { urls: string[]; label: string }) {
  if (urls.length === 0) return null;
  return (
    <p class="photos">
      {urls.map((url, i) => (
        <a href={url}>
          <img src={url} alt={`${label} ${i + 1}`} loading="lazy" width={160} />
        </a>
      ))}
    </p>
  );
}

/** A form posting to one of the case's actions, with the session's CSRF token. */
function Action(props: { report: StaffReport; action: string; csrf: string; legend: string; confirm?: string; children?: unknown }) {
  return (
    <form method="post" action={`/console/reports/${props.report.id}/${props.action}`} class="case-action" data-action={props.action} data-confirm={props.confirm}>
      <fieldset>
        <legend>{props.legend}</legend>
        <input type="hidden" name="_csrf" value={props.csrf} />
        {props.children}
      </fieldset>
    </form>
  );
}

/** The mediation record a neighbour dispute is resolved with (held at 仁兴话室 unless said otherwise). */
function MediationFields() {
  return (
    <fieldset class="mediation">
      <legend>调解记录（邻里纠纷必填）</legend>
      <label>调解时间<input type="datetime-local" name="heldAt" required /></label>
      <label>调解地点<input name="place" required maxlength={60} value="仁兴话室" /></label>
      <label>当事人（每行一位，至少两位）<textarea name="parties" required rows={3}></textarea></label>
      <span class="choice" role="radiogroup" aria-label="是否达成一致">
        <label class="check"><input type="radio" name="agreed" value="true" required />达成一致</label>
        <label class="check"><input type="radio" name="agreed" value="false" />未达成一致</label>
      </span>
    </fieldset>
  );
}

/**
 * The actions that apply to the report now, for someone who may handle it at its level: 受理
 * while submitted; notes until it is closed; 上报 and 不予受理 while open (上报 below the district);
 * 办结 once accepted.
 */
function Actions({ report, csrf }: { report: StaffReport; csrf: string }) {
  const s = report.status;
  return (
    <section aria-labelledby="actions-title" class="actions">
      <h2 id="actions-title">处理</h2>
      {is(s, "submitted") ? (
        <Action report={report} action="accept" csrf={csrf} legend="受理">
          <p>受理后由你负责办理，居民会收到“已受理”的通知。</p>
          <button type="submit">受理</button>
        </Action>
      ) : null}
      {is(s, "accepted") ? (
        <Action report={report} action="resolve" csrf={csrf} legend="办结">
          <label>办理结果（居民会看到）<textarea name="result" required minlength={5} maxlength={1000} rows={3}></textarea></label>
          {report.category === "neighbour_dispute" ? <MediationFields /> : null}
          <p class="hint">管理后台暂不支持上传办结照片，请用文字写清办理结果。</p>
          <button type="submit">办结</button>
        </Action>
      ) : null}
      {is(s, "submitted", "accepted", "resolved") ? (
        <Action report={report} action="notes" csrf={csrf} legend="添加备注">
          <label>备注<textarea name="text" required minlength={2} maxlength={500} rows={2}></textarea></label>
          <label class="check">
            <input type="checkbox" name="public" value="true" />
            让居民看到这条进展（不勾选则只有工作人员能看到）
          </label>
          <button type="submit" class="secondary">添加备注</button>
        </Action>
      ) : null}
      {is(s, "submitted", "accepted") && report.level !== "district" ? (
        <Action report={report} action="escalate" csrf={csrf} legend="上报上一级" confirm="上报后由上一级处理，确定上报吗？">
          <p>上报后由上一级处理（现在：{REPORT_LEVEL_LABEL[report.level]}），居民会收到通知。</p>
          <label>上报原因<textarea name="reason" required minlength={2} maxlength={300} rows={2}></textarea></label>
          <label>对方受理编号（可不填）<input name="externalRef" maxlength={64} /></label>
          <button type="submit" class="secondary">上报</button>
        </Action>
      ) : null}
      {is(s, "submitted", "accepted") ? (
        <Action report={report} action="reject" csrf={csrf} legend="不予受理" confirm="确定不予受理吗？居民会看到原因。">
          <label>原因（居民会看到）<textarea name="reason" required minlength={2} maxlength={300} rows={2}></textarea></label>
          <button type="submit" class="secondary">不予受理</button>
        </Action>
      ) : null}
    </section>
  );
}

/**
 * The case page (/console/reports/:id): everything about the report, the whole timeline with the
 * internal entries marked 内部, and the actions that apply. `mayHandle` is false for a grid worker
 * following a report they escalated: they see it but it is no longer theirs to act on.
 */
export function ReportCasePage(props: { report: StaffReport; mayHandle: boolean; csrf: string; notice?: string; error?: { message: string; details?: ErrorDetail[] } }) {
  const { report: r, error } = props;
  const detail = error?.details?.map((d) => d.message).join("；");
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      {error ? (
        <p class="error" role="alert">
          {error.message}
          {detail ? `：${detail}` : ""}
        </p>
      ) : null}
      <p>
        <a href="/console/reports">← 返回诉求列表</a>
      </p>
      <dl class="facts" data-report={r.id}>
        <dt>编号</dt>
        <dd class="code">{r.ref}</dd>
        <dt>类别</dt>
        <dd>{REPORT_CATEGORY_RULES[r.category].name}</dd>
        <dt>状态</dt>
        <dd data-status={r.status}>
          {REPORT_STATUS_LABEL[r.status]}
          {r.flagged ? "（两次不满意，需社区复核）" : ""}
          {r.reopenCount > 0 ? `（已重新办理 ${r.reopenCount} 次）` : ""}
        </dd>
        <dt>处理层级</dt>
        <dd data-level={r.level}>
          {REPORT_LEVEL_LABEL[r.level]}
          {r.externalRef ? `（对方编号 ${r.externalRef}）` : ""}
        </dd>
        <dt>网格</dt>
        <dd>{r.gridName}</dd>
        <dt>楼栋单元</dt>
        <dd>{r.building || "未填写"}</dd>
        <dt>反映人</dt>
        <dd>
          {r.reporter.name ?? "未填写"}，电话 {r.reporter.phone ?? "未填写"}（{SOURCE_LABEL[r.source]}）
        </dd>
        <dt>经办人</dt>
        <dd>{r.handler?.name || "尚未受理"}</dd>
        <dt>提交时间</dt>
        <dd>{beijingMinute(r.createdAt)}</dd>
        <dt>期限</dt>
        <dd>
          <Deadline report={r} />
          <br />
          <small>
            受理期限 {beijingMinute(r.acceptBy)}，办结期限 {beijingMinute(r.resolveBy)}
          </small>
        </dd>
        <dt>公开</dt>
        <dd>{r.public ? "公开到诉求墙（不显示姓名、电话、楼栋）" : "不公开"}</dd>
      </dl>
      <h2>问题描述</h2>
      <p class="description">{r.description}</p>
      <Photos urls={r.photoUrls} label="居民上传的照片" />
      {r.rejectReason ? <p>不予受理原因：{r.rejectReason}</p> : null}
      {r.result ? (
        <section aria-labelledby="result-title">
          <h2 id="result-title">办理结果</h2>
          <p>
            {r.result.text}
            <br />
            <small>办结于 {beijingMinute(r.result.at)}</small>
          </p>
          <Photos urls={r.result.photoUrls} label="办结照片" />
          {r.result.mediation ? (
            <p data-mediation>
              调解：{beijingMinute(r.result.mediation.heldAt)} 于 {r.result.mediation.place}，当事人 {r.result.mediation.parties.join("、")}，
              {r.result.mediation.agreed ? "达成一致" : "未达成一致"}
            </p>
          ) : null}
        </section>
      ) : null}
      {r.rating ? (
        <p data-rating={r.rating.rating}>
          居民评价：<strong>{REPORT_RATING_LABEL[r.rating.rating]}</strong>
          {r.rating.comment ? `，“${r.rating.comment}”` : ""}（{beijingMinute(r.rating.at)}）
        </p>
      ) : null}
      <h2>处理经过</h2>
      <ol class="timeline">
        {r.timeline.map((e) => (
          <li data-kind={e.kind} data-public={e.public ? "true" : "false"}>
            <strong>{beijingMinute(e.at)}</strong> {e.actor.label}
            {e.level ? <small> · 层级：{REPORT_LEVEL_LABEL[e.level]}</small> : null}
            {e.public ? null : <span class="badge">内部</span>}
            <br />
            {e.text}
          </li>
        ))}
      </ol>
      {props.mayHandle ? <Actions report={r} csrf={props.csrf} /> : <p class="notice">这条诉求已上报，由{REPORT_LEVEL_LABEL[r.level]}处理，你可以继续查看进展。</p>}
    </>
  );
}
