import { Button, Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import { RateReportBody, REPORT_RATING_LABEL, REPORT_RATINGS, type ReportRating } from "@renxing/shared";
import { useState } from "react";
import { ApiError, useAction } from "../../api";
import { reportsApi } from "../../api/reports";
import { TextBox } from "../../components/field";
import { role } from "../../a11y";

const FACE: Record<ReportRating, string> = { satisfied: "😊", basically_satisfied: "🙂", dissatisfied: "😟" };

/**
 * The reporter's verdict on a resolved report (POST /reports/:id/rate): three large buttons, an
 * optional word, then 确认. A first 不满意 sends the report back to be handled again.
 */
export function RateReport({ reportId, reopened, onRated }: { reportId: string; reopened: boolean; onRated: () => Promise<void> }) {
  const [rating, setRating] = useState<ReportRating | undefined>();
  const [comment, setComment] = useState("");
  const [error, setError] = useState("");

  const send = useAction(async () => {
    const parsed = RateReportBody.safeParse({ rating, comment: comment.trim() || undefined });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "请检查后再提交");
      return;
    }
    setError("");
    const dissatisfied = parsed.data.rating === "dissatisfied";
    const { confirm } = await Taro.showModal({
      title: "提交评价",
      content: dissatisfied
        ? reopened
          ? "这是第二次不满意，提交后诉求会结案并交给社区重点关注。"
          : "提交后会请网格员重新办理这件诉求。"
        : `确定评价为“${REPORT_RATING_LABEL[parsed.data.rating]}”吗？提交后结案。`,
      confirmText: "确定提交",
      cancelText: "再想想",
      confirmColor: "#b71c1c",
    });
    if (!confirm) return;
    try {
      await reportsApi.rate(reportId, parsed.data);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.message);
      return;
    }
    void Taro.showToast({ title: dissatisfied && !reopened ? "已请网格员重新办理" : "谢谢您的评价", icon: "none" });
    await onRated();
  });

  return (
    <View className="card report-rate">
      <Text className="card-title">问题解决了吗？请您评价</Text>
      <View className="report-rate-choices">
        {REPORT_RATINGS.map((value) => {
          const on = value === rating;
          return (
            <View
              key={value}
              className={`report-rate-choice ${on ? "report-rate-choice-on" : ""}`}
              {...role("radio")}
              aria-checked={on}
              onClick={() => (setRating(value), setError(""))}
            >
              <Text className="report-rate-face">{FACE[value]}</Text>
              <Text className="report-rate-label">{REPORT_RATING_LABEL[value]}</Text>
            </View>
          );
        })}
      </View>
      <Text className="field-label">想说的话（可不填）</Text>
      <TextBox value={comment} maxlength={300} placeholder="例如：处理得很及时，谢谢网格员" onInput={setComment} />
      {error ? <Text className="field-error">{error}</Text> : null}
      <Button className={`btn btn-primary report-rate-confirm ${send.running ? "btn-busy" : ""}`} onClick={() => void send.run().catch(() => undefined)}>
        {send.running ? "正在提交…" : "确认评价"}
      </Button>
    </View>
  );
}
