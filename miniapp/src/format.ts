import { RESIDENT_ROLE_LABELS, beijingClock, shanghaiDate, type ResidentRole } from "@renxing/shared";

/** Service time as residents count it: hours, with one decimal only when needed ("12.5 小时"). */
export function serviceHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 10) / 10;
  return `${hours} 小时`;
}

export function roleNames(roles: ResidentRole[]): string {
  return roles.map((role) => RESIDENT_ROLE_LABELS[role] ?? role).join("、");
}

const WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"];

/** An exam or task date as residents say it: "2027-06-07" → "6月7日 周一". */
export function dayText(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]}`;
}

/** The Beijing wall-clock time of an instant, whatever the phone's time zone: "07:30". */
export function clockText(iso: string): string {
  return beijingClock(Date.parse(iso));
}

/** The Beijing date of an instant as `YYYY-MM-DD`, "2027-06-07". */
export function beijingIsoDay(iso: string): string {
  return shanghaiDate(Date.parse(iso));
}

/** "6月7日 周一 07:30" */
export function dayClockText(iso: string): string {
  return `${dayText(beijingIsoDay(iso))} ${clockText(iso)}`;
}

/** A moment as a Beijing calendar date, the way residents write it: "2026年5月3日". */
export function beijingDate(iso: string): string {
  const [year, month, day] = shanghaiDate(Date.parse(iso)).split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

/** Who may join a team, from its birth-year limits: "1950–1979 年出生", or everyone. */
export function teamEligibility(minBirthYear: number | null, maxBirthYear: number | null): string {
  if (minBirthYear && maxBirthYear) return `${minBirthYear}–${maxBirthYear} 年出生的居民`;
  if (minBirthYear) return `${minBirthYear} 年及以后出生的居民`;
  if (maxBirthYear) return `${maxBirthYear} 年及以前出生的居民`;
  return "所有居民都可以加入";
}

/** A short stretch of service in the plainest words: "1 分钟" under an hour, else "1.5 小时". */
export function durationText(minutes: number): string {
  return minutes < 60 ? `${minutes} 分钟` : serviceHours(minutes);
}
