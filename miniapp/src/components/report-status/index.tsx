import { REPORT_STATUS_LABEL, type ReportStatus } from "@renxing/shared";
import { StatusTag, type StatusTone } from "../status-tag";

const TONE: Record<ReportStatus, StatusTone> = {
  submitted: "waiting",
  accepted: "active",
  resolved: "active",
  closed: "done",
  rejected: "refused",
  withdrawn: "refused",
};

/** A report's status in the shared Chinese label (已提交, 处理中, 已办结, …). */
export function ReportStatusTag({ status }: { status: ReportStatus }) {
  return <StatusTag text={REPORT_STATUS_LABEL[status]} tone={TONE[status]} />;
}
