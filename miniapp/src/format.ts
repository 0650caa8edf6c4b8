import { RESIDENT_ROLE_LABELS, type ResidentRole } from "@renxing/shared";

/** Service time as residents count it: hours, with one decimal only when needed ("12.5 小时"). */
export function serviceHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 10) / 10;
  return `${hours} 小时`;
}

export function roleNames(roles: ResidentRole[]): string {
  return roles.map((role) => RESIDENT_ROLE_LABELS[role] ?? role).join("、");
}

/** A moment as a Beijing calendar date, the way residents write it: "2026年5月3日". */
export function beijingDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Who may join a team, from its birth-year limits: "1950–1979 年出生", or everyone. */
export function teamEligibility(minBirthYear: number | null, maxBirthYear: number | null): string {
  if (minBirthYear && maxBirthYear) return `${minBirthYear}–${maxBirthYear} 年出生的居民`;
  if (minBirthYear) return `${minBirthYear} 年及以后出生的居民`;
  if (maxBirthYear) return `${maxBirthYear} 年及以前出生的居民`;
  return "所有居民都可以加入";
}
