import { Text, View } from "@tarojs/components";
import { useDidShow } from "@tarojs/taro";
import { HOUR_SOURCES, HOUR_SOURCE_LABEL } from "@renxing/shared";
import { useRef } from "react";
import { getToken, goToLogin, useApi } from "../../api";
import { tasksApi } from "../../api/tasks";
import { EmptyState } from "../../components/empty-state";
import { PageGate } from "../../components/page-gate";
import { beijingIsoDay, dayText, durationText } from "../../format";
import { pageClass, useElder } from "../../elder";
import "./index.css";

/** 我的服务时长: the total from the one hours ledger, and its records grouped by where they came from. */
export default function MyHoursPage() {
  useElder();
  const signedIn = Boolean(getToken());
  const hours = useApi(() => tasksApi.myHours(), [], signedIn);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (!getToken()) goToLogin();
    else if (!firstShow.current) void hours.reload();
    firstShow.current = false;
  });

  return (
    <PageGate
      load={hours}
      signedOut={{ when: !signedIn, description: "登录后可以查看服务时长。" }}
      loadingText="正在读取服务时长…"
      failedTitle="服务时长没有读取成功"
    >
      {(summary) => {
        const { totalMinutes, records } = summary;
        const groups = HOUR_SOURCES.map((source) => {
          const items = records.filter((r) => r.source === source);
          return { source, items, minutes: items.reduce((sum, r) => sum + r.minutes, 0) };
        }).filter((g) => g.items.length > 0);
        return (
          <View className={pageClass("my-hours")}>
            <View className="card hours-total">
              <Text className="hours-total-label">累计志愿服务</Text>
              <Text className="hours-total-value">{durationText(totalMinutes)}</Text>
              {totalMinutes >= 60 ? <Text className="muted">共 {totalMinutes} 分钟</Text> : null}
            </View>

            {groups.length === 0 ? (
              <EmptyState title="还没有服务记录" description="参加志愿任务、帮邻居实现微心愿、爱心送考，都会记入服务时长。" />
            ) : (
              groups.map((group) => (
                <View key={group.source} className="card hours-group" data-source={group.source}>
                  <View className="hours-group-head">
                    <Text className="card-title">{HOUR_SOURCE_LABEL[group.source]}</Text>
                    <Text className="hours-group-sum">{durationText(group.minutes)}</Text>
                  </View>
                  {group.items.map((record, i) => (
                    <View key={`${record.at}-${i}`} className="hours-record">
                      <View className="hours-record-body">
                        <Text className="hours-record-title">{record.title}</Text>
                        <Text className="muted hours-record-date">{dayText(beijingIsoDay(record.at))}</Text>
                      </View>
                      <Text className="hours-record-value">{durationText(record.minutes)}</Text>
                    </View>
                  ))}
                </View>
              ))
            )}
          </View>
        );
      }}
    </PageGate>
  );
}
