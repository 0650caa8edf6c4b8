import * as z from "zod/mini";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../statuses";
import { phone, realName } from "./fields";
import { ListQuery } from "./list";

const thisYear = () => new Date().getFullYear();

export const TeamApplicationBody = z.object({
  realName,
  phone,
  birthYear: z
    .number("请填写出生年份")
    .check(z.int("出生年份必须是整数"), z.minimum(1920, "请填写正确的出生年份"), z.refine((y) => y <= thisYear(), "请填写正确的出生年份")),
  skills: z
    .array(z.string().check(z.trim(), z.minLength(1, "特长不能为空"), z.maxLength(20, "每项特长最多20个字")))
    .check(z.maxLength(10, "特长最多填10项")),
  availability: z.string().check(z.trim(), z.minLength(1, "请填写可服务时间"), z.maxLength(100, "可服务时间最多100个字")),
  motivation: z.string().check(z.trim(), z.maxLength(300, "申请理由最多300个字")),
});
export type TeamApplicationBody = z.infer<typeof TeamApplicationBody>;

/** Approve, or reject with a reason the applicant will read. */
export const ApplicationDecisionBody = z
  .object({
    approve: z.boolean("请选择通过或不通过"),
    reason: z.optional(z.string().check(z.trim(), z.maxLength(200, "原因最多200个字"))),
  })
  .check(
    z.refine((d) => d.approve || (d.reason?.length ?? 0) > 0, { message: "不通过时请填写原因", path: ["reason"] }),
  );
export type ApplicationDecisionBody = z.infer<typeof ApplicationDecisionBody>;

export const AdminApplicationsQuery = z.extend(ListQuery, {
  status: z.optional(z.enum(APPLICATION_STATUSES, "状态只能是 pending、approved 或 rejected")),
});

export interface Team {
  id: string;
  name: string;
  slogan: string;
  description: string;
  memberCount: number;
  minBirthYear: number | null;
  maxBirthYear: number | null;
}

export interface MyApplication {
  id: string;
  team: { id: string; name: string };
  status: ApplicationStatus;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface AdminApplication extends MyApplication {
  applicant: { userId: string; nickname: string; realName: string; phone: string; birthYear: number };
  skills: string[];
  availability: string;
  motivation: string;
}
