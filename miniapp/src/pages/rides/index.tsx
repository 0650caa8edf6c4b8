import { Button, Text, View } from "@tarojs/components";
import Taro from "@tarojs/taro";
import { EXAM_KIND_LABEL, type ExamSession } from "@renxing/shared";
import { useApi } from "../../api";
import { ridesApi } from "../../api/rides";
import { PageGate } from "../../components/page-gate";
import { InfoRow } from "../../components/service-ui";
import { dayClockText, dayText } from "../../format";
import { pageClass, useElder } from "../../elder";
import "./index.css";

const open = (url: string) => void Taro.navigateTo({ url });

function bookingState(session: ExamSession, now = Date.now()): "before" | "open" | "closed" {
  if (now < Date.parse(session.bookingOpensAt)) return "before";
  if (now > Date.parse(session.bookingClosesAt)) return "closed";
  return "open";
}

/** 爱心送考: the coming exam sessions (dates, venues, booking window) and the way to book one. */
export default function RidesPage() {
  useElder();
  const sessions = useApi(() => ridesApi.sessions(), []);

  return (
    <View className={pageClass("rides")}>
      <View className="card">
        <Text className="card-title">爱心送考</Text>
        <Text className="muted">中考、高考当天，爱心司机免费接送考生。</Text>
        <View className="card-actions">
          <Button className="btn btn-secondary" onClick={() => open("/pages/ride-mine/index")}>
            我的预约
          </Button>
        </View>
      </View>

      <PageGate
        inline
        load={sessions}
        loadingText="正在读取考试场次…"
        failedTitle="考试场次没有读取成功"
        empty={{
          when: (list) => list.items.length === 0,
          title: "现在没有可以预约的考试",
          description: "社区公布中考、高考送考安排后，会在这里开放预约。",
        }}
      >
        {(list) =>
          list.items.map((session) => {
            const state = bookingState(session);
            return (
              <View key={session.id} className="card ride-session">
                <Text className="card-title">
                  {session.name}（{EXAM_KIND_LABEL[session.kind]}）
                </Text>
                <InfoRow label="考试日期" value={session.examDates.map(dayText).join("、")} />
                <InfoRow label="预约时间" value={`${dayClockText(session.bookingOpensAt)} 至 ${dayClockText(session.bookingClosesAt)}`} />
                <Text className="section-title">考点</Text>
                {session.venues.map((venue) => (
                  <View key={venue.id} className="ride-venue">
                    <Text className="ride-venue-name">{venue.name}</Text>
                    <Text className="muted ride-venue-address">{venue.address}</Text>
                  </View>
                ))}
                <View className="card-actions">
                  {state === "open" ? (
                    <Button className="btn btn-primary" onClick={() => open(`/pages/ride-book/index?sessionId=${encodeURIComponent(session.id)}`)}>
                      预约送考
                    </Button>
                  ) : (
                    <Text className="ride-closed">{state === "before" ? "还没到预约时间，请到时再来" : "预约已经截止"}</Text>
                  )}
                </View>
              </View>
            );
          })}
      </PageGate>
    </View>
  );
}
