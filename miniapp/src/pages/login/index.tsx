import { Button, Input, Text, View } from "@tarojs/components";
import Taro, { useRouter } from "@tarojs/taro";
import { DevLoginBody } from "@renxing/shared";
import { useState } from "react";
import { api, useAction, useApi } from "../../api";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { pageClass, useElder } from "../../elder";
import "./index.css";

const TAB_PAGES = ["/pages/index/index", "/pages/teams/index", "/pages/wishes/index", "/pages/rides/index", "/pages/mine/index"];

/** Back to where the resident was sent from (a tab page by default). */
function leave(redirect: string | undefined) {
  const target = redirect ? decodeURIComponent(redirect) : "/pages/mine/index";
  if (TAB_PAGES.includes(target.split("?")[0]!)) void Taro.switchTab({ url: target });
  else void Taro.redirectTo({ url: target });
}

/**
 * 登录. In WeChat: one tap, `Taro.login` → POST /auth/wechat. In a browser (the H5 build) only
 * the development sign-in by nickname, and only when the server allows it (GET /auth/methods).
 */
export default function LoginPage() {
  useElder();
  const { params } = useRouter();
  const inWechat = Taro.getEnv() === Taro.ENV_TYPE.WEAPP;
  const methods = useApi(() => api.authMethods(), []);
  const [nickname, setNickname] = useState("");
  const [nicknameError, setNicknameError] = useState("");

  const wechat = useAction(async () => {
    const { code } = await Taro.login();
    await api.wechatLogin({ code });
    leave(params.redirect);
  });

  const dev = useAction(async () => {
    const parsed = DevLoginBody.safeParse({ openid: nickname.trim(), nickname });
    if (!parsed.success) {
      setNicknameError(parsed.error.issues[0]?.message ?? "请填写昵称");
      return;
    }
    setNicknameError("");
    await api.devLogin(parsed.data);
    leave(params.redirect);
  });

  if (methods.loading) return <View className={pageClass()}><Loading /></View>;

  const devLogin = methods.data?.devLogin === true;
  return (
    <View className={pageClass("login")}>
      <View className="login-head">
        <Text className="login-title">仁兴社区志愿服务</Text>
        <Text className="muted">登录后可以加入志愿队伍、发布微心愿、预约爱心送考</Text>
      </View>

      {inWechat ? (
        <View className="card">
          <Button className={`btn btn-primary ${wechat.running ? "btn-busy" : ""}`} loading={wechat.running} onClick={() => void wechat.run().catch(() => undefined)}>
            {wechat.running ? "正在登录…" : "微信一键登录"}
          </Button>
        </View>
      ) : null}

      {devLogin ? (
        <View className="card">
          <Text className="card-title">开发环境登录</Text>
          <Text className="field-hint login-hint">仅用于本地开发和测试：同一个昵称就是同一个账号。</Text>
          <View className="field">
            <Text className="field-label">昵称</Text>
            <Input
              className={`field-input ${nicknameError ? "field-input-invalid" : ""}`}
              value={nickname}
              maxlength={20}
              placeholder="例如：王阿姨"
              placeholderClass="field-placeholder"
              onInput={(e) => setNickname(e.detail.value)}
              onConfirm={() => void dev.run().catch(() => undefined)}
            />
            {nicknameError ? <Text className="field-error">{nicknameError}</Text> : null}
          </View>
          <Button className={`btn btn-primary ${dev.running ? "btn-busy" : ""}`} onClick={() => void dev.run().catch(() => undefined)}>
            {dev.running ? "正在登录…" : "登录"}
          </Button>
        </View>
      ) : null}

      <Button className="btn btn-secondary login-back" onClick={() => void Taro.switchTab({ url: "/pages/index/index" })}>
        暂不登录，回到首页
      </Button>

      {!inWechat && !devLogin ? (
        <EmptyState
          title={methods.error ? "暂时无法登录" : "请在微信中打开"}
          description={methods.error ? "网络好像不太顺畅，请稍后再试。" : "请在微信里搜索「仁兴社区志愿服务」小程序，登录后使用。"}
          {...(methods.error ? { actionText: "重试", onAction: () => void methods.reload() } : {})}
        />
      ) : null}
    </View>
  );
}
