const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Epoch milliseconds as ISO 8601 in Asia/Shanghai (China has no daylight saving, so +08:00 always).
 *
 * @example toShanghaiIso(0) // "1970-01-01T08:00:00.000+08:00"
 */
export function toShanghaiIso(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace("Z", "+08:00");
}
