import { toShanghaiIso } from "@renxing/shared";

/**
 * A time from a service (epoch ms or ISO text) as Beijing `YYYY-MM-DD HH:mm`, what staff read;
 * no time reads as —.
 *
 * @example beijingMinute(Date.parse("2026-11-30T02:05:00Z")) // "2026-11-30 10:05"
 */
export const beijingMinute = (at: number | string | null | undefined) =>
  at === null || at === undefined ? "—" : toShanghaiIso(typeof at === "number" ? at : Date.parse(at)).slice(0, 16).replace("T", " ");
