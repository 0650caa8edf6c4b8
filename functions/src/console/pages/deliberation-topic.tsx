import { DELIBERATION_ADVANCES, DELIBERATION_STAGE_LABEL, FINISHED_DELIBERATION_STAGES, PAYMENT_METHOD_LABEL, PAYMENT_METHODS, type DeliberationStage } from "@renxing/shared";
import type { Child } from "hono/jsx";
import type { FundingLedger } from "../../services/deliberations/funding";
import type { StaffTopic } from "../../services/deliberations/read";
import { EmptyState } from "../layout";
import { beijingMinute } from "../when";
import { PledgeTable } from "./deliberation-receipts";
import { Funding, yuan } from "./deliberations";
import { Photos } from "./report-case";

/** A pledge as staff see it on the topic page and the receipt list: the owner's name, unit, what came in. */
export type StaffPledge = FundingLedger["pledges"][number];

/** A form posting to one of the topic's actions, with the session's CSRF token. */
export function TopicAction(props: { id: string; action: string; csrf: string; legend: string; confirm?: string; children: Child }) {
  return (
    <form method="post" action={`/console/deliberations/${props.id}/${props.action}`} class="case-action" data-action={props.action} data-confirm={props.confirm}>
      <fieldset>
        <legend>{props.legend}</legend>
        <input type="hidden" name="_csrf" value={props.csrf} />
        {props.children}
      </fieldset>
    </form>
  );
}

/**
 * The moves DELIBERATION_ADVANCES allows from the topic's stage, one form each with a note and a
 * confirmation. Adopting waits, in words instead of a button, until publicity is over and every
 * objection is answered: the service refuses it before then anyway.
 */
function StageActions({ topic: t, now, csrf }: { topic: StaffTopic; now: number; csrf: string }) {
  const unanswered = t.objections.filter((o) => o.answer === null).length;
  const publicityOver = t.publicizedUntil !== null && Date.parse(t.publicizedUntil) <= now;
  const moves = DELIBERATION_ADVANCES[t.stage];
  if (moves.length === 0) return null;
  return (
    <section aria-labelledby="moves-title" class="actions">
      <h2 id="moves-title">推进议题</h2>
      {moves.map((to) =>
        to === "adopted" && (!publicityOver || unanswered > 0) ? (
          <p class="notice" data-waiting="adopted">
            {publicityOver ? "" : `公示到 ${beijingMinute(t.publicizedUntil)} 结束。`}
            {unanswered > 0 ? `还有 ${unanswered} 条异议没有答复。` : ""}
            公示期满且所有异议都已答复后，才能通过决议。
          </p>
        ) : (
          <TopicAction id={t.id} action="advance" csrf={csrf} legend={to === "publicized" ? "结束投票" : `转入：${DELIBERATION_STAGE_LABEL[to]}`} confirm={`确定将议题转入“${DELIBERATION_STAGE_LABEL[to]}”吗？此操作不能撤回。`}>
            <input type="hidden" name="to" value={to} />
            <label>说明（居民会看到，可不填）<textarea name="note" maxlength={500} rows={2}></textarea></label>
            <button type="submit" class={to === "withdrawn" ? "secondary" : undefined}>
              {to === "publicized" ? "结束投票并计票" : `转入${DELIBERATION_STAGE_LABEL[to]}`}
            </button>
          </TopicAction>
        ),
      )}
    </section>
  );
}

