import { Button, Text, View } from "@tarojs/components";
import { setElder, useElder } from "../../elder";

/** 我的 → 大字模式: said in words what it changes, then one button that turns it on or off. */
export function ElderSwitch() {
  const elder = useElder();
  return (
    <View className="card elder-switch">
      <Text className="card-title">大字模式</Text>
      <Text className="elder-switch-text">打开后，字和按钮都更大，每行只放一个按钮，颜色更深，看得更清楚。只对这部手机有效。</Text>
      <Button className={`btn ${elder ? "btn-secondary" : "btn-primary"}`} onClick={() => setElder(!elder)}>
        {elder ? "关闭大字模式" : "打开大字模式"}
      </Button>
    </View>
  );
}
