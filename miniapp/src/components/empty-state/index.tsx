import { Button, Text, View } from "@tarojs/components";
import "./index.css";

interface EmptyStateProps {
  title: string;
  description?: string;
  actionText?: string;
  onAction?: () => void;
}

/** Nothing to show (yet): says so in plain words, with at most one thing to do about it. */
export function EmptyState({ title, description, actionText, onAction }: EmptyStateProps) {
  return (
    <View className="empty-state">
      <View className="empty-state-mark">
        <Text>○</Text>
      </View>
      <Text className="empty-state-title">{title}</Text>
      {description ? <Text className="empty-state-description">{description}</Text> : null}
      {actionText && onAction ? (
        <Button className="btn btn-secondary empty-state-action" onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}
