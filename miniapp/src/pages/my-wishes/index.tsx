import { Button, Text, View } from "@tarojs/components";
import Taro, { useDidShow, useRouter } from "@tarojs/taro";
import { WISH_CATEGORY_LABEL } from "@renxing/shared";
import { useEffect, useRef } from "react";
import { useAction, useApi } from "../../api";
import { wishesApi } from "../../api/wishes";
import { EmptyState } from "../../components/empty-state";
import { ItemCard } from "../../components/status-tag";
import { WishStatusTag } from "../../components/wish-status";
import { PageGate } from "../../components/page-gate";
import { beijingDate } from "../../format";
import { pageClass, useElder } from "../../elder";
import "../../components/form-extras/index.css";
import "./index.css";

/**
 * 我的心愿 (GET /me/wishes): own wishes with status, cancel while still waiting, and a way to
 * confirm a fulfilled one. With `?view=claimed`: 我认领的心愿 (GET /me/claimed-wishes).
 */
export default function MyWishesPage() {
  useElder();
  const { params } = useRouter();
  const claimedView = params.view === "claimed";
  const wishes = useApi(() => (claimedView ? wishesApi.claimedByMe() : wishesApi.mine()), [claimedView]);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else void wishes.reload();
  });
  useEffect(() => {
    if (claimedView) void Taro.setNavigationBarTitle({ title: "我认领的心愿" });
  }, [claimedView]);

  const cancel = useAction(async (id: string) => {
    const { confirm } = await Taro.showModal({
      title: "取消心愿",
      content: "确定取消这个心愿吗？取消后不能恢复。",
      confirmText: "确定取消",
      cancelText: "再想想",
      confirmColor: "#b71c1c",
    });
    if (!confirm) return;
    await wishesApi.cancel(id);
    void Taro.showToast({ title: "心愿已取消", icon: "success" });
    await wishes.reload();
  });

  const open = (id: string) => void Taro.navigateTo({ url: `/pages/wish-detail/index?id=${id}` });
  const post = (
    <Button className="btn btn-primary my-wishes-post" onClick={() => void Taro.navigateTo({ url: "/pages/wish-post/index" })}>
      发布新心愿
    </Button>
  );

  return (
    <PageGate
      load={wishes}
      loadingText="正在读取心愿…"
      failedTitle="心愿没有读取成功"
    >
      {(list) => (
        <View className={pageClass("my-wishes")}>
          {claimedView ? null : post}
          {list.items.length === 0 ? (
            claimedView ? (
              <EmptyState
                title="您还没有认领心愿"
                description="到心愿墙看看，帮邻居实现一个小心愿。"
                actionText="去心愿墙"
                onAction={() => void Taro.switchTab({ url: "/pages/wishes/index" })}
              />
            ) : (
              <EmptyState title="您还没有发布心愿" description="有什么小心愿，点上面的“发布新心愿”。" />
            )
          ) : (
            list.items.map((w) => (
              <ItemCard key={w.id} title={w.title} tag={<WishStatusTag status={w.status} />}>
                <Text className="item-card-line">
                  {WISH_CATEGORY_LABEL[w.category]} · 发布于 {beijingDate(w.createdAt)}
                </Text>
                {claimedView ? <Text className="item-card-line">心愿人：{w.wisherName}</Text> : null}
                {w.claimer && !claimedView ? <Text className="item-card-line">认领人：{w.claimer.name}</Text> : null}
                {w.status === "pending_review" ? <Text className="item-card-line">社区正在审核，通过后会出现在心愿墙上。</Text> : null}
                {w.status === "rejected" && w.reviewReason ? <Text className="form-error my-wishes-reason">未通过原因：{w.reviewReason}</Text> : null}
                {!claimedView && w.status === "fulfilled" ? (
                  <Text className="my-wishes-attention">志愿者说心愿已经实现了，请您确认。</Text>
                ) : null}
                <View className="my-wishes-actions">
                  {!claimedView && w.status === "fulfilled" ? (
                    <Button className="btn btn-primary" onClick={() => open(w.id)}>去确认完成</Button>
                  ) : (
                    <Button className="btn btn-secondary" onClick={() => open(w.id)}>查看详情</Button>
                  )}
                  {!claimedView && (w.status === "pending_review" || w.status === "open") ? (
                    <Button className={`btn btn-secondary ${cancel.running ? "btn-busy" : ""}`} onClick={() => void cancel.run(w.id).catch(() => undefined)}>
                      取消心愿
                    </Button>
                  ) : null}
                </View>
              </ItemCard>
            ))
          )}
        </View>
      )}
    </PageGate>
  );
}
