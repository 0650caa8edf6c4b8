import { View } from "@tarojs/components";
import type { ReactNode } from "react";
import { goToLogin } from "../../api/client";
import type { Loaded } from "../../api/hooks";
import { pageClass, useElder } from "../../elder";
import { EmptyState } from "../empty-state";
import { Loading } from "../loading";

type EmptyStateProps = Parameters<typeof EmptyState>[0];

export interface PageGateProps<T> {
  /** What the page loads (`useApi`); its value reaches `children` only once it has arrived. */
  load: Loaded<T>;
  /** On pages behind sign-in: what signing in opens, e.g. "登录后可以查看送考预约。". */
  signedOut?: { when: boolean; description: string };
  /** While nothing has arrived yet, e.g. "正在读取您的预约…". */
  loadingText: string;
  /** When the call failed, e.g. "预约没有读取成功"; the resident is offered 重试. */
  failedTitle: string;
  failedDescription?: string;
  /** What the page says when the answer has nothing to show. */
  empty?: EmptyStateProps & { when: (data: T) => boolean };
  /** In a section of a page (below its own header card) rather than the whole page. */
  inline?: boolean;
  children: (data: T) => ReactNode;
}

/**
 * The states every page that loads something goes through, in the same words everywhere:
 * signed out (with 去登录), loading, failed (with 重试), empty, and otherwise the page itself.
 *
 * @example
 * <PageGate load={rides} loadingText="正在读取您的预约…" failedTitle="预约没有读取成功">
 *   {(data) => data.items.map((ride) => <RideCard key={ride.id} ride={ride} />)}
 * </PageGate>
 */
export function PageGate<T>({ load, signedOut, loadingText, failedTitle, failedDescription = "请检查网络后重试。", empty, inline, children }: PageGateProps<T>) {
  useElder();
  const state = (content: ReactNode) => (inline ? content : <View className={pageClass()}>{content}</View>);
  if (signedOut?.when) return state(<EmptyState title="您还没有登录" description={signedOut.description} actionText="去登录" onAction={goToLogin} />);
  // A reload keeps what is on screen; only a first load shows the spinner.
  if (load.loading && load.data === undefined) return state(<Loading text={loadingText} />);
  if (load.data === undefined) return state(<EmptyState title={failedTitle} description={failedDescription} actionText="重试" onAction={() => void load.reload()} />);
  if (empty?.when(load.data)) {
    const { when: _when, ...emptyState } = empty;
    return state(<EmptyState {...emptyState} />);
  }
  return <>{children(load.data)}</>;
}
