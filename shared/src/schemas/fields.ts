import * as z from "zod/mini";

/**
 * Field rules written once and used by the API and the mini-program forms alike.
 * Messages are what a resident reads, so they say what to type, not what went wrong in code.
 */

/** Mainland mobile number: 11 digits starting 13–19. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const phone = z.string().check(z.trim(), z.regex(PHONE_PATTERN, "请输入正确的11位手机号"));

export const nickname = z
  .string()
  .check(z.trim(), z.minLength(1, "请填写昵称"), z.maxLength(32, "昵称最多32个字"));

/** Real names: Chinese names are 2–4 characters, minority and foreign names run longer. */
export const realName = z
  .string()
  .check(z.trim(), z.minLength(2, "请填写真实姓名（至少2个字）"), z.maxLength(30, "姓名最多30个字"));

/** Opaque identifiers: letters, digits, `_` and `-`, never sequential numbers. */
export const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "编号格式不正确"));
