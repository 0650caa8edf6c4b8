import { Button, Text, View } from "@tarojs/components";
import { Field, TextInput } from "../../components/field";
import Taro, { useDidShow } from "@tarojs/taro";
import { DRIVER_STATUS_LABEL, DriverProfileBody, type DriverStatus } from "@renxing/shared";
import { useRef, useState } from "react";
import { api, getToken, goToLogin, useApi } from "../../api";
import { ridesApi } from "../../api/rides";
import { useForm } from "../../api/use-form";
import { PageGate } from "../../components/page-gate";
import { Choices, StatusBadge } from "../../components/service-ui";
import { pageClass, useElder } from "../../elder";
import "./index.css";

type FieldName = "plateNumber" | "seats" | "licenseYears";
const SEATS = [1, 2, 3, 4, 5, 6].map((n) => ({ value: n, label: `${n}座` }));

/**
 * 司机登记: a volunteer registers their car for 爱心送考 (PUT /me/driver-profile, checked with the
 * shared `DriverProfileBody`); staff verify it. Any change goes back to 审核中.
 */
export default function DriverProfilePage() {
  useElder();
  const signedIn = Boolean(getToken());
  const me = useApi(() => api.me(), [], signedIn);
  const [plateNumber, setPlate] = useState("");
  const [seats, setSeats] = useState<number | null>(null);
  const [licenseYears, setYears] = useState("");
  const firstShow = useRef(true);
  useDidShow(() => {
    if (!getToken()) goToLogin();
    else if (!firstShow.current) void me.reload();
    firstShow.current = false;
  });

  const { errors, clear, submitting, submit } = useForm<FieldName, DriverProfileBody>(DriverProfileBody, {
    value: () => ({ plateNumber: plateNumber.trim().toUpperCase(), seats: seats ?? Number.NaN, licenseYears: licenseYears.trim() === "" ? Number.NaN : Number(licenseYears) }),
    check: () => (seats === null ? { seats: "请选择可载乘客数" } : {}),
    send: async (body) => {
      await ridesApi.saveDriverProfile(body);
      void Taro.showToast({ title: "已提交，等待审核", icon: "none" });
      await me.reload();
    },
  });

  // The page itself, once the profile is here: the driver's status and the car form.
  const driverPage = (status: DriverStatus | undefined) => (
    <View className={pageClass("driver-profile")}>
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
            onInput={(value) => (setPlate(value), clear("plateNumber"))}
          />
        </Field>
        <Field label="可载乘客数（不含司机）" error={errors.seats}>
          <Choices options={SEATS} value={seats} onChange={(v) => (setSeats(v), clear("seats"))} />
        </Field>
        <Field label="驾龄（年）" error={errors.licenseYears}>
          <TextInput
            value={licenseYears}
            maxlength={2}
            placeholder="如：5"
            type="number"
            invalid={Boolean(errors.licenseYears)}
            onInput={(value) => (setYears(value), clear("licenseYears"))}
          />
        </Field>
        <Button className={`btn btn-primary ${submitting ? "btn-busy" : ""}`} onClick={() => void submit()}>
          {submitting ? "正在提交…" : "提交审核"}
        </Button>
      </View>
    </View>
  );

  return (
    <PageGate
      load={me}
      signedOut={{ when: !signedIn, description: "登录后可以登记为爱心司机。" }}
      loadingText="正在读取您的资料…"
      failedTitle="资料没有读取成功"
      empty={{
        when: (profile) => !profile.roles.includes("volunteer") && profile.teams.length === 0,
        title: "加入志愿队伍后才能登记",
        description: "爱心司机由社区志愿者担任。请先在志愿队伍里申请加入一支队伍。",
        actionText: "去志愿队伍",
        onAction: () => void Taro.switchTab({ url: "/pages/teams/index" }),
      }}
    >
      {(profile) => driverPage(profile.driver?.status as DriverStatus | undefined)}
    </PageGate>
  );
}
