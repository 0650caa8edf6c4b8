import * as z from "zod/mini";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DD`, a real calendar date (Asia/Shanghai by convention). One message per mistake. */
export const isoDate = z.string("请填写日期").check(
  z.refine((s) => DATE.test(s), "日期格式应为 YYYY-MM-DD"),
  z.refine((s) => {
    if (!DATE.test(s)) return true; // reported above
    const ms = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(s);
  }, "不是有效的日期"),
);

/** ISO 8601 date-time with an explicit offset, e.g. `2027-06-07T07:00:00+08:00`. */
export const isoDateTime = z.string("请填写时间").check(
  z.refine((s) => DATE_TIME.test(s), "时间格式应为 ISO 8601（带时区），如 2027-06-07T07:00:00+08:00"),
  z.refine((s) => !DATE_TIME.test(s) || !Number.isNaN(Date.parse(s)), "不是有效的时间"),
);
