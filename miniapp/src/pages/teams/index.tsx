import { Text, View } from "@tarojs/components";
import { EmptyState } from "../../components/empty-state";

/** 志愿队伍: a placeholder until the volunteer-teams issue lands. */
export default function TeamsPage() {
  return (
    <View className="page">
      <View className="card">
        <Text className="card-title">志愿队伍</Text>
        <Text className="muted">薪火青年团、6070分队、马仁兴志愿者服务队等队伍欢迎您加入。</Text>
      </View>
      <EmptyState title="功能即将开放" description="队伍介绍和在线报名正在准备中，敬请期待。" />
    </View>
  );
}
