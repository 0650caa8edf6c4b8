import { Button, Text, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import { useRef } from "react";
import { getToken, useApi } from "../../api";
import { reportsApi } from "../../api/reports";
import { PageGate } from "../../components/page-gate";
import { REPORT_CATEGORY_ICON, reportCategoryName } from "../../components/report-category";
import { ReportStatusTag } from "../../components/report-status";
import { ItemCard } from "../../components/status-tag";
import { beijingDate } from "../../format";
import { pageClass, useElder } from "../../elder";
import "../../components/form-extras/index.css";
import "./index.css";

/** 我的诉求 (GET /me/reports): the resident's reports, newest first, each opening its progress. */
export default function MyReportsPage() {
  useElder();
  const signedIn = Boolean(getToken());
  const reports = useApi(() => reportsApi.mine(), [], signedIn);
  const firstShow = useRef(true);
  useDidShow(() => {
    // Back from a report (withdrawn, rated) or from filing a new one.
    if (firstShow.current) firstShow.current = false;
    else if (getToken()) void reports.reload();
  });

  const post = () => void Taro.navigateTo({ url: "/pages/report-post/index" });
  return (
    <View className={pageClass("my-reports")}>
      <Button className="btn btn-primary my-reports-post" onClick={post}>
        随手拍 · 我要反映
      </Button>
      <PageGate
        inline
        load={reports}
        signedOut={{ when: !signedIn, description: "登录后可以查看您反映的问题和办理进度。" }}
        loadingText="正在读取您的诉求…"
        failedTitle="诉求没有读取成功"
        empty={{
          when: (list) => list.items.length === 0,
          title: "您还没有反映过问题",
          description: "看到身边的问题，点上面的“随手拍 · 我要反映”告诉网格员。",
        }}
      >
        {(list) =>
          list.items.map((r) => (
            <ItemCard
              key={r.id}
              title={`${REPORT_CATEGORY_ICON[r.category]} ${r.categoryName || reportCategoryName(r.category)}`}
              tag={<ReportStatusTag status={r.status} />}
              onClick={() => void Taro.navigateTo({ url: `/pages/report-detail/index?id=${encodeURIComponent(r.id)}` })}
            >
              <Text className="item-card-story wish-story-short">{r.description}</Text>
              <Text className="item-card-line">编号 {r.ref}</Text>
              <Text className="item-card-line">提交于 {beijingDate(r.createdAt)}</Text>
              {r.status === "resolved" ? <Text className="my-reports-attention">已办结，请您评价</Text> : null}
              <Text className="item-card-more">查看进度 ›</Text>
            </ItemCard>
          ))
        }
      </PageGate>
    </View>
  );
}
