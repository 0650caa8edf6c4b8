import { Text, View } from "@tarojs/components";
import { EmptyState } from "../../components/empty-state";

/** 爱心送考: a placeholder until the exam-day rides issue lands. */
export default function RidesPage() {
  return (
    <View className="page">
      <View className="card">
        <Text className="card-title">爱心送考</Text>
        <Text className="muted">中考、高考当天，爱心司机免费接送考生。</Text>
      </View>
      <EmptyState title="功能即将开放" description="预约送考正在准备中，敬请期待。" />
    </View>
  );
}
