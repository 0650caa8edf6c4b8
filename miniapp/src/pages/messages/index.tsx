import { Button, Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import { NOTIFICATION_KIND_LABEL, type NotificationItem, type Page } from "@renxing/shared";
import { getToken, useAction, useApi } from "../../api";
import { notificationsApi } from "../../api/notifications";
import { PageGate } from "../../components/page-gate";
import { dayClockText } from "../../format";
import { markRead } from "../../notifications/unread";
import { pageClass, useElder } from "../../elder";
import { role } from "../../a11y";
import "./index.css";

/** The tab pages of app.config.ts: WeChat opens those with switchTab, and without a query. */
const TAB_PAGES = ["/pages/index/index", "/pages/teams/index", "/pages/wishes/index", "/pages/rides/index", "/pages/mine/index"];

function openPage(page: string): void {
  const path = page.split("?")[0]!;
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url: page });
}

const withReadAt = (list: Page<NotificationItem>, read: (item: NotificationItem) => boolean, at: string): Page<NotificationItem> => ({
  ...list,
  items: list.items.map((item) => (item.readAt === null && read(item) ? { ...item, readAt: at } : item)),
});

/**
 * 消息 (GET /me/notifications): what the community told this resident, newest first, unread in
 * bold with a dot. Tapping one marks it read and opens the page it is about; 全部已读 marks the rest.
 */
export default function MessagesPage() {
  useElder();
  const signedIn = Boolean(getToken());
  const messages = useApi(() => notificationsApi.list(), [], signedIn);

  const open = (item: NotificationItem) => {
    if (item.readAt === null && messages.data) {
      messages.setData(withReadAt(messages.data, (m) => m.id === item.id, new Date().toISOString()));
      markRead({ ids: [item.id] }).catch(() => undefined);
    }
    if (item.page) openPage(item.page);
  };

  const readAll = useAction(async () => {
    await markRead({ all: true });
    if (messages.data) messages.setData(withReadAt(messages.data, () => true, new Date().toISOString()));
  });

  const more = useAction(async () => {
    const shown = messages.data;
    if (!shown?.nextCursor) return;
    const next = await notificationsApi.list(shown.nextCursor);
    messages.setData({ items: [...shown.items, ...next.items], nextCursor: next.nextCursor });
  });

  return (
    <PageGate
      load={messages}
      signedOut={{ when: !signedIn, description: "登录后可以查看消息。" }}
      loadingText="正在读取消息…"
      failedTitle="消息没有读取成功"
      empty={{ when: (list) => list.items.length === 0, title: "暂无消息", description: "心愿被认领、送考司机接单等消息会出现在这里。" }}
    >
      {(list) => (
        <View className={pageClass("messages")}>
          {list.items.some((item) => item.readAt === null) ? (
            <Button className={`btn btn-secondary messages-read-all ${readAll.running ? "btn-busy" : ""}`} onClick={() => void readAll.run().catch(() => undefined)}>
              全部已读
            </Button>
          ) : null}
          {list.items.map((item) => {
            const unread = item.readAt === null;
            return (
              <View key={item.id} className={`card message ${unread ? "message-unread" : ""}`} hoverClass="message-hover" onClick={() => open(item)}>
                <View className="message-head">
                  {unread ? <View className="message-dot" {...role("img")} aria-label="未读" /> : null}
                  <Text className="message-title">{item.title}</Text>
                  <Text className="message-arrow">›</Text>
                </View>
                <Text className="message-body">{item.body}</Text>
                <Text className="message-meta">
                  {NOTIFICATION_KIND_LABEL[item.kind]} · {dayClockText(item.createdAt)}
                </Text>
              </View>
            );
          })}
          {list.nextCursor ? (
            <Button className={`btn btn-secondary ${more.running ? "btn-busy" : ""}`} onClick={() => void more.run().catch(() => undefined)}>
              {more.running ? "正在读取…" : "查看更早的消息"}
            </Button>
          ) : null}
        </View>
      )}
    </PageGate>
  );
}
