import { Button, Text, View } from "@tarojs/components";
import Taro, { usePullDownRefresh } from "@tarojs/taro";
import { DELIBERATION_PATH, DELIBERATION_STAGE_LABEL, type DeliberationListItem, type DeliberationStage } from "@renxing/shared";
import { useEffect, useRef, useState } from "react";
import { useAction, useApi } from "../../api";
import { deliberationsApi } from "../../api/deliberations";
import { ChoiceButtons } from "../../components/choice-buttons";
import { DeliberationStageTag, FundingBar } from "../../components/deliberation";
import { PageGate } from "../../components/page-gate";
import { ItemCard } from "../../components/status-tag";
import { beijingDate } from "../../format";
import { pageClass, useElder } from "../../elder";
import "../../components/form-extras/index.css";
import "./index.css";

type Filter = DeliberationStage | "all";
const FILTERS = [
  { value: "all" as Filter, label: "全部" },
  ...[...DELIBERATION_PATH, "rejected" as const].map((s) => ({ value: s as Filter, label: DELIBERATION_STAGE_LABEL[s] })),
];

/**
 * 居民议事厅 (GET /deliberations): the community's topics, newest first, each with its stage in
 * words, grid, date and, when owners crowdfund it, how much has been received; a stage filter,
 * 加载更多, and the way to send the community a suggestion.
 */
export default function DeliberationsPage() {
  useElder();
  const [filter, setFilter] = useState<Filter>("all");
  const stage = filter === "all" ? undefined : filter;
  const first = useApi(() => deliberationsApi.list({ stage }), [filter]);
  // Pages after the first, for the filter they were loaded under (a filter change starts over).
  const [more, setMore] = useState<{ filter: Filter; items: DeliberationListItem[]; nextCursor: string | null } | null>(null);
  const filterNow = useRef(filter);
  filterNow.current = filter;
  useEffect(() => setMore(null), [first.data]);

  usePullDownRefresh(() => {
    void first.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const extra = more?.filter === filter ? more : null;
  const cursor = extra ? extra.nextCursor : first.data?.nextCursor ?? null;
  const loadMore = useAction(async () => {
    if (!cursor) return;
    const asked = filter;
    const page = await deliberationsApi.list({ stage, cursor });
    if (filterNow.current !== asked) return;
    setMore((m) => ({ filter: asked, items: [...(m?.filter === asked ? m.items : []), ...page.items], nextCursor: page.nextCursor ?? null }));
  });

  const open = (url: string) => void Taro.navigateTo({ url });
  return (
    <View className={pageClass("deliberations")}>
      <View className="card">
        <Text className="card-title">居民议事厅</Text>
        <Text className="muted">小区的大事大家商量：党组织提议，两委商议，居民代表审议，决议公示后实施。</Text>
      </View>
      <View className="section-links">
        <Button className="btn btn-primary" onClick={() => open("/pages/suggestion-post/index")}>
          我要建议
        </Button>
        <Button className="btn btn-secondary" onClick={() => open("/pages/my-suggestions/index")}>
          我的建议
        </Button>
      </View>

      <View className="card">
        <Text className="card-title">按阶段看</Text>
        <ChoiceButtons choices={FILTERS} chosen={[filter]} onToggle={setFilter} />
      </View>

      <PageGate
        inline
        load={first}
        loadingText="正在读取议题…"
        failedTitle="议题没有读取成功"
        empty={{
          when: (list) => list.items.length === 0,
          title: stage ? `现在没有“${DELIBERATION_STAGE_LABEL[stage]}”的议题` : "议事厅里还没有议题",
          description: "有想让大家一起商量的事，可以点上面的“我要建议”。",
        }}
      >
        {(list) => (
          <View>
            {[...list.items, ...(extra?.items ?? [])].map((d) => (
              <ItemCard key={d.id} title={d.title} tag={<DeliberationStageTag stage={d.stage} />} onClick={() => open(`/pages/deliberation-detail/index?id=${encodeURIComponent(d.id)}`)}>
                <Text className="item-card-line">
                  {d.gridName ?? "全社区"} · {beijingDate(d.createdAt)}
                </Text>
                {d.funding ? <FundingBar funding={d.funding} /> : null}
                <Text className="item-card-more">查看议事过程 ›</Text>
              </ItemCard>
            ))}
            {cursor ? (
              <Button className={`btn btn-secondary ${loadMore.running ? "btn-busy" : ""}`} onClick={() => void loadMore.run().catch(() => undefined)}>
                {loadMore.running ? "正在加载…" : "加载更多"}
              </Button>
            ) : (
              <Text className="deliberations-end">没有更多了</Text>
            )}
          </View>
        )}
      </PageGate>
    </View>
  );
}
