import { Button } from "@tarojs/components";
import Taro from "@tarojs/taro";
import type { PairedRecipient } from "@renxing/shared";
import { beijingIsoDay } from "../../format";
import { StatusTag } from "../status-tag";
import "./index.css";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole Beijing calendar days from today to the instant (negative once it has passed). */
function daysUntil(iso: string, now: number): number {
  const day = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`);
  return Math.round((day(beijingIsoDay(iso)) - day(beijingIsoDay(new Date(now).toISOString()))) / DAY_MS);
}

/**
 * When the next visit is due, in words a volunteer reads at a glance: "已逾期 3 天", "今天到期",
 * "明天到期", "5 天后到期". The server's `overdue` decides whether it is late; the days are for reading.
 */
export function dueWords(recipient: Pick<PairedRecipient, "nextDueAt" | "overdue">, now = Date.now()): string {
  const days = daysUntil(recipient.nextDueAt, now);
  if (recipient.overdue) return days < 0 ? `已逾期 ${-days} 天` : "今天到期，已过时间";
  if (days <= 0) return "今天到期";
  if (days === 1) return "明天到期";
  return `${days} 天后到期`;
}

/** The state of an elder's visits as a tag with words (never colour alone): 已逾期 / 快到期 / 按时. */
export function DueTag({ recipient, now = Date.now() }: { recipient: Pick<PairedRecipient, "nextDueAt" | "overdue">; now?: number }) {
  if (recipient.overdue) return <StatusTag text="已逾期" tone="waiting" />;
  if (daysUntil(recipient.nextDueAt, now) <= 1) return <StatusTag text="快到期" tone="active" />;
  return <StatusTag text="按时" tone="done" />;
}

/**
 * A big 打电话: volunteers ring the elder before going round. In WeChat it asks to dial; in a
 * browser it is a real tel: link, which phones open in their dialler and screen readers announce.
 */
export function CallButton({ phone, name }: { phone: string; name: string }) {
  if (process.env.TARO_ENV === "h5") {
    return (
      <a className="btn btn-primary care-call" href={`tel:${phone}`} aria-label={`打电话给${name}（${phone}）`}>
        打电话
      </a>
    );
  }
  return (
    <Button className="btn btn-primary care-call" onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}>
      打电话
    </Button>
  );
}

