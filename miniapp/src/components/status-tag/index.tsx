import { Text, View } from "@tarojs/components";
import type { ReactNode } from "react";
import "./index.css";

export type StatusTone = "waiting" | "active" | "done" | "refused";

/** A status label (from shared/statuses.ts) in a coloured box, bold enough to read at a glance. */
export function StatusTag({ text, tone }: { text: string; tone: StatusTone }) {
  return (
    <View className={`status-tag status-tag-${tone}`}>
      <Text>{text}</Text>
    </View>
  );
}

/** Item cards of the team and wish lists: a title row with its status, then plain lines. */
export function ItemCard({ title, tag, onClick, children }: { title: string; tag?: ReactNode; onClick?: () => void; children?: ReactNode }) {
  return (
    <View className={`card item-card ${onClick ? "item-card-tappable" : ""}`} hoverClass={onClick ? "item-card-hover" : "none"} onClick={onClick}>
      <View className="item-card-head">
        <Text className="item-card-title">{title}</Text>
        {tag ?? null}
      </View>
      {children}
    </View>
  );
}
