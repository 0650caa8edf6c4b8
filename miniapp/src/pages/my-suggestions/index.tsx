import { Button, Text, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import { DELIBERATION_STAGE_LABEL } from "@renxing/shared";
import { useRef } from "react";
import { getToken, useApi } from "../../api";
import { deliberationsApi, type MySuggestion } from "../../api/deliberations";
import { DeliberationStageTag } from "../../components/deliberation";
import { PageGate } from "../../components/page-gate";
import { ItemCard, StatusTag } from "../../components/status-tag";
import { beijingDate } from "../../format";
import { pageClass, useElder } from "../../elder";
import "../../components/form-extras/index.css";
import "./index.css";

const topicUrl = (id: string) => `/pages/deliberation-detail/index?id=${encodeURIComponent(id)}`;

function SuggestionCard({ suggestion: s }: { suggestion: MySuggestion }) {
  const topic = s.deliberation;
  return (
    <ItemCard
      title={s.title}
      tag={topic ? <DeliberationStageTag stage={topic.stage} /> : <StatusTag text="社区研究中" tone="waiting" />}
      onClick={topic ? () => void Taro.navigateTo({ url: topicUrl(topic.id) }) : undefined}
    >
      <Text className="item-card-story wish-story-short">{s.text}</Text>
      <Text className="item-card-line">提交于 {beijingDate(s.createdAt)}</Text>
      {topic ? (
        <View>
          <Text className="my-suggestions-became">
            已列为议题“{topic.title}”，现在：{DELIBERATION_STAGE_LABEL[topic.stage]}
          </Text>
          <Text className="item-card-more">查看议题 ›</Text>
        </View>
      ) : (
        <Text className="item-card-line">社区正在研究，需要大家商量的会列为议题。</Text>
      )}
    </ItemCard>
  );
}

/** 我的建议 (GET /me/suggestions): the resident's suggestions, newest first, and the topic each became. */
export default function MySuggestionsPage() {
  useElder();
  const signedIn = Boolean(getToken());
  const suggestions = useApi(() => deliberationsApi.mySuggestions(), [], signedIn);
  const firstShow = useRef(true);
  useDidShow(() => {
    // Back from a topic, or after 我要建议.
    if (firstShow.current) firstShow.current = false;
    else if (getToken()) void suggestions.reload();
  });

  return (
    <View className={pageClass("my-suggestions")}>
      <Button className="btn btn-primary my-suggestions-post" onClick={() => void Taro.navigateTo({ url: "/pages/suggestion-post/index" })}>
        我要建议
      </Button>
      <PageGate
        inline
        load={suggestions}
        signedOut={{ when: !signedIn, description: "登录后可以查看您提的建议和办理情况。" }}
        loadingText="正在读取您的建议…"
        failedTitle="建议没有读取成功"
        empty={{
          when: (list) => list.items.length === 0,
          title: "您还没有提过建议",
          description: "有想让大家一起商量的事，点上面的“我要建议”告诉社区。",
        }}
      >
        {(list) => list.items.map((s) => <SuggestionCard key={s.id} suggestion={s} />)}
      </PageGate>
    </View>
  );
}
