import { Text, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import { SIGNUP_STATUS_LABEL, type Task } from "@renxing/shared";
import { useRef } from "react";
import { useApi } from "../../api";
import { tasksApi } from "../../api/tasks";
import { InfoRow, StatusBadge } from "../../components/service-ui";
import { PageGate } from "../../components/page-gate";
import { clockText, dayClockText } from "../../format";
import { pageClass, useElder } from "../../elder";
import "./index.css";

const placesLeft = (task: Task) => Math.max(0, task.capacity - task.signedUpCount);

/** 志愿任务: tasks that have not ended, soonest first, with places left and the resident's own sign-up. */
export default function TaskListPage() {
  useElder();
  const tasks = useApi(() => tasksApi.list(), []);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (!firstShow.current) void tasks.reload();
    firstShow.current = false;
  });

  return (
    <PageGate
      load={tasks}
      loadingText="正在读取志愿任务…"
      failedTitle="任务没有读取成功"
      empty={{
        when: (list) => list.items.length === 0,
        title: "最近没有志愿任务",
        description: "社区发布新任务后会显示在这里。",
      }}
    >
      {(list) => (
        <View className={pageClass("task-list")}>
          {list.items.map((task) => {
            const left = placesLeft(task);
            const mine = task.mySignup && task.mySignup.status !== "withdrawn" ? task.mySignup : null;
            return (
              <View
                key={task.id}
                className="card task-card"
                hoverClass="task-card-hover"
                data-task={task.id}
                onClick={() => void Taro.navigateTo({ url: `/pages/task-detail/index?id=${encodeURIComponent(task.id)}` })}
              >
                <View className="card-head">
                  <Text className="card-title">{task.title}</Text>
                  {mine ? <StatusBadge text={SIGNUP_STATUS_LABEL[mine.status]} tone="done" /> : null}
                </View>
                <InfoRow label="时间" value={`${dayClockText(task.startsAt)} 至 ${clockText(task.endsAt)}`} />
                <InfoRow label="地点" value={task.location} />
                {task.teamName ? <InfoRow label="限" value={`${task.teamName}队员`} /> : null}
                <View className="task-places">
                  <Text className={left > 0 ? "task-places-left" : "task-places-full"}>{left > 0 ? `还剩 ${left} 个名额` : "名额已满"}</Text>
                  <Text className="task-more">查看详情 ›</Text>
                </View>
              </View>
            );
          })}
        </View>
      )}
    </PageGate>
  );
}
