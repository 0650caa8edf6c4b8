import { Button, Text, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import { APPLICATION_STATUS_LABEL, type ApplicationStatus } from "@renxing/shared";
import { useRef } from "react";
import { api, useApi } from "../../api";
import { teamsApi } from "../../api/teams";
import { ItemCard, StatusTag, type StatusTone } from "../../components/status-tag";
import { PageGate } from "../../components/page-gate";
import { beijingDate } from "../../format";
import { pageClass, useElder } from "../../elder";
import "./index.css";

const TONE: Record<ApplicationStatus, StatusTone> = { pending: "waiting", approved: "done", rejected: "refused" };

/** 我的申请: every application (GET /me/applications) with its status and, if refused, why. */
export default function MyApplicationsPage() {
  useElder();
  const applications = useApi(() => teamsApi.myApplications(), []);
  // An approved application stays approved after the resident leaves: /me says who is a member now.
  const me = useApi(() => api.me(), []);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else void Promise.all([applications.reload(), me.reload()]);
  });
  const memberOf = new Set((me.data?.teams ?? []).map((t) => t.id));

  return (
    <PageGate
      load={applications}
      loadingText="正在读取您的申请…"
      failedTitle="申请没有读取成功"
      empty={{
        when: (list) => list.items.length === 0,
        title: "您还没有申请过",
        description: "到志愿队伍里选一支队伍，就可以申请加入。",
        actionText: "去看看志愿队伍",
        onAction: () => void Taro.switchTab({ url: "/pages/teams/index" }),
      }}
    >
      {(list) => (
        <View className={pageClass("my-applications")}>
          {list.items.map((a) => (
            <ItemCard key={a.id} title={a.team.name} tag={<StatusTag text={APPLICATION_STATUS_LABEL[a.status]} tone={TONE[a.status]} />}>
              <Text className="item-card-line">申请日期：{beijingDate(a.createdAt)}</Text>
              {a.decidedAt ? <Text className="item-card-line">审核日期：{beijingDate(a.decidedAt)}</Text> : null}
              {a.status === "pending" ? <Text className="item-card-line">社区正在审核，请耐心等待。</Text> : null}
              {a.status === "approved" && me.data ? (
                <Text className="item-card-line">{memberOf.has(a.team.id) ? "欢迎您成为志愿者！" : "您已退出这支队伍。"}</Text>
              ) : null}
              {a.status === "rejected" ? (
                <Text className="my-applications-reason">未通过原因：{a.reason ?? "社区没有填写原因"}</Text>
              ) : null}
              <Button className="btn btn-secondary my-applications-team" onClick={() => void Taro.navigateTo({ url: `/pages/team-detail/index?id=${a.team.id}` })}>
                查看队伍
              </Button>
            </ItemCard>
          ))}
        </View>
      )}
    </PageGate>
  );
}
