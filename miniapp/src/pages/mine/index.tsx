import { Button, Input, Text, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import { UpdateMeBody, type MyProfile } from "@renxing/shared";
import { useEffect, useRef, useState } from "react";
import { api, getToken, goToLogin, useAction, useApi } from "../../api";
import { useForm } from "../../api/use-form";
import { ListRow, ListRows } from "../../components/list-row";
import { Loading } from "../../components/loading";
import { PageGate } from "../../components/page-gate";
import { roleNames, serviceHours } from "../../format";
import { useUnreadBadge } from "../../notifications/unread";
import { ElderSwitch } from "./elder-switch";
import { MessagesEntry } from "./messages-entry";
import { MyServices } from "./my-services";
import { MyVolunteering } from "./my-volunteering";
import { pageClass, useElder } from "../../elder";
import { role } from "../../a11y";
import "./index.css";

type Field = "realName" | "phone" | "gridId";

interface Draft {
  realName: string;
  phone: string;
  gridId: string | null;
}

const draftOf = (me: MyProfile): Draft => ({ realName: me.realName ?? "", phone: me.phone ?? "", gridId: me.gridId });

/**
 * 我的: the resident's profile (GET /me) and its edit form (PUT /me). The form is checked with the
 * shared `UpdateMeBody` schema, the same one the API validates with, before anything is sent.
 */
export default function MinePage() {
  useElder();
  const [signedIn, setSignedIn] = useState(() => Boolean(getToken()));
  const me = useApi(() => api.me(), [], signedIn);
  const grids = useApi(() => api.grids(), [], signedIn);
  const unread = useUnreadBadge();
  const [draft, setDraft] = useState<Draft>({ realName: "", phone: "", gridId: null });
  const firstShow = useRef(true);

  useDidShow(() => {
    const hasToken = Boolean(getToken());
    if (!hasToken) {
      setSignedIn(false);
      goToLogin();
    } else if (!signedIn) {
      setSignedIn(true);
    } else if (!firstShow.current) {
      void me.reload();
    }
    firstShow.current = false;
  });

  useEffect(() => {
    if (me.data) setDraft(draftOf(me.data));
  }, [me.data]);

  const save = useForm<Field, UpdateMeBody>(UpdateMeBody, {
    value: () => ({ realName: draft.realName.trim() || null, phone: draft.phone.trim() || null, gridId: draft.gridId }),
    send: async (body) => {
      me.setData(await api.updateMe(body));
      void Taro.showToast({ title: "已保存", icon: "success" });
    },
  });
  const { errors } = save;
  const set = (field: Field, value: string | null) => {
    setDraft((d) => ({ ...d, [field]: value }));
    save.clear(field);
  };

  const logout = useAction(async () => {
    await api.logout();
    setSignedIn(false);
    void Taro.switchTab({ url: "/pages/index/index" });
  });

  return (
    <PageGate
      load={me}
      signedOut={{ when: !signedIn, description: "登录后可以查看和修改个人资料。" }}
      loadingText="正在读取您的资料…"
      failedTitle="资料没有读取成功"
    >
      {(profile) => (
        <View className={pageClass("mine")}>
          <View className="card mine-summary">
            <Text className="mine-nickname">{profile.nickname}</Text>
            <ListRows>
              <ListRow label="手机" value={profile.phoneMasked ?? "未填写"} />
              <ListRow label="身份" value={roleNames(profile.roles)} />
              <ListRow label="网格" value={profile.gridName ?? "未选择"} />
              <ListRow label="服务时长" value={serviceHours(profile.totalServiceMinutes)} />
            </ListRows>
          </View>

          <MessagesEntry unread={unread} />
          <ElderSwitch />
          <MyServices profile={profile} />
          <MyVolunteering profile={profile} />

          <View className="card">
            <Text className="card-title">修改资料</Text>
            <View className="field">
              <Text className="field-label">真实姓名</Text>
              <Input
                className={`field-input ${errors.realName ? "field-input-invalid" : ""}`}
                value={draft.realName}
                maxlength={30}
                placeholder="请输入真实姓名"
                placeholderClass="field-placeholder"
                onInput={(e) => set("realName", e.detail.value)}
              />
              {errors.realName ? <Text className="field-error">{errors.realName}</Text> : null}
            </View>

            <View className="field">
              <Text className="field-label">手机号</Text>
              <Input
                className={`field-input ${errors.phone ? "field-input-invalid" : ""}`}
                type="number"
                value={draft.phone}
                maxlength={11}
                placeholder="请输入11位手机号"
                placeholderClass="field-placeholder"
                onInput={(e) => set("phone", e.detail.value)}
              />
              {errors.phone ? <Text className="field-error">{errors.phone}</Text> : null}
            </View>

            <View className="field">
              <Text className="field-label">所在网格</Text>
              {grids.loading ? (
                <Loading text="正在读取网格…" />
              ) : (
                <View className="grid-options">
                  {(grids.data?.items ?? []).map((grid) => {
                    const chosen = draft.gridId === grid.id;
                    return (
                      <View
                        key={grid.id}
                        className={`grid-option ${chosen ? "grid-option-chosen" : ""}`}
                        {...role("radio")}
                        aria-checked={chosen}
                        onClick={() => set("gridId", grid.id)}
                      >
                        <Text>{chosen ? `✓ ${grid.name}` : grid.name}</Text>
                      </View>
                    );
                  })}
                </View>
              )}
              {errors.gridId ? <Text className="field-error">{errors.gridId}</Text> : null}
            </View>

            <Button className={`btn btn-primary ${save.submitting ? "btn-busy" : ""}`} onClick={() => void save.submit()}>
              {save.submitting ? "正在保存…" : "保存"}
            </Button>
          </View>

          <Button className={`btn btn-secondary ${logout.running ? "btn-busy" : ""}`} onClick={() => void logout.run()}>
            {logout.running ? "正在退出…" : "退出登录"}
          </Button>
        </View>
      )}
    </PageGate>
  );
}
