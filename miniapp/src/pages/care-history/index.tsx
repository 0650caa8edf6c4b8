import { Button, Text, View } from "@tarojs/components";
import Taro, { useRouter } from "@tarojs/taro";
import { VISIT_FLAG_LABEL, VISIT_OUTCOME_LABEL } from "@renxing/shared";
import { useApi } from "../../api";
import { careApi, type CareVisit } from "../../api/care";
import { EmptyState } from "../../components/empty-state";
import { PageGate } from "../../components/page-gate";
import { ItemCard, StatusTag } from "../../components/status-tag";
import { pageClass, useElder } from "../../elder";
import { dayClockText, durationText } from "../../format";

function VisitCard({ visit: v }: { visit: CareVisit }) {
  const worries = v.flags.map((f) => VISIT_FLAG_LABEL[f]).join("、");
  return (
    <ItemCard title={dayClockText(v.visitedAt)} tag={<StatusTag text={VISIT_OUTCOME_LABEL[v.outcome]} tone={v.outcome === "visited" ? "done" : "waiting"} />}>
      <Text className="item-card-line">情况：{worries || "没有发现问题"}</Text>
      <Text className="item-card-line">时长：{durationText(v.minutes)}</Text>
      <Text className="item-card-line">走访人：{v.volunteer.name}</Text>
      {v.note ? <Text className="item-card-story">备注：{v.note}</Text> : null}
    </ItemCard>
  );
}

/** 走访记录 (GET /care/:recipientId/visits): every visit to one elder, newest first, by anyone paired. */
export default function CareHistoryPage() {
  useElder();
  const { params } = useRouter();
  const recipientId = params.id ?? "";
  const name = decodeURIComponent(params.name ?? "") || "老人";
  const visits = useApi(() => careApi.visits(recipientId), [recipientId], Boolean(recipientId));

  if (!recipientId) return <View className={pageClass()}><EmptyState title="没有找到这位老人" /></View>;
  const record = () => void Taro.redirectTo({ url: `/pages/care-visit/index?id=${encodeURIComponent(recipientId)}&name=${encodeURIComponent(name)}` });
  return (
    <View className={pageClass("care-history")}>
      <View className="card">
        <Text className="card-title">{name}的走访记录</Text>
        <Button className="btn btn-primary" onClick={record}>
          记录走访
        </Button>
      </View>
      <PageGate
        inline
        load={visits}
        loadingText="正在读取走访记录…"
        failedTitle="走访记录没有读取成功"
        empty={{ when: (list) => list.items.length === 0, title: "还没有走访记录", description: "走访后点上面的“记录走访”。" }}
      >
        {(list) => list.items.map((v) => <VisitCard key={v.id} visit={v} />)}
      </PageGate>
    </View>
  );
}
