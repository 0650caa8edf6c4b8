import * as z from "zod/mini";
import type { DriverStatus } from "../statuses";
import { nickname } from "./fields";

export const WechatLoginBody = z.object({
  code: z.string().check(z.trim(), z.minLength(1, "缺少微信登录凭证"), z.maxLength(128, "微信登录凭证格式不正确")),
});
export type WechatLoginBody = z.infer<typeof WechatLoginBody>;

export const DevLoginBody = z.object({
  openid: z.string().check(z.trim(), z.minLength(1, "请填写开发用 openid"), z.maxLength(64, "openid 最多64个字符")),
  nickname,
});
export type DevLoginBody = z.infer<typeof DevLoginBody>;

export const StaffLoginBody = z.object({
  username: z.string().check(z.trim(), z.minLength(1, "请填写用户名"), z.maxLength(64, "用户名最多64个字符")),
  password: z.string().check(z.minLength(1, "请填写密码"), z.maxLength(256, "密码过长")),
});
export type StaffLoginBody = z.infer<typeof StaffLoginBody>;

export const StaffRole = z.enum(["admin", "grid_worker"]);
export type StaffRole = z.infer<typeof StaffRole>;

export const ResidentRole = z.enum(["resident", "volunteer", "driver", "partner", "representative"]);
export type ResidentRole = z.infer<typeof ResidentRole>;

export interface Me {
  id: string;
  nickname: string;
  realName: string | null;
  phoneMasked: string | null;
  gridId: string | null;
  roles: ResidentRole[];
  teams: { id: string; name: string }[];
  driver: { status: DriverStatus } | null;
  partner: { id: string; name: string } | null;
  totalServiceMinutes: number;
}

export interface ResidentLoginResponse {
  token: string;
  user: Me;
}

export interface StaffLoginResponse {
  token: string;
  staff: { id: string; username: string; role: StaffRole };
}