function Objections({ topic: t, mayAct, csrf }: { topic: StaffTopic; mayAct: boolean; csrf: string }) {
  return (
    <section aria-labelledby="objections-title">
      <h2 id="objections-title">异议与答复</h2>
      {t.objections.length === 0 ? (
        <EmptyState>没有异议。</EmptyState>
      ) : (
        <ul class="messages">
          {t.objections.map((o) => (
            <li class="message" data-objection={o.id} data-answered={o.answer === null ? "false" : "true"}>
              <p>
                {o.text}
                <br />
                <small>
                  {o.objector.nickname} 于 {beijingMinute(o.createdAt)} 提出
                </small>
              </p>
              {o.answer !== null ? (
                <p>
                  答复：{o.answer}
                  <br />
                  <small>{beijingMinute(o.answeredAt)} 答复</small>
                </p>
              ) : mayAct ? (
                <form method="post" action={`/console/deliberations/${t.id}/objections/${o.id}/answer`} class="inline-form">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <label>答复（居民会看到）<textarea name="answer" required minlength={2} maxlength={1000} rows={2}></textarea></label>
                  <button type="submit">答复</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Meetings({ topic: t, open, csrf }: { topic: StaffTopic; open: boolean; csrf: string }) {
  return (
    <section aria-labelledby="meetings-title">
      <h2 id="meetings-title">协商会（{t.meetings.length} 次）</h2>
      {t.meetings.map((m) => (
        <div class="message" data-meeting={m.id}>
          <p>
            <strong>{beijingMinute(m.heldAt)}</strong> 于 {m.place}
            <br />
            参会：{m.attendees.join("、")}
          </p>
          <p class="description">{m.minutes}</p>
        </div>
      ))}
      {open ? (
        <details class="record">
          <summary>记录协商会</summary>
          <form method="post" action={`/console/deliberations/${t.id}/meetings`} enctype="multipart/form-data" class="stack" data-form="meeting">
            <input type="hidden" name="_csrf" value={csrf} />
            <label>开会时间<input type="datetime-local" name="heldAt" required /></label>
            <label>地点<input name="place" required minlength={2} maxlength={60} /></label>
            <label>参会人（每行一位）<textarea name="attendees" required rows={4}></textarea></label>
            <label class="wide">会议纪要（最多3000字）<textarea name="minutes" required minlength={10} maxlength={3000} rows={4}></textarea></label>
            <button type="submit">记录</button>
          </form>
        </details>
      ) : null}
    </section>
  );
}

/** 众筹: the totals, each pledge with what was received, and the forms to record a pledge or a payment. */
function Pledges({ topic: t, pledges, open, csrf }: { topic: StaffTopic; pledges: StaffPledge[]; open: boolean; csrf: string }) {
  if (!t.funding) return null;
  const owing = pledges.filter((p) => p.paidFen < p.amountFen);
  return (
    <section aria-labelledby="funding-title">
      <h2 id="funding-title">众筹</h2>
      <p data-funding>
        <Funding funding={t.funding} />
      </p>
      <p>
        <a href={`/console/deliberations/${t.id}/receipts`}>收款明细（可打印）</a>
      </p>
      <PledgeTable totals={t.funding} pledges={pledges} />
      {open ? (
        <div class="actions">
          <TopicAction id={t.id} action="pledges" csrf={csrf} legend="登记认筹">
            <label>产权人姓名<input name="name" required maxlength={30} autocomplete="off" /></label>
            <label>房号<input name="unit" required maxlength={40} autocomplete="off" /></label>
            <label>认筹金额（元）<input name="amountYuan" required inputmode="decimal" maxlength={12} /></label>
            <button type="submit">登记认筹</button>
          </TopicAction>
          {owing.length > 0 ? (
            <TopicAction id={t.id} action="payments" csrf={csrf} legend="登记收款">
              <label>
                认筹人
                <select name="pledgeId" required>
                  {owing.map((p) => (
                    <option value={p.id}>{`${p.name}（${p.unit}，还差 ${yuan(p.amountFen - p.paidFen)}）`}</option>
                  ))}
                </select>
              </label>
              <label>收款金额（元）<input name="amountYuan" required inputmode="decimal" maxlength={12} /></label>
              <label>收款日期<input type="date" name="paidAt" required /></label>
              <label>
                方式
                <select name="method" required>
                  {PAYMENT_METHODS.map((m) => (
                    <option value={m}>{PAYMENT_METHOD_LABEL[m]}</option>
                  ))}
                </select>
              </label>
              <label>收据编号<input name="receiptNo" required maxlength={40} autocomplete="off" /></label>
              <button type="submit">登记收款</button>
            </TopicAction>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Progress({ topic: t, mayAct, csrf }: { topic: StaffTopic; mayAct: boolean; csrf: string }) {
  if (t.progress.length === 0 && t.stage !== "implementing") return null;
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">实施进展</h2>
      <ol class="timeline">
        {t.progress.map((p) => (
          <li data-progress={p.id}>
            <strong>{beijingMinute(p.at)}</strong> {p.note}
            <Photos urls={p.photoUrls} label="进展照片" />
          </li>
        ))}
      </ol>
      {mayAct && t.stage === "implementing" ? (
        <TopicAction id={t.id} action="progress" csrf={csrf} legend="发布进展">
          <label>进展说明（参与的居民会收到通知）<textarea name="note" required minlength={2} maxlength={1000} rows={3}></textarea></label>
          <p class="hint">管理后台暂不支持上传照片，请用文字写清进展。</p>
          <button type="submit">发布</button>
        </TopicAction>
      ) : null}
    </section>
  );
}

/**
 * A topic's page (/console/deliberations/:id): the proposal, the stage timeline, the legal moves,
 * the tally once voting closed, publicity, objections with an answer form each, meetings,
 * crowdfunding with names (staff only) and progress. `mayAct` is false for a grid worker, who reads.
 */
export function TopicPage(props: { topic: StaffTopic; pledges: StaffPledge[]; mayAct: boolean; now: number; csrf: string; notice?: string }) {
  const { topic: t, mayAct, csrf } = props;
  const open = mayAct && !(FINISHED_DELIBERATION_STAGES as readonly DeliberationStage[]).includes(t.stage);
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      <p>
        <a href="/console/deliberations">← 返回议事厅</a>
      </p>
      <dl class="facts" data-topic={t.id}>
        <dt>阶段</dt>
        <dd data-stage={t.stage}>{t.stageLabel}</dd>
        <dt>网格</dt>
        <dd>{t.gridName ?? "全社区"}</dd>
        <dt>发起时间</dt>
        <dd>{beijingMinute(t.createdAt)}</dd>
        <dt>居民意见</dt>
        <dd>{t.commentCount} 条</dd>
        <dt>居民代表</dt>
        <dd>{t.representatives} 位</dd>
        {t.tally ? (
          <>
            <dt>表决结果</dt>
            <dd data-tally={t.tally.passed ? "passed" : "failed"}>
              同意 {t.tally.approve}，反对 {t.tally.reject}，弃权 {t.tally.abstain}（代表共 {t.tally.representatives} 位）：{t.tally.passed ? "通过" : "未通过"}
            </dd>
          </>
        ) : null}
        {t.publicizedUntil ? (
          <>
            <dt>公示截止</dt>
            <dd data-publicized-until>{beijingMinute(t.publicizedUntil)}</dd>
          </>
        ) : null}
      </dl>
      <h2>背景</h2>
      <p class="description">{t.background}</p>
      <h2>提议内容</h2>
      <p class="description">{t.proposal}</p>
      <h2>议事经过</h2>
      <ol class="timeline">
        {t.timeline.map((e) => (
          <li data-stage={e.stage}>
            <strong>{beijingMinute(e.at)}</strong> {e.stageLabel}
            {e.note ? (
              <>
                <br />
                {e.note}
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {mayAct ? <StageActions topic={t} now={props.now} csrf={csrf} /> : null}
      <Objections topic={t} mayAct={mayAct} csrf={csrf} />
      <Meetings topic={t} open={open} csrf={csrf} />
      <Pledges topic={t} pledges={props.pledges} open={open} csrf={csrf} />
      <Progress topic={t} mayAct={mayAct} csrf={csrf} />
    </>
  );
}
