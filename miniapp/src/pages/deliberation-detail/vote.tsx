import { Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import { VOTE_CHOICE_LABEL, VOTE_CHOICES, type VoteChoice } from "@renxing/shared";
import { useState } from "react";
import { ApiError, useAction } from "../../api";
import { deliberationsApi } from "../../api/deliberations";
import { confirmAction } from "../../components/service-ui";
import { role } from "../../a11y";

/**
 * 代表审议 for a named representative (POST /deliberations/:id/votes): three large buttons, a
 * confirmation (a vote cannot be changed), then "您已投票：同意". A refusal (ALREADY_VOTED,
 * VOTING_CLOSED) shows the server's words under the buttons.
 */
export function VoteCard({ topicId, myVote, onVoted }: { topicId: string; myVote: VoteChoice | null; onVoted: () => Promise<void> }) {
  const [voted, setVoted] = useState<VoteChoice | null>(myVote);
  const [error, setError] = useState("");
  const shown = voted ?? myVote;

  const vote = useAction(async (choice: VoteChoice) => {
    const label = VOTE_CHOICE_LABEL[choice];
    if (!(await confirmAction("确认投票", `您投的是“${label}”。投票后不能更改，确定吗？`, "确定投票"))) return;
    setError("");
    try {
      await deliberationsApi.vote(topicId, { choice });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.message);
      await onVoted();
      return;
    }
    setVoted(choice);
    void Taro.showToast({ title: "投票成功", icon: "success" });
    await onVoted();
  });

  return (
    <View className="card deliberation-vote">
      <Text className="card-title">居民代表投票</Text>
      {shown ? (
        <Text className="deliberation-voted">您已投票：{VOTE_CHOICE_LABEL[shown]}</Text>
      ) : (
        <View>
          <Text className="muted">您是居民代表，请对这个议题表态。每位代表只能投一次，投票结果在表决结束后公布。</Text>
          <View className="deliberation-vote-choices">
            {VOTE_CHOICES.map((choice) => (
              <View
                key={choice}
                className={`deliberation-vote-choice ${vote.running ? "btn-busy" : ""}`}
                {...role("button")}
                onClick={() => void vote.run(choice).catch(() => undefined)}
              >
                <Text>{VOTE_CHOICE_LABEL[choice]}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
      {error ? <Text className="field-error">{error}</Text> : null}
    </View>
  );
}
