import { NOTIFICATION_KIND_LABEL, SEND_STATUSES, SEND_STATUS_LABEL, toShanghaiIso } from "@renxing/shared";
import type { SendEntry, SendLog } from "../../services/notifications/send-log";
import { EmptyState } from "../layout";

const second = (ms: number) => toShanghaiIso(ms).slice(0, 19).replace("T", " ");

function Sends({ entries }: { entries: SendEntry[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>时间</th>
          <th>类型</th>
          <th>接收人</th>
          <th>状态</th>
          <th>尝试次数</th>
          <th>最近错误</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr data-notification={e.notificationId}>
            <td>{second(e.createdAt)}</td>
            <td>{NOTIFICATION_KIND_LABEL[e.kind]}</td>
            <td>{e.recipient}</td>
            <td class={e.status === "dead" ? "outcome-failed" : undefined}>{SEND_STATUS_LABEL[e.status]}</td>
            <td>{e.tries}</td>
            <td>{e.lastError ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * 通知: whether WeChat subscribe messages get through. Counts for the last 7 days, the latest
 * sends, and the dead letters (given up after the queue's tries, or refused by WeChat for good).
 * In-app messages are not listed: they cannot fail.
 */
export function NotificationsPage({ log }: { log: SendLog }) {
  return (
    <>
      <h2>最近7天</h2>
      <ul class="counts">
        {SEND_STATUSES.map((s) => (
          <li data-status={s}>
            {SEND_STATUS_LABEL[s]} <strong>{log.counts[s]}</strong>
          </li>
        ))}
      </ul>
      <section id="latest">
        <h2>最近发送</h2>
        {log.latest.length === 0 ? <EmptyState>最近没有发送微信消息。</EmptyState> : <Sends entries={log.latest} />}
      </section>
      <section id="dead">
        <h2>发送失败（死信）</h2>
        {log.dead.length === 0 ? <EmptyState>没有发送失败的消息。</EmptyState> : <Sends entries={log.dead} />}
      </section>
    </>
  );
}
