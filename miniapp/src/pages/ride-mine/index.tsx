import { Button, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import type { Ride } from "@renxing/shared";
import { useRef } from "react";
import { getToken, goToLogin, useAction, useApi } from "../../api";
import { ridesApi } from "../../api/rides";
import { confirmAction } from "../../components/service-ui";
import { RideDetails, RideTimeline } from "../../components/service-ui/ride-card";
import { PageGate } from "../../components/page-gate";
import { pageClass, useElder } from "../../elder";
import "./index.css";

/** 我的预约: the family's bookings with where each one is, and 取消 while nobody has been picked up. */
export default function RideMinePage() {
  useElder();
  const signedIn = Boolean(getToken());
  const rides = useApi(() => ridesApi.myRides(), [], signedIn);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (!getToken()) goToLogin();
    else if (!firstShow.current) void rides.reload();
    firstShow.current = false;
  });

  const cancel = useAction(async (ride: Ride) => {
    if (!(await confirmAction("取消预约", `确定取消${ride.studentName ?? "考生"}的送考预约吗？取消后司机将不再前来。`, "取消预约"))) return;
    await ridesApi.cancel(ride.id);
    void Taro.showToast({ title: "已取消预约", icon: "success" });
    await rides.reload();
  });

  return (
    <PageGate
      load={rides}
      signedOut={{ when: !signedIn, description: "登录后可以查看送考预约。" }}
      loadingText="正在读取您的预约…"
      failedTitle="预约没有读取成功"
      empty={{
        when: (list) => list.items.length === 0,
        title: "您还没有送考预约",
        description: "中考、高考开放预约后，可以在爱心送考里预约。",
        actionText: "去预约",
        onAction: () => void Taro.switchTab({ url: "/pages/rides/index" }),
      }}
    >
      {(list) => (
        <View className={pageClass("ride-mine")}>
          {list.items.map((ride) => (
            <View key={ride.id} className="card ride-card" data-ride={ride.id}>
              <RideDetails ride={ride} />
              <RideTimeline ride={ride} />
              {ride.status === "requested" || ride.status === "assigned" ? (
                <View className="card-actions">
                  <Button className={`btn btn-secondary ${cancel.running ? "btn-busy" : ""}`} onClick={() => void cancel.run(ride)}>
                    取消预约
                  </Button>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      )}
    </PageGate>
  );
}
