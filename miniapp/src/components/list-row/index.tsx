import { Text, View } from "@tarojs/components";
import type { ReactNode } from "react";
import "./index.css";

/**
 * A column of label/value rows with hairlines between them, sized for older eyes (18px text,
 * rows at least 48px tall): the label grey on the left, the value bold on the right.
 *
 * @example <ListRows><ListRow label="手机" value="138****0000" /></ListRows>
 */
export function ListRows({ children }: { children: ReactNode }) {
  return <View className="list-rows">{children}</View>;
}

export function ListRow({ label, value }: { label: string; value: string }) {
  return (
    <View className="list-row">
      <Text className="list-row-label">{label}</Text>
      <Text className="list-row-value">{value}</Text>
    </View>
  );
}
