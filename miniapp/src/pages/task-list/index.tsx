import { Text, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import { SIGNUP_STATUS_LABEL, type Task } from "@renxing/shared";
import { useRef } from "react";
import { useApi } from "../../api";
import { tasksApi } from "../../api/tasks";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { InfoRow, StatusBadge } from "../../components/service-ui";
import { clockText, dayClockText } from "../../format";
import "./index.css";

const placesLeft = (task: Task) => Math.max(0, task.capacity - task.signedUpCount);

/** 志愿任务: tasks that have not ended, soonest first, with places left and the resident's own sign-up. */
export default function TaskListPage() {
  const tasks = useApi(() => tasksApi.list(), []);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (!firstShow.current) void tasks.reload();
    firstShow.current = false;
  });

  if (tasks.loading && !tasks.data) return <View className="page"><Loading text="正在读取志愿任务…" /></View>;
  if (!tasks.data) {
    return (
      <View className="page">
        <EmptyState title="任务没有读取成功" description="请检查网络后重试。" actionText="重试" onAction={() => void tasks.reload()} />
      </View>
    );
  }
  if (tasks.data.items.length === 0) {
    return (
      <View className="page">
        <EmptyState title="最近没有志愿任务" description="社区发布新任务后会显示在这里。" />
      </View>
    );
  }

  return (
    <View className="page task-list">
      {tasks.data.items.map((task) => {
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
  );
}
