import { Button, Text, View } from "@tarojs/components";
import Taro, { usePullDownRefresh } from "@tarojs/taro";
import { REPORT_CATEGORIES, type ReportCategory } from "@renxing/shared";
import { useEffect, useRef, useState } from "react";
import { useAction, useApi } from "../../api";
import { reportsApi, type PublicReport } from "../../api/reports";
import { ChoiceButtons } from "../../components/choice-buttons";
import { PageGate } from "../../components/page-gate";
import { REPORT_CATEGORY_ICON, reportCategoryName } from "../../components/report-category";
import { ReportStatusTag } from "../../components/report-status";
import { ItemCard } from "../../components/status-tag";
import { beijingDate } from "../../format";
import { pageClass, useElder } from "../../elder";
import "../../components/form-extras/index.css";
import "./index.css";

type Filter = ReportCategory | "all";
const FILTERS = [{ value: "all" as Filter, label: "全部" }, ...REPORT_CATEGORIES.map((c) => ({ value: c as Filter, label: reportCategoryName(c) }))];

/**
 * 诉求墙 (GET /reports): reports their reporters chose to make public, once accepted, with how far
 * they got; a category filter and 加载更多. The server leaves out every name, phone and building.
 */
export default function ReportWallPage() {
  useElder();
  const [filter, setFilter] = useState<Filter>("all");
  const category = filter === "all" ? undefined : filter;
  const first = useApi(() => reportsApi.board({ category }), [filter]);
  // Pages after the first, for the filter they were loaded under (a filter change starts over).
  const [more, setMore] = useState<{ filter: Filter; items: PublicReport[]; nextCursor: string | null } | null>(null);
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
    const page = await reportsApi.board({ category, cursor });
    if (filterNow.current !== asked) return;
    setMore((m) => ({ filter: asked, items: [...(m?.filter === asked ? m.items : []), ...page.items], nextCursor: page.nextCursor ?? null }));
  });

  return (
    <View className={pageClass("report-wall")}>
      <View className="card">
        <Text className="card-title">诉求墙</Text>
        <Text className="muted">居民公开的问题和社区的处理过程。不显示姓名、电话和楼栋。</Text>
      </View>
      <Button className="btn btn-primary report-wall-post" onClick={() => void Taro.navigateTo({ url: "/pages/report-post/index" })}>
        随手拍 · 我要反映
      </Button>

      <View className="card">
        <Text className="card-title">按类别看</Text>
        <ChoiceButtons choices={FILTERS} chosen={[filter]} onToggle={setFilter} />
      </View>

      <PageGate
        inline
        load={first}
        loadingText="正在读取诉求…"
        failedTitle="诉求没有读取成功"
        empty={{
          when: (list) => list.items.length === 0,
          title: category ? `还没有公开的“${reportCategoryName(category)}”诉求` : "诉求墙上还没有内容",
          description: "居民选择公开、社区受理后的诉求会出现在这里。",
        }}
      >
        {(list) => (
          <View>
            {[...list.items, ...(extra?.items ?? [])].map((r) => (
              <ItemCard
                key={r.id}
                title={`${REPORT_CATEGORY_ICON[r.category]} ${r.categoryName || reportCategoryName(r.category)}`}
                tag={<ReportStatusTag status={r.status} />}
                onClick={() => void Taro.navigateTo({ url: `/pages/report-detail/index?id=${encodeURIComponent(r.id)}` })}
              >
                <Text className="item-card-story wish-story-short">{r.description}</Text>
                <Text className="item-card-line">
                  {r.gridName} · {beijingDate(r.createdAt)}
                </Text>
                <Text className="item-card-more">查看处理过程 ›</Text>
              </ItemCard>
            ))}
            {cursor ? (
              <Button className={`btn btn-secondary ${loadMore.running ? "btn-busy" : ""}`} onClick={() => void loadMore.run().catch(() => undefined)}>
                {loadMore.running ? "正在加载…" : "加载更多"}
              </Button>
            ) : (
              <Text className="report-wall-end">没有更多了</Text>
            )}
          </View>
        )}
      </PageGate>
    </View>
  );
}
