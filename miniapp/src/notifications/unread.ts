import Taro, { useDidShow } from "@tarojs/taro";
import type { MarkReadBody } from "@renxing/shared";
import { useState } from "react";
import { notificationsApi } from "../api/notifications";
import { getToken } from "../api/token";
import { loadSubscribeTemplates } from "./subscribe";

/** 我的 is the fifth tab of app.config.ts: its badge is the count of unread messages. */
const MINE_TAB_INDEX = 4;

/** The latest mark-as-read still on its way; the next poll waits for it. */
let marking: Promise<unknown> = Promise.resolve();

/**
 * Marks messages read. A resident who taps a message and comes straight back to 我的 would
 * otherwise race the badge poll against this write and see the old count again.
 */
export function markRead(body: MarkReadBody): Promise<void> {
  const sent = notificationsApi.markRead(body);
  marking = sent.catch(() => undefined);
  return sent;
}

function showBadge(count: number): void {
  // WeChat refuses both calls on a page that is not a tab page (and old clients may lack them):
  // a badge not drawn is no reason to break the page.
  try {
    const done = count > 0 ? Taro.setTabBarBadge({ index: MINE_TAB_INDEX, text: count > 99 ? "99+" : String(count) }) : Taro.removeTabBarBadge({ index: MINE_TAB_INDEX });
    void Promise.resolve(done).catch(() => undefined);
  } catch {
    // see above
  }
}

/** Polls the unread count (one request) and draws it on the 我的 tab; undefined when unknown. */
export async function refreshUnreadBadge(): Promise<number | undefined> {
  if (!getToken()) {
    showBadge(0);
    return undefined;
  }
  await marking;
  try {
    const { count } = await notificationsApi.unreadCount();
    showBadge(count);
    return count;
  } catch {
    return undefined;
  }
}

/**
 * For tab pages (首页, 我的): refreshes the 我的 tab's badge each time the page shows and returns the
 * count for the page to show as well.
 *
 * @example const unread = useUnreadBadge(); <Text>{unread ? `${unread}条未读` : ""}</Text>
 */
export function useUnreadBadge(): number | undefined {
  const [count, setCount] = useState<number>();
  useDidShow(() => {
    void refreshUnreadBadge().then(setCount);
    // The subscribe prompt must open straight from a tap, with no request first: fetch its template ids now.
    if (process.env.TARO_ENV === "weapp") loadSubscribeTemplates();
  });
  return count;
}
