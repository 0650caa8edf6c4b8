import { Text, View } from "@tarojs/components";
import { REPORT_LEVEL_LABEL, type ReportEventKind, type ReportStatus, type ReportTimelineEntry } from "@renxing/shared";
import { beijingDate, clockText } from "../../format";
import "./index.css";

const STEPS = ["提交", "受理", "处理中", "已办结", "评价"] as const;

/** How many of STEPS a report in each status has behind it; the next one is where it stands. */
const STEPS_DONE: Partial<Record<ReportStatus, number>> = { submitted: 1, accepted: 2, resolved: 4, closed: 5 };

const ENDED: Partial<Record<ReportStatus, string>> = {
  rejected: "这件诉求没有被受理，原因请看下面的办理经过。",
  withdrawn: "这件诉求已经撤回，不再办理。",
};

/**
 * Where a report stands, as five steps 提交 → 受理 → 处理中 → 已办结 → 评价: the ones behind it
 * ticked, the current one marked. A rejected or withdrawn report says so in a plain sentence.
 */
export function ReportSteps({ status }: { status: ReportStatus }) {
  const done = STEPS_DONE[status];
  if (done === undefined) return <Text className="report-steps-ended">{ENDED[status]}</Text>;
  return (
    <View className="report-steps">
      {STEPS.map((label, i) => {
        const state = i < done ? "done" : i === done ? "current" : "todo";
        return (
          <View key={label} className={`report-step report-step-${state}`} aria-label={`${label}${state === "done" ? "（已完成）" : state === "current" ? "（进行中）" : ""}`}>
            <View className="report-step-mark">
              <Text>{state === "done" ? "✓" : String(i + 1)}</Text>
            </View>
            <Text className="report-step-label">{label}</Text>
          </View>
        );
      })}
    </View>
  );
}

const KIND_LABEL: Record<ReportEventKind, string> = {
  submitted: "提交诉求",
  accepted: "已受理",
  note: "办理进展",
  escalated: "上报",
  resolved: "已办结",
  rejected: "未受理",
  withdrawn: "已撤回",
  rated: "评价",
  reopened: "重新办理",
  closed: "结案",
};

/** 办理经过: every step the resident may see, with its time, what happened and at which level. */
export function ReportTimeline({ entries }: { entries: ReportTimelineEntry[] }) {
  return (
    <View className="report-timeline">
      {entries.map((entry, i) => (
        <View key={`${entry.at}-${i}`} className="report-timeline-entry">
          <View className="report-timeline-head">
            <Text className="report-timeline-kind">{KIND_LABEL[entry.kind] ?? entry.kind}</Text>
            {entry.level ? <Text className="report-timeline-level">{REPORT_LEVEL_LABEL[entry.level]}</Text> : null}
          </View>
          <Text className="report-timeline-time">
            {beijingDate(entry.at)} {clockText(entry.at)}
          </Text>
          {entry.text ? <Text className="report-timeline-text">{entry.text}</Text> : null}
        </View>
      ))}
    </View>
  );
}
