import type { Context } from "hono";

/**
 * A submitted console form, read as trimmed strings: a missing or file field reads as "".
 *
 * @example const f = await formFields(c); f("title")
 */
export async function formFields(c: Context): Promise<(name: string) => string> {
  const form = await c.req.parseBody();
  return (name) => {
    const value = form[name];
    return typeof value === "string" ? value.trim() : "";
  };
}

/**
 * An `<input type="datetime-local">` value as ISO 8601 in Beijing time, which is what the console
 * speaks; "" stays "" so the shared schema reports it as missing.
 *
 * @example beijingDateTime("2027-06-07T07:00") // "2027-06-07T07:00:00+08:00"
 */
export function beijingDateTime(local: string): string {
  if (!local) return "";
  return `${local.length === 16 ? `${local}:00` : local}+08:00`;
}
