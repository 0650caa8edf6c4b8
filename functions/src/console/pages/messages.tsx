import { NOTIFICATION_KIND_LABEL, type NotificationItem } from "@renxing/shared";
import { EmptyState } from "../layout";
import { beijingMinute } from "../when";

/** A form posting to 标为已读, with the session's CSRF token; no `id` marks every message read. */
function MarkRead({ csrf, id, label }: { csrf: string; id?: string; label: string }) {
  return (
    <form method="post" action="/console/messages/read" class="inline">
      <input type="hidden" name="_csrf" value={csrf} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <button type="submit" class="secondary">{label}</button>
    </form>
  );
}

function Message({ message: m, csrf }: { message: NotificationItem; csrf: string }) {
  // Staff messages open a console page; anything else (a resident's mini-program path) is not a link here.
  const href = m.page.startsWith("/console/") ? m.page : null;
  return (
    <li class="message" data-message={m.id} data-kind={m.kind} data-read={m.readAt ? "true" : "false"}>
      <p>
        <strong>{m.readAt ? "" : "【未读】"}{NOTIFICATION_KIND_LABEL[m.kind]}：{m.title}</strong>
        <br />
        {m.body}
        <br />
        <span class="hint">{beijingMinute(m.createdAt)}{m.readAt ? `，已读于 ${beijingMinute(m.readAt)}` : ""}</span>
      </p>
      <p class="message-actions">
        {href ? <a href={href} class="button secondary">查看</a> : null}
        {m.readAt ? null : <MarkRead csrf={csrf} id={m.id} label="标为已读" />}
      </p>
    </li>
  );
}

/** 消息: the signed-in staff member's own messages, every unread one first, then the latest read. */
export function MessagesPage(props: { unread: NotificationItem[]; read: NotificationItem[]; csrf: string; notice?: string }) {
  const { unread, read, csrf } = props;
  return (
    <>
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      <section aria-labelledby="unread-title">
        <h2 id="unread-title">未读（{unread.length} 条）</h2>
        {unread.length === 0 ? (
          <EmptyState>没有未读消息。</EmptyState>
        ) : (
          <>
            <MarkRead csrf={csrf} label="全部标为已读" />
            <ul class="messages">
              {unread.map((m) => (
                <Message message={m} csrf={csrf} />
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="read-title">
        <h2 id="read-title">已读</h2>
        {read.length === 0 ? (
          <EmptyState>还没有已读的消息。</EmptyState>
        ) : (
          <ul class="messages">
            {read.map((m) => (
              <Message message={m} csrf={csrf} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
