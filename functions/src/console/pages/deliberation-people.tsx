import type { RepresentativesPage as Representatives, ResidentChoice } from "../../services/deliberations/representative-list";
import type { StaffSuggestion } from "../../services/deliberations/suggestions";
import { EmptyState } from "../layout";
import { beijingMinute } from "../when";

const Csrf = ({ csrf }: { csrf: string }) => <input type="hidden" name="_csrf" value={csrf} />;

const who = (r: ResidentChoice) => `${r.name}${r.phoneMasked ? `，${r.phoneMasked}` : ""}${r.gridName ? `，${r.gridName}` : ""}`;

/**
 * 居民代表 (/console/representatives): the residents an admin named, each removable after a
 * confirmation, and a search by phone or name to name one more. Only representatives vote.
 */
export function RepresentativesPage(props: { page: Representatives; search: string; csrf: string; notice?: string }) {
  const { page, search, csrf } = props;
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      <p>
        <a href="/console/deliberations">← 返回议事厅</a>
      </p>
      <p>居民代表由社区管理员指定，只有居民代表能在“代表审议”阶段投票。现有 {page.representatives.length} 位。</p>
      {page.representatives.length === 0 ? (
        <EmptyState>还没有居民代表。</EmptyState>
      ) : (
        <ul class="pairings">
          {page.representatives.map((r) => (
            <li data-representative={r.userId}>
              {who(r)}（{r.namedBy} 于 {beijingMinute(r.namedAt)} 指定）
              <form method="post" action={`/console/representatives/${r.userId}/delete`} class="inline" data-confirm={`确定取消${r.name}的居民代表身份吗？取消后不能再投票。`}>
                <Csrf csrf={csrf} />
                <button type="submit" class="secondary">取消代表</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h2>指定居民代表</h2>
      <form method="get" action="/console/representatives" class="filter">
        <label>
          手机号或姓名、昵称
          <input name="q" value={search} maxlength={30} required minlength={2} />
        </label>
        <button type="submit" class="secondary">查找居民</button>
      </form>
      {search ? (
        page.matches.length === 0 ? (
          <EmptyState>没有找到符合条件的居民（已是代表的不再列出）。</EmptyState>
        ) : (
          <ul class="pairings">
            {page.matches.map((r) => (
              <li data-match={r.userId}>
                {who(r)}
                <form method="post" action="/console/representatives" class="inline">
                  <Csrf csrf={csrf} />
                  <input type="hidden" name="userId" value={r.userId} />
                  <button type="submit">设为居民代表</button>
                </form>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </>
  );
}

/** The 发起议题 form on 议事厅, filled in from a suggestion: its title, and its text as the background. */
const draftFrom = (s: StaffSuggestion) => `/console/deliberations?${new URLSearchParams({ from: s.id, title: s.title, background: s.text })}#create`;

/** 居民建议 (/console/suggestions): residents' ideas, newest first; one not yet taken up can become a topic. */
export function SuggestionsPage({ items, nextCursor }: { items: StaffSuggestion[]; nextCursor: string | null }) {
  return (
    <>
      {items.length === 0 ? (
        <EmptyState>还没有居民建议。</EmptyState>
      ) : (
        <ul class="messages">
          {items.map((s) => (
            <li class="message" data-suggestion={s.id}>
              <h3>{s.title}</h3>
              <p class="description">{s.text}</p>
              <p class="message-actions">
                <small>
                  {s.author} 于 {beijingMinute(s.createdAt)} 提出
                </small>
                {s.deliberation ? (
                  <a href={`/console/deliberations/${s.deliberation.id}`}>已转为议题：{s.deliberation.title}</a>
                ) : (
                  <a href={draftFrom(s)} class="button">转为议题</a>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <p class="pager">
          <a href={`/console/suggestions?cursor=${encodeURIComponent(nextCursor)}`}>下一页</a>
        </p>
      ) : null}
    </>
  );
}
