import { Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import "./index.css";

// The big tap-to-choose buttons live in one place for every form.
export { Choices, type Choice } from "../choice-buttons";

/** One line of a detail card: a grey label and its value. */
export function InfoRow({ label, value }: { label: string; value: string }) {
  return (
    <View className="info-row">
      <Text className="info-label">{label}</Text>
      <Text className="info-value">{value}</Text>
    </View>
  );
}

/** A status in words, coloured: "done" green, "off" grey, otherwise red for "needs attention". */
export function StatusBadge({ text, tone = "active" }: { text: string; tone?: "active" | "done" | "off" }) {
  return <Text className={`status-badge status-badge-${tone}`}>{text}</Text>;
}

/**
 * Asks before anything that cannot be undone; resolves true only on the confirm button. WeChat and
 * Taro's H5 refuse a button label over 4 Chinese characters, so a longer one becomes 确定.
 */
export async function confirmAction(title: string, content: string, confirmText = "确定"): Promise<boolean> {
  const label = confirmText.length <= 4 ? confirmText : "确定";
  const answer = await Taro.showModal({ title, content, confirmText: label, cancelText: "再想想", confirmColor: "#b71c1c" });
  return answer.confirm;
}
