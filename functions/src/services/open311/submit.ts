import { REPORT_CATEGORY_RULES, ReportBody, phone, realName } from "@renxing/shared";
import * as z from "zod/mini";
import type { Db } from "../../db/client";
import type { Env } from "../../env";
import { validate } from "../../http/input";
import { open311Client } from "../open311-keys";
import { fileReport } from "../reports/file";

/** A GeoReport POST body: form fields by name (urlencoded or multipart; a file part is ignored). */
export type Open311Form = Record<string, string | File>;

/** Who the report names when the client sends no first_name / last_name. */
export const PLATFORM_REPORTER = "区级平台";

/**
 * The request in our own terms, checked with the shared rules of a report: `service_code` is the
 * category, attribute `grid` the grid (required here: a platform has no grid of its own).
 */
const Submission = z.object({
  report: z.extend(ReportBody, {
    gridId: z.string("请在 attribute[grid] 中选择问题所在的网格").check(z.trim(), z.minLength(1, "请在 attribute[grid] 中选择问题所在的网格")),
  }),
  reporter: z.object({ name: realName, phone: z.nullable(phone) }),
});

/** The GeoReport field a rule of ours speaks about, so an error names what the client sent. */
export const OPEN311_FIELD: Record<string, string> = {
  category: "service_code",
  description: "description",
  gridId: "attribute[grid]",
  building: "address_string",
  lat: "lat",
  long: "long",
  public: "attribute[public]",
  name: "first_name/last_name",
  phone: "phone",
};

const text = (form: Open311Form, name: string): string | undefined => {
  const value = form[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

/** A number field as sent ("41.87"), or undefined when left out; "abc" stays NaN for the rule to refuse. */
const coordinate = (form: Open311Form, name: string) => {
  const value = text(form, name);
  return value === undefined ? undefined : Number(value);
};

/** Chinese names go family name (last_name) first; others "first last". */
function reporterName(form: Open311Form): string {
  const first = text(form, "first_name") ?? "";
  const last = text(form, "last_name") ?? "";
  if (!first && !last) return PLATFORM_REPORTER;
  return /\p{Script=Han}/u.test(first + last) ? `${last}${first}` : [first, last].filter(Boolean).join(" ");
}

/**
 * POST requests.json: the key first (403 / 429 before anything is read into a report), then the
 * fields (400), then the filing itself, as the key's client. `email`, `media_url` (photos are only
 * ever our own uploads), `jurisdiction_id`, `device_id`, `account_id` and `address_id` are
 * accepted and ignored.
 */
export async function submitOpen311Request(db: Db, env: Env, form: Open311Form, origin: string, now = Date.now()) {
  const client = await open311Client(db, text(form, "api_key"), now);
  const { report, reporter } = validate(Submission, {
    report: {
      category: text(form, "service_code"),
      description: text(form, "description"),
      gridId: text(form, "attribute[grid]"),
      building: text(form, "address_string"),
      lat: coordinate(form, "lat"),
      long: coordinate(form, "long"),
      public: text(form, "attribute[public]") === "true",
    },
    reporter: { name: reporterName(form), phone: text(form, "phone") ?? null },
  });
  const filed = await fileReport(db, env, { kind: "open311", keyId: client.keyId, name: client.name, reporter }, report, origin, now);
  const rule = REPORT_CATEGORY_RULES[report.category];
  return [
    {
      service_request_id: filed.ref,
      service_notice: `已转交网格员处理：${rule.acceptHours}小时内受理，${rule.resolveHours}小时内办结`,
    },
  ];
}
