import { Button, Text, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import { useRef } from "react";
import { api, getToken, useApi } from "../../api";
import { Loading } from "../../components/loading";
import { serviceHours } from "../../format";
import { useUnreadBadge } from "../../notifications/unread";
import { pageClass, useElder } from "../../elder";
import "./index.css";

const ENTRIES = [
  { url: "/pages/teams/index", title: "志愿队伍", text: "加入薪火青年团、6070分队等队伍，一起服务邻里" },
  { url: "/pages/wishes/index", title: "微心愿", text: "发布自己的小心愿，或帮邻居实现心愿" },
  { url: "/pages/rides/index", title: "爱心送考", text: "中考、高考当天，爱心司机免费接送考生" },
];

/** 首页: 随手拍 (a report to the grid worker), who is signed in, the three things the platform does, and a word about the community. */
export default function HomePage() {
  useElder();
  const signedIn = Boolean(getToken());
  const me = useApi(() => api.me({ auth: "optional" }), [], signedIn);
  useUnreadBadge();
  const firstShow = useRef(true);
  useDidShow(() => {
    // Coming back from 我的 or the login page: show the latest name and hours.
    if (firstShow.current) firstShow.current = false;
    else if (getToken()) void me.reload();
  });

  return (
    <View className={pageClass("home")}>
      <View className="home-hero">
        <Text className="home-hero-title">仁兴社区志愿服务</Text>
        <Text className="home-hero-slogan">邻里有需要，志愿来帮忙</Text>
      </View>

      <View className="card home-report">
        <Text className="home-report-text">身边有环境卫生、设施损坏、安全隐患等问题？拍张照片告诉网格员。</Text>
        <Button className="btn btn-primary home-report-post" onClick={() => void Taro.navigateTo({ url: "/pages/report-post/index" })}>
          随手拍 · 我要反映
        </Button>
        <Button className="btn btn-secondary" onClick={() => void Taro.navigateTo({ url: "/pages/report-wall/index" })}>
          看看诉求墙
        </Button>
      </View>

      <View className="card">
        {me.loading ? (
          <Loading text="正在读取您的信息…" />
        ) : me.data && getToken() ? (
          <View>
            <Text className="card-title">您好，{me.data.nickname}</Text>
            <Text className="home-hours">累计志愿服务 {serviceHours(me.data.totalServiceMinutes)}</Text>
            <Button className="btn btn-secondary" onClick={() => void Taro.switchTab({ url: "/pages/mine/index" })}>
              查看我的资料
            </Button>
          </View>
        ) : (
          <View>
            <Text className="card-title">欢迎来到仁兴社区</Text>
            <Text className="muted home-welcome">登录后可以加入志愿队伍、发布微心愿、预约爱心送考。</Text>
            <Button className="btn btn-primary" onClick={() => void Taro.navigateTo({ url: "/pages/login/index?redirect=%2Fpages%2Findex%2Findex" })}>
              登录
            </Button>
          </View>
        )}
      </View>

      {ENTRIES.map((entry) => (
        <View key={entry.url} className="card home-entry" hoverClass="home-entry-hover" onClick={() => void Taro.switchTab({ url: entry.url })}>
          <View className="home-entry-body">
            <Text className="home-entry-title">{entry.title}</Text>
            <Text className="muted">{entry.text}</Text>
          </View>
          <Text className="home-entry-arrow">›</Text>
        </View>
      ))}

      <View className="card home-entry" hoverClass="home-entry-hover" onClick={() => void Taro.navigateTo({ url: "/pages/task-list/index" })}>
        <View className="home-entry-body">
          <Text className="home-entry-title">志愿任务</Text>
          <Text className="muted">看看最近的志愿服务活动，报名参加、签到签退，记入服务时长</Text>
        </View>
        <Text className="home-entry-arrow">›</Text>
      </View>

      <View className="card home-entry" hoverClass="home-entry-hover" onClick={() => void Taro.navigateTo({ url: "/pages/deliberations/index" })}>
        <View className="home-entry-body">
          <Text className="home-entry-title">居民议事厅</Text>
          <Text className="muted">小区大事大家商量：看议题进展、发表意见、提建议</Text>
        </View>
        <Text className="home-entry-arrow">›</Text>
      </View>

      <View className="card">
        <Text className="card-title">关于仁兴社区</Text>
        <Text className="muted">
          仁兴社区划分为九个网格，每个网格都有网格员。社区志愿者、爱心司机和吉林银行、八一小学等共建单位一起，为居民办实事、解难题。
        </Text>
      </View>
    </View>
  );
}
