import { Button, Image, Text, View } from "@tarojs/components";
import Taro, { useDidShow, useRouter } from "@tarojs/taro";
import { REPORT_LEVEL_LABEL, REPORT_RATING_LABEL, type ReportDetail } from "@renxing/shared";
import { useRef } from "react";
import { getToken, useAction, useApi } from "../../api";
import { reportsApi } from "../../api/reports";
import { EmptyState } from "../../components/empty-state";
import { PageGate } from "../../components/page-gate";
import { REPORT_CATEGORY_ICON, reportCategoryName } from "../../components/report-category";
import { ReportSteps, ReportTimeline } from "../../components/report-progress";
import { ReportStatusTag } from "../../components/report-status";
import { beijingDate, clockText } from "../../format";
import { RateReport } from "./rate";
import { pageClass, useElder } from "../../elder";
import { alt } from "../../a11y";
import "../../components/form-extras/index.css";
import "./index.css";

const when = (iso: string) => `${beijingDate(iso)} ${clockText(iso)}`;

function Photos({ urls }: { urls: string[] }) {
  if (urls.length === 0) return null;
  return (
    <View className="report-detail-photos">
      {urls.map((url, i) => (
        <Image key={url} className="report-detail-photo" src={url} mode="aspectFill" {...alt(`照片 ${i + 1}`)} onClick={() => void Taro.previewImage({ urls, current: url })} />
      ))}
    </View>
  );
}

function Result({ result }: { result: NonNullable<ReportDetail["result"]> }) {
  const { mediation } = result;
  return (
    <View className="card">
      <Text className="card-title">办理结果</Text>
      <Text className="report-detail-text">{result.text}</Text>
      <Photos urls={result.photoUrls} />
      <Text className="item-card-line">办结时间：{when(result.at)}</Text>
      {mediation ? (
        <View className="report-detail-mediation">
          <Text className="report-detail-subtitle">调解记录</Text>
          <Text className="item-card-line">时间：{when(mediation.heldAt)}</Text>
          <Text className="item-card-line">地点：{mediation.place}</Text>
          <Text className="item-card-line">当事人：{mediation.parties.join("、")}</Text>
          <Text className="item-card-line">结果：{mediation.agreed ? "双方达成一致" : "未达成一致"}</Text>
        </View>
      ) : null}
    </View>
  );
}

/**
 * 诉求进度 (GET /reports/:id), the page notifications open: the case number, where it stands
 * (提交 → 受理 → 处理中 → 已办结 → 评价), what happened when, the result, and for the reporter
 * 撤回 while it waits or is handled and the rating once it is resolved. A public report opened by
 * someone else shows the same without actions (the server leaves out who filed it).
 */
export default function ReportDetailPage() {
  useElder();
  const { params } = useRouter();
  const reportId = params.id ?? "";
  const report = useApi(() => reportsApi.get(reportId), [reportId], Boolean(reportId));
  const firstShow = useRef(true);
  useDidShow(() => {
    // Back from 消息 or the home screen: the grid worker may have moved it on meanwhile.
    if (firstShow.current) firstShow.current = false;
    else void report.reload();
  });

  const withdraw = useAction(async () => {
    const { confirm } = await Taro.showModal({
      title: "撤回诉求",
      content: "确定撤回这件诉求吗？撤回后网格员不再办理，也不能恢复。",
      confirmText: "确定撤回",
      cancelText: "再想想",
      confirmColor: "#b71c1c",
    });
    if (!confirm) return;
    await reportsApi.withdraw(reportId);
    void Taro.showToast({ title: "已撤回", icon: "success" });
    await report.reload();
  });

  if (!reportId) return <View className={pageClass()}><EmptyState title="没有找到这件诉求" /></View>;
  return (
    <PageGate
      load={report}
      loadingText="正在读取诉求…"
      failedTitle="没有找到这件诉求"
      failedDescription={getToken() ? "诉求可能没有公开，或网络不通。" : "如果这是您反映的问题，请先在“我的”里登录。"}
    >
      {(r) => {
        const open = r.status === "submitted" || r.status === "accepted";
        return (
          <View className={pageClass("report-detail")}>
            <View className="card">
              <View className="report-detail-head">
                <View>
                  <Text className="report-detail-ref-label">诉求编号</Text>
                  <Text className="report-detail-ref">{r.ref}</Text>
                </View>
                <ReportStatusTag status={r.status} />
              </View>
              <ReportSteps status={r.status} />
              {r.status === "accepted" && r.reopenCount > 0 ? (
                <Text className="report-detail-reopened">
                  {r.isMine ? "您对上次的办理结果不满意，已重新交办，请耐心等待。" : "居民对上次的办理结果不满意，已重新办理。"}
                </Text>
              ) : null}
            </View>

            <View className="card">
              <Text className="card-title">
                {REPORT_CATEGORY_ICON[r.category]} {r.categoryName || reportCategoryName(r.category)}
              </Text>
              <Text className="report-detail-text">{r.description}</Text>
              <Photos urls={r.photoUrls} />
              <Text className="item-card-line">网格：{r.gridName}{r.building ? ` · ${r.building}` : ""}</Text>
              <Text className="item-card-line">提交时间：{when(r.createdAt)}</Text>
              {open ? <Text className="item-card-line">当前办理：{REPORT_LEVEL_LABEL[r.level]}</Text> : null}
              {r.status === "submitted" ? <Text className="item-card-line">应在 {when(r.acceptBy)} 前受理</Text> : null}
              {r.status === "accepted" ? <Text className="item-card-line">应在 {when(r.resolveBy)} 前办结</Text> : null}
              {r.isMine ? <Text className="item-card-line">{r.public ? "已公开到诉求墙（不显示姓名、电话和楼栋）" : "未公开，只有您和社区能看到"}</Text> : null}
            </View>

            {r.result ? <Result result={r.result} /> : null}

            {r.rating ? (
              <View className="card">
                <Text className="card-title">居民评价</Text>
                <Text className="report-detail-rating">{REPORT_RATING_LABEL[r.rating.rating]}</Text>
                {r.rating.comment ? <Text className="report-detail-text">“{r.rating.comment}”</Text> : null}
              </View>
            ) : null}

            {r.isMine && r.status === "resolved" ? <RateReport reportId={r.id} reopened={r.reopenCount > 0} onRated={report.reload} /> : null}

            <View className="card">
              <Text className="card-title">办理经过</Text>
              {r.timeline.length > 0 ? <ReportTimeline entries={r.timeline} /> : <Text className="muted">还没有办理记录。</Text>}
            </View>

            {r.isMine && open ? (
              <Button className={`btn btn-secondary ${withdraw.running ? "btn-busy" : ""}`} onClick={() => void withdraw.run().catch(() => void report.reload())}>
                撤回诉求
              </Button>
            ) : null}
          </View>
        );
      }}
    </PageGate>
  );
}
