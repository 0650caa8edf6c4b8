import { Button, Text, View } from "@tarojs/components";
import Taro, { useDidShow, usePullDownRefresh } from "@tarojs/taro";
import { WISH_CATEGORIES, WISH_CATEGORY_LABEL, type WishCategory } from "@renxing/shared";
import { useRef, useState } from "react";
import { getToken, goToLogin, useApi } from "../../api";
import { wishesApi } from "../../api/wishes";
import { ChoiceButtons } from "../../components/choice-buttons";
import { PageGate } from "../../components/page-gate";
import { ItemCard } from "../../components/status-tag";
import { WishStatusTag } from "../../components/wish-status";
import { beijingDate } from "../../format";
import { pageClass, useElder } from "../../elder";
import "../../components/form-extras/index.css";

type Filter = WishCategory | "all";
const FILTERS = [{ value: "all" as Filter, label: "全部" }, ...WISH_CATEGORIES.map((c) => ({ value: c as Filter, label: WISH_CATEGORY_LABEL[c] }))];

/**
 * 心愿墙: published wishes (GET /wishes) with a category filter; pull down to refresh. Names are
 * masked by the server (张**); a tap opens the wish.
 */
export default function WishesPage() {
  useElder();
  const [filter, setFilter] = useState<Filter>("all");
  const wall = useApi(() => wishesApi.wall(filter === "all" ? undefined : filter), [filter]);
  const firstShow = useRef(true);

  useDidShow(() => {
    // Back from a wish: it may have been claimed or completed meanwhile.
    if (firstShow.current) firstShow.current = false;
    else void wall.reload();
  });
  usePullDownRefresh(() => {
    void wall.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const goMine = (url: string) => {
    if (getToken()) void Taro.navigateTo({ url });
    else goToLogin();
  };

  return (
    <View className={pageClass()}>
      <View className="card">
        <Text className="card-title">微心愿</Text>
        <Text className="muted">邻里的小心愿，发布和认领微心愿都在这里。</Text>
      </View>
      <View className="section-links">
        <Button className="btn btn-primary" onClick={() => goMine("/pages/wish-post/index")}>
          发布心愿
        </Button>
        <Button className="btn btn-secondary" onClick={() => goMine("/pages/my-wishes/index")}>
          我的心愿
        </Button>
      </View>

      <View className="card">
        <Text className="card-title">按类别看</Text>
        <ChoiceButtons choices={FILTERS} chosen={[filter]} onToggle={setFilter} />
      </View>

      <PageGate
        inline
        load={wall}
        loadingText="正在读取心愿…"
        failedTitle="心愿没有读取成功"
        empty={{
          when: (list) => list.items.length === 0,
          title: filter === "all" ? "心愿墙上还没有心愿" : `还没有“${WISH_CATEGORY_LABEL[filter]}”类的心愿`,
          description: "有什么小心愿，可以点上面的“发布心愿”。",
        }}
      >
        {(list) =>
          list.items.map((wish) => (
            <ItemCard
              key={wish.id}
              title={wish.title}
              tag={<WishStatusTag status={wish.status} />}
              onClick={() => void Taro.navigateTo({ url: `/pages/wish-detail/index?id=${wish.id}` })}
            >
              <Text className="item-card-story wish-story-short">{wish.story}</Text>
              <Text className="item-card-line">
                {WISH_CATEGORY_LABEL[wish.category]} · {wish.wisherName}
                {wish.gridName ? ` · ${wish.gridName}` : ""}
              </Text>
              <Text className="item-card-line">发布于 {beijingDate(wish.createdAt)}</Text>
              {wish.claimer ? <Text className="item-card-line">认领：{wish.claimer.name}</Text> : null}
              <Text className="item-card-more">查看心愿 ›</Text>
            </ItemCard>
          ))}
      </PageGate>
    </View>
  );
}
