import { Button, Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import type { MyProfile } from "@renxing/shared";
import "../../components/form-extras/index.css";

/** 我的 → the resident's teams and wishes: 我的申请, 我的心愿, and 我认领的心愿 for those who claim. */
export function MyVolunteering({ profile }: { profile: MyProfile }) {
  const canClaim = profile.roles.includes("volunteer") || profile.roles.includes("partner");
  const links = [
    { url: "/pages/my-applications/index", title: "我的申请" },
    { url: "/pages/my-wishes/index", title: "我的心愿" },
    ...(canClaim ? [{ url: "/pages/my-wishes/index?view=claimed", title: "我认领的心愿" }] : []),
  ];
  return (
    <View className="card my-volunteering">
      <Text className="card-title">志愿队伍和微心愿</Text>
      <Text className="my-volunteering-teams">
        {profile.teams.length > 0 ? `已加入：${profile.teams.map((t) => t.name).join("、")}` : "还没有加入志愿队伍"}
      </Text>
      {links.map((link) => (
        <Button key={link.url} className="btn btn-secondary" onClick={() => void Taro.navigateTo({ url: link.url })}>
          {link.title}
        </Button>
      ))}
    </View>
  );
}
