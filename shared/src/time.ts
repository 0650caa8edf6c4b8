/**
 * Beijing time, the only time residents and staff read: every instant is stored as epoch
 * milliseconds (UTC) and shown in Asia/Shanghai. China has had no daylight saving since 1991, so
 * the offset is a constant and no time-zone database is needed on the phone or in the Worker.
 */
export const BEIJING_OFFSET_MS = 8 * 3600_000;

/** Epoch milliseconds shifted so that a UTC reading of them shows Beijing's wall clock. */
const beijingWallClock = (ms: number) => new Date(ms + BEIJING_OFFSET_MS).toISOString();

/**
 * The Beijing calendar date of an instant.
 *
 * @example shanghaiDate(Date.parse("2027-06-06T16:30:00Z")) // "2027-06-07"
 */
export function shanghaiDate(ms: number): string {
  return beijingWallClock(ms).slice(0, 10);
}

/**
 * An instant as ISO 8601 with Beijing's offset, the way the API writes every time.
 *
 * @example toShanghaiIso(0) // "1970-01-01T08:00:00.000+08:00"
 */
export function toShanghaiIso(ms: number): string {
  return beijingWallClock(ms).replace("Z", "+08:00");
}

/**
 * The Beijing wall-clock time of an instant, "HH:MM".
 *
 * @example beijingClock(Date.parse("2027-06-06T23:30:00Z")) // "07:30"
 */
export function beijingClock(ms: number): string {
  return beijingWallClock(ms).slice(11, 16);
}

/**
 * An instant as the value of an `<input type="datetime-local">` in Beijing, "YYYY-MM-DDTHH:MM".
 *
 * @example beijingLocalInput(Date.parse("2027-06-06T23:30:00Z")) // "2027-06-07T07:30"
 */
export function beijingLocalInput(ms: number): string {
  return beijingWallClock(ms).slice(0, 16);
}

/**
 * Midnight at the start of a Beijing calendar date, in epoch milliseconds.
 *
 * @example beijingMidnight("2027-06-07") === Date.parse("2027-06-07T00:00:00+08:00")
 */
export function beijingMidnight(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) - BEIJING_OFFSET_MS;
}

/** A task's check-in opens this long before it starts, and stays open until it ends. */
export const CHECK_IN_OPENS_BEFORE_START_MS = 30 * 60_000;

export type CheckInWindow = "early" | "open" | "over";

/**
 * Where `now` falls in a task's check-in window: the API refuses a check-in outside it and the
 * mini-program only offers one inside it.
 *
 * @example checkInWindow({ startsAt, endsAt }, startsAt - 10 * 60_000) // "open"
 */
export function checkInWindow(task: { startsAt: number; endsAt: number }, now: number): CheckInWindow {
  if (now < task.startsAt - CHECK_IN_OPENS_BEFORE_START_MS) return "early";
  if (now > task.endsAt) return "over";
  return "open";
}
