import { Button, Text, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import { CARE_RISK_LABEL, type PairedRecipient } from "@renxing/shared";
import { useRef } from "react";
import { getToken, useApi } from "../../api";
import { careApi } from "../../api/care";
import { CallButton, DueTag, dueWords } from "../../components/care-ui";
import { PageGate } from "../../components/page-gate";
import { ItemCard } from "../../components/status-tag";
import { beijingDate } from "../../format";
import "../../components/form-extras/index.css";
import { pageClass, useElder } from "../../elder";
import "./index.css";

const elderQuery = (r: PairedRecipient) => `id=${encodeURIComponent(r.id)}&name=${encodeURIComponent(r.name)}`;

function ElderCard({ recipient: r }: { recipient: PairedRecipient }) {
  return (
    <ItemCard title={r.name} tag={<DueTag recipient={r} />}>
      <Text className={`care-due ${r.overdue ? "care-due-late" : ""}`}>{dueWords(r)}</Text>
      <Text className="item-card-line">下次走访：{beijingDate(r.nextDueAt)}</Text>
      <Text className="item-card-line">上次走访：{r.lastVisitAt ? beijingDate(r.lastVisitAt) : "还没有走访过"}</Text>
      <Text className="item-card-line">{r.gridName} · {CARE_RISK_LABEL[r.riskLevel]}</Text>
      <Text className="item-card-line">住址：{r.address}</Text>
      <Text className="item-card-line">电话：{r.phone}</Text>
      <View className="my-care-actions">
        <CallButton phone={r.phone} name={r.name} />
        <Button className="btn btn-primary" onClick={() => void Taro.navigateTo({ url: `/pages/care-visit/index?${elderQuery(r)}` })}>
          记录走访
        </Button>
        <Button className="btn btn-secondary" onClick={() => void Taro.navigateTo({ url: `/pages/care-history/index?${elderQuery(r)}` })}>
          走访记录
        </Button>
      </View>
    </ItemCard>
  );
}

/**
 * 我的结对 (GET /me/care): the elders living alone a volunteer is paired with, overdue first (the
 * server's order), each with when the next visit is due, a big 打电话 and 记录走访.
 */
export default function MyCarePage() {
  useElder();
  const signedIn = Boolean(getToken());
  const elders = useApi(() => careApi.mine(), [], signedIn);
  const firstShow = useRef(true);
  useDidShow(() => {
    // Back from 记录走访: the next due date has moved.
    if (firstShow.current) firstShow.current = false;
    else if (getToken()) void elders.reload();
  });

  return (
    <View className={pageClass("my-care")}>
      <View className="card">
        <Text className="card-title">关爱独居老人</Text>
        <Text className="muted">按时上门看看结对的老人。去之前先打个电话；走访后请记录，有情况社区会及时知道。</Text>
      </View>
      <PageGate
        inline
        load={elders}
        signedOut={{ when: !signedIn, description: "登录后可以查看您结对的老人。" }}
        loadingText="正在读取您结对的老人…"
        failedTitle="结对的老人没有读取成功"
        empty={{ when: (list) => list.items.length === 0, title: "还没有结对的老人，社区会为您安排" }}
      >
        {(list) => list.items.map((r) => <ElderCard key={r.id} recipient={r} />)}
      </PageGate>
    </View>
  );
}
