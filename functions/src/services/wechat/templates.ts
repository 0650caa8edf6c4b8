import { NOTIFICATION_KINDS, type NotificationKind } from "@renxing/shared";
import type { Env } from "../../env";

/** A subscribe-message template: its id and which notification value fills each keyword. */
export interface Template {
  id: string;
  /** Template keyword (`thing1`, `time2`, …) → the notification's value name (`title`, `time`, …). */
  data: Record<string, string>;
}

/**
 * `WECHAT_TEMPLATES` (JSON, see env.ts) by kind. A malformed setting is logged and treated as no
 * templates: messages stay in-app rather than the Worker failing.
 */
export function templatesOf(env: Pick<Env, "WECHAT_TEMPLATES">): Partial<Record<NotificationKind, Template>> {
  if (!env.WECHAT_TEMPLATES) return {};
  try {
    const parsed = JSON.parse(env.WECHAT_TEMPLATES) as Record<string, unknown>;
    const out: Partial<Record<NotificationKind, Template>> = {};
    for (const kind of NOTIFICATION_KINDS) {
      const t = parsed[kind] as Partial<Template> | undefined;
      if (t && typeof t.id === "string" && t.id && t.data && typeof t.data === "object") out[kind] = { id: t.id, data: t.data as Record<string, string> };
    }
    return out;
  } catch {
    console.error(JSON.stringify({ msg: "WECHAT_TEMPLATES is not valid JSON; messages stay in-app" }));
    return {};
  }
}

/**
 * WeChat refuses a message whose values break the keyword type's length (errcode 47003), so
 * values are cut to it with "…". The type is the keyword without its number (`thing1` → thing).
 */
const MAX_CHARS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  car_number: 8,
  phone_number: 17,
};

export function cutToLimit(keyword: string, value: string): string {
  const max = MAX_CHARS[keyword.replace(/\d+$/, "")];
  const chars = [...value];
  if (max === undefined || chars.length <= max) return value;
  return chars.slice(0, max - 1).join("") + "…";
}

/** The `data` of a subscribe/send body: every keyword of the template, filled and cut. */
export function templateData(template: Template, values: Record<string, string>): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(template.data).map(([keyword, name]) => [keyword, { value: cutToLimit(keyword, values[name] ?? "-") }]));
}
