import { Button, Text, View } from "@tarojs/components";
import { Field, TextInput } from "../../components/field";
import Taro, { useDidShow } from "@tarojs/taro";
import { DRIVER_STATUS_LABEL, DriverProfileBody, type DriverStatus } from "@renxing/shared";
import { useRef, useState } from "react";
import { ApiError, api, getToken, goToLogin, useAction, useApi } from "../../api";
import { ridesApi } from "../../api/rides";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { Choices, StatusBadge } from "../../components/service-ui";
import "./index.css";

type FieldName = "plateNumber" | "seats" | "licenseYears";
type FieldErrors = Partial<Record<FieldName, string>>;
const SEATS = [1, 2, 3, 4, 5, 6].map((n) => ({ value: n, label: `${n}座` }));

/**
 * 司机登记: a volunteer registers their car for 爱心送考 (PUT /me/driver-profile, checked with the
 * shared `DriverProfileBody`); staff verify it. Any change goes back to 审核中.
 */
export default function DriverProfilePage() {
  const signedIn = Boolean(getToken());
  const me = useApi(() => api.me(), [], signedIn);
  const [plateNumber, setPlate] = useState("");
  const [seats, setSeats] = useState<number | null>(null);
  const [licenseYears, setYears] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const firstShow = useRef(true);
  useDidShow(() => {
    if (!getToken()) goToLogin();
    else if (!firstShow.current) void me.reload();
    firstShow.current = false;
  });

  const save = useAction(async () => {
    const body = { plateNumber: plateNumber.trim().toUpperCase(), seats: seats ?? Number.NaN, licenseYears: licenseYears.trim() === "" ? Number.NaN : Number(licenseYears) };
    const parsed = DriverProfileBody.safeParse(body);
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) found[issue.path[0] as FieldName] ??= issue.message;
      if (seats === null) found.seats = "请选择可载乘客数";
      setErrors(found);
      return;
    }
    setErrors({});
    try {
      await ridesApi.saveDriverProfile(parsed.data);
      void Taro.showToast({ title: "已提交，等待审核", icon: "none" });
      await me.reload();
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) {
        const found: FieldErrors = {};
        for (const d of e.details) found[d.field as FieldName] ??= d.message;
        setErrors(found);
      }
    }
  });

  if (!signedIn) {
    return (
      <View className="page">
        <EmptyState title="您还没有登录" description="登录后可以登记为爱心司机。" actionText="去登录" onAction={goToLogin} />
      </View>
    );
  }
  if (me.loading && !me.data) return <View className="page"><Loading text="正在读取您的资料…" /></View>;
  if (!me.data) {
    return (
      <View className="page">
        <EmptyState title="资料没有读取成功" description="请检查网络后重试。" actionText="重试" onAction={() => void me.reload()} />
      </View>
    );
  }
  if (!me.data.roles.includes("volunteer") && me.data.teams.length === 0) {
    return (
      <View className="page">
        <EmptyState
          title="加入志愿队伍后才能登记"
          description="爱心司机由社区志愿者担任。请先在志愿队伍里申请加入一支队伍。"
          actionText="去志愿队伍"
          onAction={() => void Taro.switchTab({ url: "/pages/teams/index" })}
        />
      </View>
    );
  }

  const status = me.data.driver?.status as DriverStatus | undefined;

  return (
    <View className="page driver-profile">
      <View className="card">
        <View className="card-head">
          <Text className="card-title">爱心司机认证</Text>
          <StatusBadge text={status ? DRIVER_STATUS_LABEL[status] : "未登记"} tone={status === "verified" ? "done" : status === "revoked" ? "off" : status ? "active" : "off"} />
        </View>
        <Text className="muted">
          {status === "verified"
            ? "您已通过认证，可以在“可接订单”里接送考生。修改车辆信息需要重新审核。"
            : status === "pending"
              ? "社区工作人员正在审核您的车辆信息，通过后就可以接单。"
              : status === "rejected"
                ? "上次登记没有通过，请核对车辆信息后重新提交。"
                : status === "revoked"
                  ? "您的爱心司机认证已被撤销，暂时不能接单。如需继续接送考生，请核对车辆信息后重新提交审核。"
                  : "登记车辆信息，社区审核通过后就可以在考试当天接送考生。"}
        </Text>
        {status === "verified" ? (
          <View className="card-actions">
            <Button className="btn btn-primary" onClick={() => void Taro.navigateTo({ url: "/pages/driver-open/index" })}>
              去看可接订单
            </Button>
          </View>
        ) : null}
      </View>

      <View className="card">
        <Text className="card-title">{status ? "修改车辆信息" : "登记车辆信息"}</Text>
        <Field label="车牌号" error={errors.plateNumber}>
          <TextInput
            value={plateNumber}
            maxlength={8}
            placeholder="如：辽A12345"
            invalid={Boolean(errors.plateNumber)}
            onInput={(value) => (setPlate(value), setErrors((x) => ({ ...x, plateNumber: undefined })))}
          />
        </Field>
        <Field label="可载乘客数（不含司机）" error={errors.seats}>
          <Choices options={SEATS} value={seats} onChange={(v) => { setSeats(v); setErrors((x) => ({ ...x, seats: undefined })); }} />
        </Field>
        <Field label="驾龄（年）" error={errors.licenseYears}>
          <TextInput
            value={licenseYears}
            maxlength={2}
            placeholder="如：5"
            type="number"
            invalid={Boolean(errors.licenseYears)}
            onInput={(value) => (setYears(value), setErrors((x) => ({ ...x, licenseYears: undefined })))}
          />
        </Field>
        <Button className={`btn btn-primary ${save.running ? "btn-busy" : ""}`} onClick={() => void save.run()}>
          {save.running ? "正在提交…" : "提交审核"}
        </Button>
      </View>
    </View>
  );
}
