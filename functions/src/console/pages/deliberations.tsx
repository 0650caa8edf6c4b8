import { DELIBERATION_STAGE_LABEL, DELIBERATION_STAGES, type DeliberationListItem, type FundingTotals, type Grid } from "@renxing/shared";
import { yuan as fenAsYuan } from "../../services/deliberations/funding";
import { EmptyState } from "../layout";
import { beijingMinute } from "../when";

/** Integer fen as staff read money: 11400000 → "114,000 元". */
export const yuan = (fen: number) => `${fenAsYuan(fen)} 元`;

/** 筹款进度: received against the target, as a bar and in words. */
export function Funding({ funding: f }: { funding: FundingTotals | null }) {
  if (!f) return <>不筹款</>;
  return (
    <>
      <progress max={f.targetFen} value={Math.min(f.receivedFen, f.targetFen)} aria-label="已收款占目标的比例"></progress>
      <br />
      已收 {yuan(f.receivedFen)} / 目标 {yuan(f.targetFen)}，认筹 {yuan(f.pledgedFen)}（{f.contributors} 户）
    </>
  );
}

/** What 发起议题 starts from: empty, or a resident's suggestion (居民建议 → 转为议题). */
export interface TopicDraft {
  fromSuggestionId?: string;
  title?: string;
  background?: string;
}

/** 发起议题 (DeliberationBody); the target is typed in 元 and the form handler turns it into fen. */
function CreateForm({ grids, draft, csrf }: { grids: Grid[]; draft: TopicDraft; csrf: string }) {
  return (
    <details class="record" id="create" open={draft.fromSuggestionId ? true : undefined}>
      <summary>发起议题</summary>
      {/* multipart: Chinese is sent as UTF-8 bytes, not tripled by %XX, so 2,000-character texts fit the 16 KB limit. */}
      <form method="post" action="/console/deliberations" enctype="multipart/form-data" class="stack" data-form="create">
        <input type="hidden" name="_csrf" value={csrf} />
        {draft.fromSuggestionId ? <input type="hidden" name="fromSuggestionId" value={draft.fromSuggestionId} /> : null}
        {draft.fromSuggestionId ? <p class="wide notice">由居民建议转为议题，发起后建议人能看到议题进展。</p> : null}
        <label>议题名称<input name="title" required minlength={2} maxlength={40} value={draft.title} /></label>
        <label>
          所属网格
          <select name="gridId">
            <option value="">全社区</option>
            {grids.map((g) => (
              <option value={g.id}>{g.name}</option>
            ))}
          </select>
        </label>
        <label>筹款目标（元，不筹款则不填）<input name="targetYuan" inputmode="decimal" maxlength={12} /></label>
        <label class="wide">背景<textarea name="background" required minlength={10} maxlength={2000} rows={4}>{draft.background ?? ""}</textarea></label>
        <label class="wide">提议内容<textarea name="proposal" required minlength={10} maxlength={2000} rows={4}></textarea></label>
        <button type="submit">发起</button>
      </form>
    </details>
  );
}

/**
 * 议事厅: every topic, newest first, with its stage in words, grid and funding progress; a stage
 * filter; and, for an admin, the form to propose one.
 */
export function DeliberationsPage(props: {
  items: DeliberationListItem[];
  nextCursor: string | null;
  stage?: string;
  grids: Grid[] | null;
  draft: TopicDraft;
  csrf: string;
  notice?: string;
}) {
  const { items, stage } = props;
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      {props.grids ? (
        <p class="tabs">
          <a href="/console/representatives">居民代表</a>
          <a href="/console/suggestions">居民建议</a>
        </p>
      ) : null}
      {props.grids ? <CreateForm grids={props.grids} draft={props.draft} csrf={props.csrf} /> : null}
      <form method="get" action="/console/deliberations" class="filter">
        <label>
          阶段
          <select name="stage">
            <option value="">全部</option>
            {DELIBERATION_STAGES.map((s) => (
              <option value={s} selected={s === stage}>{DELIBERATION_STAGE_LABEL[s]}</option>
            ))}
          </select>
        </label>
        <button type="submit" class="secondary">筛选</button>
      </form>
      {items.length === 0 ? (
        <EmptyState>没有符合条件的议题。</EmptyState>
      ) : (
        <div class="table-scroll" tabindex={0} role="region" aria-label="议题列表">
          <table>
            <thead>
              <tr>
                <th>议题</th>
                <th>阶段</th>
                <th>网格</th>
                <th>筹款</th>
                <th>发起时间</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr data-topic={t.id} data-stage={t.stage}>
                  <td>
                    <a href={`/console/deliberations/${t.id}`}>{t.title}</a>
                  </td>
                  <td>{DELIBERATION_STAGE_LABEL[t.stage]}</td>
                  <td>{t.gridName ?? "全社区"}</td>
                  <td>
                    <Funding funding={t.funding} />
                  </td>
                  <td>{beijingMinute(t.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.nextCursor ? (
        <p class="pager">
          <a href={`/console/deliberations?${stage ? `stage=${stage}&` : ""}cursor=${encodeURIComponent(props.nextCursor)}`}>下一页</a>
        </p>
      ) : null}
    </>
  );
}
