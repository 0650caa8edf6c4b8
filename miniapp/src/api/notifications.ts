import type { MarkReadBody, NotificationItem, NotificationKind, Page, SubscribeAnswer } from "@renxing/shared";
import { call } from "./client";

export type Grants = Partial<Record<NotificationKind, number>>;

/** 消息 and subscribe endpoints of docs/api.md ("Notifications"). */
export const notificationsApi = {
  list: (cursor?: string) =>
    call<Page<NotificationItem>>("GET", `/me/notifications?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),

  /**
   * What the tab badge polls whenever a tab page shows. Quiet and signed-out-safe: a badge that
   * could not be read is no reason to toast or to send anyone to the login page.
   */
  unreadCount: () => call<{ count: number }>("GET", "/me/notifications/unread-count", { auth: "optional", quiet: true }),

  markRead: (body: MarkReadBody) => call<void>("POST", "/me/notifications/read", { body }),

  /** The template id of each kind WeChat can send, and the grants already held. */
  subscriptions: () =>
    call<{ templates: Partial<Record<NotificationKind, string>>; grants: Grants }>("GET", "/me/subscriptions", { auth: "optional", quiet: true }),

  /** What `requestSubscribeMessage` answered, per kind: each `accept` is one more message allowed. */
  subscribe: (results: Partial<Record<NotificationKind, SubscribeAnswer>>) =>
    call<{ grants: Grants }>("POST", "/me/subscriptions", { body: { results }, auth: "optional", quiet: true }),
};
