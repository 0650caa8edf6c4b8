import { Text, View } from "@tarojs/components";
import "./index.css";

/** A page or section that is waiting for the API: big, plain words and a spinner. */
export function Loading({ text = "正在加载…" }: { text?: string }) {
  return (
    <View className="loading" aria-live="polite">
      <View className="loading-spinner" />
      <Text className="loading-text">{text}</Text>
    </View>
  );
}
