import { WISH_CATEGORIES, WISH_CATEGORY_LABEL, WISH_STATUSES, WISH_STATUS_LABEL, type ContentCheck, type Grid, type Page, type WishStatus } from "@renxing/shared";
import type { StaffWish } from "../../services/wishes";
import { ApproveReject } from "../decision";
import { EmptyState } from "../layout";

const minute = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** What WeChat's content check could not clear: the reviewer reads this wish with care. */
const CONTENT_FLAG: Partial<Record<ContentCheck, string>> = {
  review: "需人工复核：微信内容安全检测建议人工审核这段文字。",
  unavailable: "需人工复核：微信内容安全检测在提交时不可用，文字未经检测。",
};

/** The form staff use to take down a wish for a resident without a phone, for the grids they look after. */
function RecordOnBehalf({ grids, csrf }: { grids: Grid[]; csrf: string }) {
  if (grids.length === 0) return <p class="notice">你的账号还没有分配网格，暂时不能查看或登记心愿。请联系社区管理员。</p>;
  return (
    <details class="record">
      <summary>为没有手机的居民登记心愿</summary>
      <form method="post" action="/console/wishes/record" class="stack">
        <input type="hidden" name="_csrf" value={csrf} />
        <label>居民姓名<input name="name" required maxlength={30} /></label>
        <label>联系电话<input name="phone" required inputmode="tel" maxlength={11} /></label>
        <label>
          所在网格
          <select name="gridId" required>
            {grids.map((g) => (
              <option value={g.id}>{g.name}</option>
            ))}
          </select>
        </label>
        <label>心愿标题<input name="title" required minlength={2} maxlength={40} /></label>
        <label>心愿描述<textarea name="story" required minlength={10} maxlength={500} rows={3}></textarea></label>
        <label>
          类别
          <select name="category">
            {WISH_CATEGORIES.map((c) => (
              <option value={c}>{WISH_CATEGORY_LABEL[c]}</option>
            ))}
          </select>
        </label>
        <label>预估金额（元，可不填）<input name="estimatedValueYuan" inputmode="numeric" /></label>
        <button type="submit">登记并发布</button>
      </form>
    </details>
  );
}

/**
 * 心愿审核: the review queue with the wisher's contact, every wish by status and grid, and on-behalf
 * entry. `grids` are the grids this staff member may see (auth/grid-scope.ts).
 */
export function WishesPage(props: { status: WishStatus; gridId?: string; page: Page<StaffWish>; grids: Grid[]; csrf: string; notice?: string }) {
  const { status, page, grids, csrf } = props;
  const link = (s: WishStatus, g = props.gridId) => `/console/wishes?status=${s}${g ? `&gridId=${g}` : ""}`;
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      <RecordOnBehalf grids={grids} csrf={csrf} />
      <p class="tabs">
        {WISH_STATUSES.map((s) => (
          <a href={link(s)} aria-current={s === status ? "page" : undefined}>
            {WISH_STATUS_LABEL[s]}
          </a>
        ))}
      </p>
      {grids.length <= 1 ? null : (
        <form method="get" action="/console/wishes" class="filter">
          <input type="hidden" name="status" value={status} />
          <label>
            网格
            <select name="gridId">
              <option value="">全部网格</option>
              {grids.map((g) => (
                <option value={g.id} selected={g.id === props.gridId}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="secondary">筛选</button>
        </form>
      )}
      {page.items.length === 0 ? (
        <EmptyState>{status === "pending_review" ? "没有待审核的心愿。" : "没有这个状态的心愿。"}</EmptyState>
      ) : (
        <table>
          <thead>
            <tr>
              <th>心愿</th>
              <th>发布人</th>
              <th>网格 / 类别</th>
              <th>{status === "pending_review" ? "审核" : "进展"}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((w) => (
              <tr data-wish={w.id}>
                <td>
                  <strong>{w.title}</strong>
                  <br />
                  {w.story}
                  {w.estimatedValueYuan !== null ? <><br />预估 {w.estimatedValueYuan} 元</> : null}
                  <br />
                  <small>发布于 {minute(w.createdAt)}</small>
                  {w.contentCheck && CONTENT_FLAG[w.contentCheck] ? (
                    <p class="error" data-content-check={w.contentCheck}>
                      {CONTENT_FLAG[w.contentCheck]}
                    </p>
                  ) : null}
                </td>
                <td>
                  {w.wisher.name}
                  {w.wisher.onBehalf ? "（工作人员代登记）" : ""}
                  <br />
                  电话 {w.wisher.phone ?? "未填写"}
                </td>
                <td>
                  {w.gridName ?? "未填写"}
                  <br />
                  {WISH_CATEGORY_LABEL[w.category]}
                </td>
                <td>
                  {status === "pending_review" ? (
                    <ApproveReject base={`/console/wishes/${w.id}`} csrf={csrf} approve="通过，发布到心愿墙" reject="不通过" reasonLabel="不通过原因（发布人会看到）" />
                  ) : (
                    <>
                      {WISH_STATUS_LABEL[w.status]}
                      {w.reviewReason ? `：${w.reviewReason}` : ""}
                      {w.claimer ? <><br />认领：{w.claimer.name}</> : null}
                      {w.fulfilment ? <><br />完成说明：{w.fulfilment.note}</> : null}
                      {w.confirmation ? <><br />评价：{"★".repeat(w.confirmation.rating)} {w.confirmation.thanks ?? ""}</> : null}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.nextCursor ? (
        <p class="pager">
          <a href={`${link(status)}&cursor=${encodeURIComponent(page.nextCursor)}`}>下一页</a>
        </p>
      ) : null}
    </>
  );
}
