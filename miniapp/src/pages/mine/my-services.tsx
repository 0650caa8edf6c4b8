import { Button, Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import { DRIVER_STATUS_LABEL, type DriverStatus, type MyProfile } from "@renxing/shared";
import "../../components/service-ui/index.css";

const open = (url: string) => void Taro.navigateTo({ url });

/**
 * 我的 → 我的服务: reports to the grid worker, service hours, exam-day ride bookings and, for volunteers, the driver's pages.
 * 可接订单 and 我的接送 appear once staff have verified the driver.
 */
export function MyServices({ profile }: { profile: MyProfile }) {
  const volunteer = profile.roles.includes("volunteer") || profile.teams.length > 0;
  const driverStatus = profile.driver?.status as DriverStatus | undefined;
  // The server's "driver" role: verified and still in a team (a revoked driver re-registers below).
  const verified = profile.roles.includes("driver");
  return (
    <View className="card my-services">
      <Text className="card-title">我的服务</Text>
      <View className="link-list">
        <Button className="btn btn-secondary" onClick={() => open("/pages/my-reports/index")}>
          我的诉求
        </Button>
        <Button className="btn btn-secondary" onClick={() => open("/pages/my-suggestions/index")}>
          我的建议
        </Button>
        <Button className="btn btn-secondary" onClick={() => open("/pages/my-hours/index")}>
          我的服务时长
        </Button>
        <Button className="btn btn-secondary" onClick={() => open("/pages/task-list/index")}>
          志愿任务
        </Button>
        <Button className="btn btn-secondary" onClick={() => open("/pages/ride-mine/index")}>
          我的送考预约
        </Button>
        {volunteer ? (
          <Button className="btn btn-secondary" onClick={() => open("/pages/my-care/index")}>
            我的结对
          </Button>
        ) : null}
        {verified ? (
          <Button className="btn btn-secondary" onClick={() => open("/pages/driver-open/index")}>
            可接订单
          </Button>
        ) : null}
        {verified ? (
          <Button className="btn btn-secondary" onClick={() => open("/pages/driver-mine/index")}>
            我的接送
          </Button>
        ) : null}
        {volunteer ? (
          <Button className="btn btn-secondary" onClick={() => open("/pages/driver-profile/index")}>
            {driverStatus ? `爱心司机登记（${DRIVER_STATUS_LABEL[driverStatus]}）` : "爱心司机登记"}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
