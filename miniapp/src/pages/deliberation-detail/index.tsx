import { Text, View } from "@tarojs/components";
import { useDidShow, useRouter } from "@tarojs/taro";
import { CommentBody, ObjectionBody } from "@renxing/shared";
import { useRef, useState } from "react";
import { useApi } from "../../api";
import { deliberationsApi } from "../../api/deliberations";
import { DeliberationStageTag, DeliberationStepper, FundingBar } from "../../components/deliberation";
import { EmptyState } from "../../components/empty-state";
import { PageGate } from "../../components/page-gate";
import { beijingDate } from "../../format";
import { askToSubscribe } from "../../notifications/subscribe";
import { pageClass, useElder } from "../../elder";
import { SayForm } from "./say";
import { Comments, Meetings, Objections, Progress, TallyCard, Timeline, publicityWords } from "./sections";
import { VoteCard } from "./vote";
import "../../components/form-extras/index.css";
import "./index.css";

/**
 * 议题详情 (GET /deliberations/:id), the page 议事进展 notifications open: where the topic stands
 * on its path, what is proposed and why, the consultation (meetings, residents' comments and, while
 * 两委商议, a comment form), the representatives' vote card (named representatives, during 代表审议),
 * the tally once voting closed, the publicity dates with the objections and their answers (and an
 * objection form while 决议公示), the crowdfunding totals and the progress photos.
 */
export default function DeliberationDetailPage() {
  useElder();
  const { params } = useRouter();
  const topicId = params.id ?? "";
  const topic = useApi(() => deliberationsApi.get(topicId), [topicId], Boolean(topicId));
  // Bumped after a new comment so the list under it reloads too.
  const [commentsVersion, setCommentsVersion] = useState(0);
  const firstShow = useRef(true);
  useDidShow(() => {
    // Back from signing in (the vote card is for representatives) or from a notification.
    if (firstShow.current) firstShow.current = false;
    else void topic.reload();
  });

  if (!topicId) return <View className={pageClass()}><EmptyState title="没有找到这个议题" /></View>;
  return (
    <PageGate load={topic} loadingText="正在读取议题…" failedTitle="没有找到这个议题">
      {(t) => (
        <View className={pageClass("deliberation-detail")}>
          <View className="card">
            <View className="item-card-head">
              <Text className="deliberation-title">{t.title}</Text>
              <DeliberationStageTag stage={t.stage} />
            </View>
            <Text className="item-card-line">
              {t.gridName ?? "全社区"} · {beijingDate(t.createdAt)} 提出
            </Text>
            <DeliberationStepper stage={t.stage} />
          </View>

          {t.canVote || t.myVote ? <VoteCard topicId={t.id} myVote={t.myVote ?? null} onVoted={topic.reload} /> : null}

          <View className="card">
            <Text className="card-title">背景</Text>
            <Text className="deliberation-text">{t.background}</Text>
            <Text className="card-title">提议内容</Text>
            <Text className="deliberation-text">{t.proposal}</Text>
          </View>

          {t.tally ? <TallyCard tally={t.tally} /> : null}

          {t.publicizedUntil ? (
            <View className="card">
              <Text className="card-title">决议公示</Text>
              {t.stage === "publicized" ? <Text className="deliberation-countdown">{publicityWords(t.publicizedUntil)}</Text> : null}
              <Text className="muted">公示期间，居民对决议有不同意见可以提出异议，社区会逐条答复。</Text>
              <Objections objections={t.objections} />
              {t.stage === "publicized" ? (
                <SayForm
                  label="我有异议"
                  placeholder="至少5个字，说说您不同意的地方和理由"
                  maxlength={500}
                  schema={ObjectionBody}
                  action="提出异议"
                  confirmText="异议会公开显示（不显示您的姓名），社区会答复。确定提交吗？"
                  doneText="异议已提交，社区会答复您"
                  send={(body) => {
                    askToSubscribe("deliberation_objection", ["deliberation_stage"]);
                    return deliberationsApi.object(t.id, body);
                  }}
                  onSent={topic.reload}
                />
              ) : null}
            </View>
          ) : null}

          {t.funding ? (
            <View className="card">
              <Text className="card-title">产权人众筹</Text>
              <FundingBar funding={t.funding} />
              <Text className="muted">只公布总额和参与户数，不公布个人姓名和金额。</Text>
            </View>
          ) : null}

          {t.progress.length > 0 ? <Progress updates={t.progress} /> : null}

          {t.meetings.length > 0 ? <Meetings meetings={t.meetings} /> : null}

          <View className="card">
            <Text className="card-title">居民意见（{t.commentCount} 条）</Text>
            <Comments topicId={t.id} count={t.commentCount} version={commentsVersion} />
            {t.stage === "consulting" ? (
              <SayForm
                label="说说您的意见"
                placeholder="至少2个字，例如：希望施工避开早晚休息时间"
                maxlength={500}
                schema={CommentBody}
                action="发表意见"
                confirmText="意见会公开显示您的昵称。确定发表吗？"
                doneText="意见已发表"
                send={(body) => deliberationsApi.comment(t.id, body)}
                onSent={async () => {
                  setCommentsVersion((v) => v + 1);
                  await topic.reload();
                }}
              />
            ) : null}
          </View>

          <View className="card">
            <Text className="card-title">议事经过</Text>
            <Timeline entries={t.timeline} />
          </View>
        </View>
      )}
    </PageGate>
  );
}
