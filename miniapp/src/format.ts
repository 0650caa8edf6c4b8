import { RESIDENT_ROLE_LABELS, type ResidentRole } from "@renxing/shared";

/** Service time as residents count it: hours, with one decimal only when needed ("12.5 小时"). */
export function serviceHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 10) / 10;
  return `${hours} 小时`;
}

export function roleNames(roles: ResidentRole[]): string {
  return roles.map((role) => RESIDENT_ROLE_LABELS[role] ?? role).join("、");
}
