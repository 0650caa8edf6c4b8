import * as z from "zod/mini";
import { DRIVER_STATUSES, EXAM_KINDS, RIDE_STATUSES, type DriverStatus, type ExamKind, type RideStatus } from "../statuses";
import { id, phone, realName } from "./fields";
import { ListQuery } from "./list";
import { shanghaiDate } from "../time";
import { isoDate, isoDateTime } from "./time";

const address = z.string().check(z.trim(), z.minLength(5, "请填写详细地址（至少5个字）"), z.maxLength(100, "地址最多100个字"));

export const ExamSessionBody = z
  .object({
    name: z.string().check(z.trim(), z.minLength(2, "请填写场次名称"), z.maxLength(40, "场次名称最多40个字")),
    kind: z.enum(EXAM_KINDS, "考试类型只能是中考或高考"),
    examDates: z.array(isoDate).check(z.minLength(1, "至少一个考试日期"), z.maxLength(10, "最多10个考试日期")),
    bookingOpensAt: isoDateTime,
    bookingClosesAt: isoDateTime,
    venues: z
      .array(z.object({ name: z.string().check(z.trim(), z.minLength(2, "请填写考点名称"), z.maxLength(40, "考点名称最多40个字")), address }))
      .check(z.minLength(1, "至少一个考点"), z.maxLength(30, "最多30个考点")),
  })
  .check(z.refine((s) => !(Date.parse(s.bookingOpensAt) >= Date.parse(s.bookingClosesAt)), { message: "预约截止时间必须晚于开始时间", path: ["bookingClosesAt"] }));
export type ExamSessionBody = z.infer<typeof ExamSessionBody>;

export const RideBookingBody = z
  .object({
    sessionId: id,
    venueId: id,
    examDate: isoDate,
    pickupAt: isoDateTime,
    pickupAddress: address,
    studentName: realName,
    guardianName: realName,
    guardianPhone: phone,
    passengers: z.number("请填写乘车人数").check(z.int("乘车人数是整数"), z.minimum(1, "至少1人乘车"), z.maximum(3, "最多3人乘车")),
    notes: z.optional(z.string().check(z.trim(), z.maxLength(200, "备注最多200个字"))),
  })
  // Object-level checks run even when a field already failed: guard against unparsable times.
  .check(z.refine((b) => Number.isNaN(Date.parse(b.pickupAt)) || shanghaiDate(Date.parse(b.pickupAt)) === b.examDate, { message: "接送时间必须在考试当天", path: ["pickupAt"] }));
export type RideBookingBody = z.infer<typeof RideBookingBody>;

export const DriverProfileBody = z.object({
  plateNumber: z.string().check(
    z.trim(),
    z.regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/, "请填写正确的车牌号，如 辽A12345"),
  ),
  seats: z.number("请填写可载乘客数").check(z.int("座位数是整数"), z.minimum(1, "至少1个座位"), z.maximum(6, "最多6个座位")),
  licenseYears: z.number("请填写驾龄").check(z.int("驾龄是整数"), z.minimum(0, "驾龄不能为负"), z.maximum(60, "请填写正确的驾龄")),
});
export type DriverProfileBody = z.infer<typeof DriverProfileBody>;

export const RideProgressBody = z.object({ status: z.enum(["picked_up", "arrived", "completed"], "进度只能是 picked_up、arrived 或 completed") });
export type RideProgressBody = z.infer<typeof RideProgressBody>;

export const AssignRideBody = z.object({ driverUserId: id });

export const DriverVerificationBody = z
  .object({ approve: z.boolean("请选择通过或不通过"), reason: z.optional(z.string().check(z.trim(), z.maxLength(200, "原因最多200个字"))) })
  .check(z.refine((d) => d.approve || (d.reason?.length ?? 0) > 0, { message: "不通过时请填写原因", path: ["reason"] }));

export const AdminRidesQuery = z.extend(ListQuery, {
  status: z.optional(z.enum(RIDE_STATUSES, "没有这个状态")),
  examDate: z.optional(isoDate),
});
export const AdminDriversQuery = z.extend(ListQuery, { status: z.optional(z.enum(DRIVER_STATUSES, "没有这个状态")) });

export interface ExamVenue {
  id: string;
  name: string;
  address: string;
}

export interface ExamSession {
  id: string;
  name: string;
  kind: ExamKind;
  examDates: string[];
  bookingOpensAt: string;
  bookingClosesAt: string;
  venues: ExamVenue[];
}

/** What a verified driver sees before accepting: no address, no phone, no names. */
export interface OpenRide {
  id: string;
  examDate: string;
  pickupAt: string;
  venue: { id: string; name: string };
  passengers: number;
  gridName: string | null;
}

/** Full detail: only for the booker, the assigned driver and staff. */
export interface Ride extends OpenRide {
  sessionId: string;
  sessionName: string;
  status: RideStatus;
  pickupAddress: string | null;
  studentName: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  notes: string | null;
  driver: { userId: string; name: string; phone: string | null; plateNumber: string } | null;
  timeline: { status: RideStatus; at: string }[];
  createdAt: string;
}

export interface DriverProfile {
  userId: string;
  name: string;
  phone: string | null;
  plateNumber: string;
  seats: number;
  licenseYears: number;
  status: DriverStatus;
  reason: string | null;
  updatedAt: string;
}
