import { Button, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import { RIDE_STATUS_LABEL, type Ride, type RideProgressBody } from "@renxing/shared";
import { useRef } from "react";
import { getToken, goToLogin, useAction, useApi } from "../../api";
import { ridesApi } from "../../api/rides";
import { confirmAction } from "../../components/service-ui";
import { RideDetails, RideTimeline } from "../../components/service-ui/ride-card";
import { PageGate } from "../../components/page-gate";
import { pageClass, useElder } from "../../elder";
import "./index.css";

type Step = RideProgressBody["status"];
/** The one next step from each status, with the button's words ("完成" is the last one). */
const NEXT_STEP: Partial<Record<Ride["status"], { status: Step; button: string; question: string }>> = {
  assigned: { status: "picked_up", button: "已接到考生", question: "考生已经上车了吗？" },
  picked_up: { status: "arrived", button: "已送达考点", question: "已经把考生送到考点了吗？" },
  arrived: { status: "completed", button: "完成", question: "确认这次送考已经完成？完成后会记入您的志愿服务时长。" },
};

/** 我的接送: the rides this driver accepted, in full, with a call button and the next progress step. */
export default function DriverMinePage() {
  useElder();
  const signedIn = Boolean(getToken());
  const rides = useApi(() => ridesApi.driverRides(), [], signedIn);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (!getToken()) goToLogin();
    else if (!firstShow.current) void rides.reload();
    firstShow.current = false;
  });

  const progress = useAction(async (ride: Ride, step: { status: Step; button: string; question: string }) => {
    if (!(await confirmAction(step.button, step.question, step.button))) return;
    try {
      await ridesApi.progress(ride.id, step.status);
      void Taro.showToast({ title: `已更新：${RIDE_STATUS_LABEL[step.status]}`, icon: "none" });
    } finally {
      await rides.reload();
    }
  });

  const callGuardian = (phone: string) => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);

  return (
    <PageGate
      load={rides}
      signedOut={{ when: !signedIn, description: "登录后可以查看您接的送考单。" }}
      loadingText="正在读取您的接送…"
      failedTitle="接送单没有读取成功"
      empty={{
        when: (list) => list.items.length === 0,
        title: "您还没有接单",
        description: "在可接订单里选择合适的时间接单。",
        actionText: "去看可接订单",
        onAction: () => void Taro.redirectTo({ url: "/pages/driver-open/index" }),
      }}
    >
      {(list) => (
        <View className={pageClass("driver-mine")}>
          {list.items.map((ride) => {
            const next = NEXT_STEP[ride.status];
            return (
              <View key={ride.id} className="card ride-card" data-ride={ride.id}>
                <RideDetails ride={ride} forDriver />
                <RideTimeline ride={ride} />
                <View className="card-actions">
                  {ride.guardianPhone && ride.status !== "completed" && ride.status !== "cancelled" ? (
                    <Button className="btn btn-secondary" onClick={() => callGuardian(ride.guardianPhone!)}>
                      打电话给家长
                    </Button>
                  ) : null}
                  {next ? (
                    <Button className={`btn btn-primary ${progress.running ? "btn-busy" : ""}`} onClick={() => void progress.run(ride, next)}>
                      {next.button}
                    </Button>
                  ) : null}
                </View>
              </View>
            );
          })}
        </View>
      )}
    </PageGate>
  );
}
