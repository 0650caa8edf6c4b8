import { Text, View } from "@tarojs/components";
import { RIDE_PROGRESS, RIDE_STATUS_LABEL, type Ride } from "@renxing/shared";
import { clockText, dayClockText, dayText } from "../../format";
import { InfoRow, StatusBadge } from "./index";

export function rideTone(ride: Ride): "active" | "done" | "off" {
  return ride.status === "completed" ? "done" : ride.status === "cancelled" ? "off" : "active";
}

/** Steps requested → assigned → picked up → arrived → completed, each with its time once reached. */
export function RideTimeline({ ride }: { ride: Ride }) {
  const at = new Map(ride.timeline.map((t) => [t.status, t.at]));
  const steps = ["requested" as const, ...RIDE_PROGRESS];
  const cancelled = ride.timeline.find((t) => t.status === "cancelled");
  return (
    <View className="timeline">
      {steps.map((status) => {
        const when = at.get(status);
        if (cancelled && !when) return null;
        return (
          <View key={status} className={`timeline-step ${when ? "timeline-step-done" : ""}`}>
            <View className="timeline-dot" />
            <Text className="timeline-label">{RIDE_STATUS_LABEL[status]}</Text>
            {when ? <Text className="timeline-time">{dayClockText(when)}</Text> : null}
          </View>
        );
      })}
      {cancelled ? (
        <View className="timeline-step timeline-step-done timeline-step-cancelled">
          <View className="timeline-dot" />
          <Text className="timeline-label">{RIDE_STATUS_LABEL.cancelled}</Text>
          <Text className="timeline-time">{dayClockText(cancelled.at)}</Text>
        </View>
      ) : null}
    </View>
  );
}

/** A ride in full, as the family and the assigned driver see it. */
export function RideDetails({ ride, forDriver = false }: { ride: Ride; forDriver?: boolean }) {
  return (
    <View>
      <StatusBadge text={RIDE_STATUS_LABEL[ride.status]} tone={rideTone(ride)} />
      <Text className="card-title ride-when">
        {dayText(ride.examDate)} {clockText(ride.pickupAt)} 来接
      </Text>
      <InfoRow label="考试" value={ride.sessionName} />
      <InfoRow label="送到考点" value={ride.venue.name} />
      <InfoRow label="接送地址" value={ride.pickupAddress ?? "已按规定删除"} />
      <InfoRow label="考生" value={ride.studentName ?? "—"} />
      <InfoRow label="家长" value={`${ride.guardianName ?? "—"} ${ride.guardianPhone ?? ""}`.trim()} />
      <InfoRow label="乘车人数" value={`${ride.passengers}人`} />
      {ride.notes ? <InfoRow label="备注" value={ride.notes} /> : null}
      {!forDriver && ride.driver ? (
        <InfoRow label="司机" value={`${ride.driver.name} ${ride.driver.plateNumber}${ride.driver.phone ? ` ${ride.driver.phone}` : ""}`} />
      ) : null}
    </View>
  );
}
