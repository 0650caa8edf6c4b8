import * as z from "zod/mini";
import type { HourSource, SignupStatus } from "../statuses";
import { id } from "./fields";
import { isoDate, isoDateTime } from "./time";

export const TaskBody = z
  .object({
    title: z.string().check(z.trim(), z.minLength(2, "请填写任务名称"), z.maxLength(40, "任务名称最多40个字")),
    description: z.string().check(z.trim(), z.minLength(5, "请写写任务内容（至少5个字）"), z.maxLength(500, "任务内容最多500个字")),
    location: z.string().check(z.trim(), z.minLength(2, "请填写地点"), z.maxLength(100, "地点最多100个字")),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    capacity: z.number("请填写人数上限").check(z.int("人数是整数"), z.minimum(1, "至少1人"), z.maximum(500, "最多500人")),
    teamId: z.optional(z.nullable(id)),
  })
  .check(z.refine((t) => !(Date.parse(t.startsAt) >= Date.parse(t.endsAt)), { message: "结束时间必须晚于开始时间", path: ["endsAt"] }));
export type TaskBody = z.infer<typeof TaskBody>;

/** The 6-digit code the organiser shows on site (typed in, or read from its QR code). */
export const CHECK_IN_CODE = /^\d{6}$/;
export const CheckInBody = z.object({ code: z.string("请输入签到码").check(z.trim(), z.regex(CHECK_IN_CODE, "签到码是6位数字")) });
export type CheckInBody = z.infer<typeof CheckInBody>;

/** What the organiser's QR code holds, so a scan fills in the task and the code. */
export const checkInQrText = (taskId: string, code: string) => `renxing-checkin:${taskId}:${code}`;
export function parseCheckInQr(text: string): { taskId: string; code: string } | null {
  const m = /^renxing-checkin:([A-Za-z0-9_-]{1,64}):(\d{6})$/.exec(text.trim());
  return m ? { taskId: m[1]!, code: m[2]! } : null;
}

export const ManualHoursBody = z.object({
  userId: id,
  minutes: z.number("请填写分钟数").check(z.int("分钟数是整数"), z.minimum(1, "至少1分钟"), z.maximum(24 * 60, "一次最多补录24小时")),
  title: z.string().check(z.trim(), z.minLength(2, "请填写服务内容"), z.maxLength(60, "服务内容最多60个字")),
  at: isoDateTime,
});
export type ManualHoursBody = z.infer<typeof ManualHoursBody>;

export const HoursRangeQuery = z.object({ from: z.optional(isoDate), to: z.optional(isoDate) });

export interface Task {
  id: string;
  title: string;
  description: string;
  location: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  signedUpCount: number;
  teamId: string | null;
  teamName: string | null;
  /** The caller's own sign-up, when they sent a token. */
  mySignup: { status: SignupStatus; creditedMinutes: number | null } | null;
}

export interface AdminTask extends Task {
  checkInCode: string;
  checkInQr: string;
}

export interface HoursRecord {
  source: HourSource;
  minutes: number;
  title: string;
  at: string;
}

export interface MyHours {
  totalMinutes: number;
  records: HoursRecord[];
}
