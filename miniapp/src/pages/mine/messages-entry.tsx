import { Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";

/** 我的 → 消息: the row into the message list, with the unread count the tab badge shows too. */
export function MessagesEntry({ unread }: { unread: number | undefined }) {
  return (
    <View className="card mine-messages" hoverClass="mine-messages-hover" onClick={() => void Taro.navigateTo({ url: "/pages/messages/index" })}>
      <Text className="mine-messages-title">消息</Text>
      {unread ? <Text className="mine-messages-unread">{unread}条未读</Text> : null}
      <Text className="mine-messages-arrow">›</Text>
    </View>
  );
}
