import { Button, Text, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import { useRef } from "react";
import { api, getToken, goToLogin, useApi } from "../../api";
import { teamsApi } from "../../api/teams";
import { PageGate } from "../../components/page-gate";
import { ItemCard, StatusTag } from "../../components/status-tag";
import { teamEligibility } from "../../format";
import { pageClass, useElder } from "../../elder";

/** 志愿队伍: every team (GET /teams) with its slogan and size; a tap opens the team. */
export default function TeamsPage() {
  useElder();
  const teams = useApi(() => teamsApi.list(), []);
  const me = useApi(() => api.me({ auth: "optional" }), [], Boolean(getToken()));
  const firstShow = useRef(true);
  useDidShow(() => {
    // Back from applying or leaving: member counts and "已加入" may have changed.
    if (firstShow.current) {
      firstShow.current = false;
      return;
    }
    void teams.reload();
    if (getToken()) void me.reload();
  });

  const myTeamIds = new Set((me.data?.teams ?? []).map((t) => t.id));
  const openApplications = () => {
    if (getToken()) void Taro.navigateTo({ url: "/pages/my-applications/index" });
    else goToLogin();
  };

  return (
    <View className={pageClass()}>
      <View className="card">
        <Text className="card-title">志愿队伍</Text>
        <Text className="muted">选一支队伍，看看介绍，就可以在线申请加入。</Text>
      </View>

      <PageGate
        inline
        load={teams}
        loadingText="正在读取队伍…"
        failedTitle="队伍没有读取成功"
        empty={{
          when: (list) => list.items.length === 0,
          title: "还没有志愿队伍",
          description: "社区正在组建队伍，请过几天再来看看。",
        }}
      >
        {(list) =>
          list.items.map((team) => (
            <ItemCard
              key={team.id}
              title={team.name}
              tag={myTeamIds.has(team.id) ? <StatusTag text="已加入" tone="done" /> : null}
              onClick={() => void Taro.navigateTo({ url: `/pages/team-detail/index?id=${team.id}` })}
            >
              <Text className="item-card-story">“{team.slogan}”</Text>
              <Text className="item-card-line">现有队员 {team.memberCount} 人</Text>
              <Text className="item-card-line">{teamEligibility(team.minBirthYear, team.maxBirthYear)}</Text>
              <Text className="item-card-more">查看介绍 ›</Text>
            </ItemCard>
          ))}
      </PageGate>

      <Button className="btn btn-secondary" onClick={openApplications}>
        我的申请
      </Button>
    </View>
  );
}
