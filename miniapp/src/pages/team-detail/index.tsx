import { Button, Text, View } from "@tarojs/components";
import Taro, { useDidShow, useRouter } from "@tarojs/taro";
import { APPLICATION_STATUS_LABEL } from "@renxing/shared";
import { useRef } from "react";
import { api, getToken, goToLogin, useAction, useApi } from "../../api";
import { teamsApi } from "../../api/teams";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { StatusTag } from "../../components/status-tag";
import { PageGate } from "../../components/page-gate";
import { teamEligibility } from "../../format";
import { pageClass, useElder } from "../../elder";
import "./index.css";

/**
 * 队伍介绍: one team (GET /teams/:id), who may join, and the one thing to do next: apply, wait
 * for the review, or (a member) leave after a confirmation.
 */
export default function TeamDetailPage() {
  useElder();
  const { params } = useRouter();
  const teamId = params.id ?? "";
  const signedIn = Boolean(getToken());
  const team = useApi(() => teamsApi.get(teamId), [teamId], Boolean(teamId));
  const me = useApi(() => api.me({ auth: "optional" }), [], signedIn);
  const applications = useApi(() => teamsApi.myApplications(), [], signedIn);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false;
      return;
    }
    if (getToken()) {
      void me.reload();
      void applications.reload();
    }
  });

  const leave = useAction(async () => {
    await teamsApi.leave(teamId);
    void Taro.showToast({ title: "已退出队伍", icon: "success" });
    await Promise.all([me.reload(), team.reload(), applications.reload()]);
  });
  const askToLeave = async () => {
    const { confirm } = await Taro.showModal({
      title: "退出队伍",
      content: `确定要退出${team.data?.name ?? "这支队伍"}吗？退出后需要重新申请才能加入。`,
      confirmText: "确定退出",
      cancelText: "再想想",
      confirmColor: "#b71c1c",
    });
    if (confirm) void leave.run().catch(() => undefined);
  };

  if (!teamId) return <View className={pageClass()}><EmptyState title="没有找到这支队伍" /></View>;
  return (
    <PageGate
      load={team}
      loadingText="正在读取队伍介绍…"
      failedTitle="队伍介绍没有读取成功"
    >
      {(t) => {
        const isMember = Boolean(me.data?.teams.some((m) => m.id === teamId));
        const pending = applications.data?.items.find((a) => a.team.id === teamId && a.status === "pending");
        const apply = () => {
          if (!getToken()) goToLogin();
          else void Taro.navigateTo({ url: `/pages/team-apply/index?id=${teamId}` });
        };

        let action;
        if (signedIn && (me.loading || applications.loading) && !me.data) {
          action = <Loading text="正在查看您的申请…" />;
        } else if (isMember) {
          action = (
            <View>
              <Text className="team-detail-note">您已是这支队伍的队员，谢谢您的付出！</Text>
              <Button className={`btn btn-secondary ${leave.running ? "btn-busy" : ""}`} onClick={() => void askToLeave()}>
                {leave.running ? "正在退出…" : "退出队伍"}
              </Button>
            </View>
          );
        } else if (pending) {
          action = (
            <View>
              <View className="team-detail-pending">
                <Text className="team-detail-note">您的申请正在审核，请耐心等待。</Text>
                <StatusTag text={APPLICATION_STATUS_LABEL.pending} tone="waiting" />
              </View>
              <Button className="btn btn-secondary" onClick={() => void Taro.navigateTo({ url: "/pages/my-applications/index" })}>
                查看我的申请
              </Button>
            </View>
          );
        } else {
          action = (
            <Button className="btn btn-primary" onClick={apply}>
              {signedIn ? "申请加入" : "登录后申请加入"}
            </Button>
          );
        }
        return (
          <View className={pageClass("team-detail")}>
            <View className="card">
              <Text className="team-detail-name">{t.name}</Text>
              <Text className="team-detail-slogan">“{t.slogan}”</Text>
              <Text className="team-detail-description">{t.description}</Text>
            </View>
            <View className="card">
              <Text className="card-title">谁可以加入</Text>
              <Text className="team-detail-fact">{teamEligibility(t.minBirthYear, t.maxBirthYear)}</Text>
              <Text className="card-title">现有队员</Text>
              <Text className="team-detail-fact">{t.memberCount} 人</Text>
            </View>
            {action}
          </View>
        );
      }}
    </PageGate>
  );
}
