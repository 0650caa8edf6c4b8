import { Text, View } from "@tarojs/components";
import { EmptyState } from "../../components/empty-state";

/** 微心愿: a placeholder until the micro-wishes issue lands. */
export default function WishesPage() {
  return (
    <View className="page">
      <View className="card">
        <Text className="card-title">微心愿</Text>
        <Text className="muted">邻里的小心愿，由志愿者和共建单位认领帮助实现。</Text>
      </View>
      <EmptyState title="功能即将开放" description="发布和认领微心愿正在准备中，敬请期待。" />
    </View>
  );
}
