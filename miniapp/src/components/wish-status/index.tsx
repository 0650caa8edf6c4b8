import { WISH_STATUS_LABEL, type WishStatus } from "@renxing/shared";
import { StatusTag, type StatusTone } from "../status-tag";

const TONE: Record<WishStatus, StatusTone> = {
  pending_review: "waiting",
  open: "waiting",
  claimed: "active",
  fulfilled: "active",
  completed: "done",
  rejected: "refused",
  cancelled: "refused",
};

/** A wish's status in the shared Chinese label (待认领, 已认领, …). */
export function WishStatusTag({ status }: { status: WishStatus }) {
  return <StatusTag text={WISH_STATUS_LABEL[status]} tone={TONE[status]} />;
}
