import { Button, Text, View } from "@tarojs/components";
import Taro, { useDidShow } from "@tarojs/taro";
import type { OpenRide } from "@renxing/shared";
import { useRef } from "react";
import { ApiError, getToken, goToLogin, useAction, useApi } from "../../api";
import { ridesApi } from "../../api/rides";
import { EmptyState } from "../../components/empty-state";
import { PageGate } from "../../components/page-gate";
import { InfoRow, confirmAction } from "../../components/service-ui";
import { clockText, dayText } from "../../format";
import { askToSubscribe } from "../../notifications/subscribe";
import { pageClass, useElder } from "../../elder";
import "./index.css";

/**
 * 可接订单: requests waiting for a driver, for verified drivers only. Before accepting a driver sees
 * when, where to and how many, never the family's address, phone or names (the API leaves them out).
 */
export default function DriverOpenPage() {
  useElder();
  const signedIn = Boolean(getToken());
  const open = useApi(() => ridesApi.openRides(), [], signedIn);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (!getToken()) goToLogin();
    else if (!firstShow.current) void open.reload();
    firstShow.current = false;
  });

  const accept = useAction(async (ride: OpenRide) => {
    const ok = await confirmAction("确认接单", `${dayText(ride.examDate)} ${clockText(ride.pickupAt)} 接送 ${ride.passengers} 人到${ride.venue.name}。接单后请准时到达。`, "确认接单");
    if (!ok) return;
    try {
      await ridesApi.accept(ride.id);
    } catch {
      await open.reload(); // taken by someone else, or a clash: the toast said why
      return;
    }
    void Taro.showToast({ title: "接单成功", icon: "success" });
    void Taro.redirectTo({ url: "/pages/driver-mine/index" });
  });

  // Signed-out visitors never load (no error), and a reload clears the error: this comes first safely.
  if (open.error instanceof ApiError && open.error.status === 403) {
    return (
      <View className={pageClass()}>
        <EmptyState
          title="通过爱心司机认证后才能接单"
          description={open.error.message}
          actionText="去登记车辆"
          onAction={() => void Taro.redirectTo({ url: "/pages/driver-profile/index" })}
        />
      </View>
    );
  }
  return (
    <PageGate
      load={open}
      signedOut={{ when: !signedIn, description: "登录后可以查看可接订单。" }}
      loadingText="正在读取可接订单…"
      failedTitle="订单没有读取成功"
    >
      {(rides) => (
        <View className={pageClass("driver-open")}>
          <View className="card">
            <Text className="card-title">等待接送的考生</Text>
            <Text className="muted">接单后才能看到接送地址和家长电话。</Text>
            <View className="card-actions">
              <Button className="btn btn-secondary" onClick={() => void Taro.navigateTo({ url: "/pages/driver-mine/index" })}>
                我的接送
              </Button>
            </View>
          </View>
          {rides.items.length === 0 ? (
            <EmptyState title="现在没有等待接单的预约" description="有新的送考预约时会显示在这里。" actionText="刷新" onAction={() => void open.reload()} />
          ) : (
            rides.items.map((ride) => (
              <View key={ride.id} className="card open-ride" data-ride={ride.id}>
                <Text className="card-title">
                  {dayText(ride.examDate)} {clockText(ride.pickupAt)} 接
                </Text>
                <InfoRow label="送到考点" value={ride.venue.name} />
                <InfoRow label="乘车人数" value={`${ride.passengers}人`} />
                <InfoRow label="出发网格" value={ride.gridName ?? "未填写"} />
                <View className="card-actions">
                  <Button className={`btn btn-primary ${accept.running ? "btn-busy" : ""}`} onClick={() => {
                    askToSubscribe("accept_ride", ["ride_reminder"]);
                    void accept.run(ride);
                  }}>
                    接单
                  </Button>
                </View>
              </View>
            ))
          )}
        </View>
      )}
    </PageGate>
  );
}
