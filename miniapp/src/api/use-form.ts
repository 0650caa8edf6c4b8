import { useState } from "react";
import { ApiError } from "./client";
import { useAction } from "./hooks";

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** The part of a shared zod schema a form needs (kept structural: the mini-program has no zod of its own). */
interface Schema<Body> {
  safeParse(value: unknown): { success: true; data: Body } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

export interface FormOptions<Field extends string, Body> {
  /** The form's value now, in the shape the schema takes. */
  value: () => unknown;
  /** Sends the checked body (and does what follows a success); an `ApiError` is shown on the form. */
  send: (body: Body) => Promise<void>;
  /** Checks the schema cannot word for a resident (a choice not made yet): they win over its message. */
  check?: () => FieldErrors<Field>;
  /** The line under a form that has one, when the schema refuses; a refusal by the server shows its own message there. */
  invalidMessage?: string;
  /** Field messages a refusal implies beyond its `details` (e.g. NOT_ELIGIBLE under 出生年份). */
  refusal?: (error: ApiError) => FieldErrors<Field>;
}

/** The first message for each field: what the resident should fix first. */
export function fieldErrors<Field extends string>(found: { field: PropertyKey | undefined; message: string }[]): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  for (const { field, message } of found) if (typeof field === "string") errors[field as Field] ??= message;
  return errors;
}

/**
 * A form checked with the same shared schema the API validates with: the schema's messages and
 * the server's 422/400 `details` land under their fields, in Chinese; `submitting` drives the button.
 * `submit` says how it went: "invalid" (nothing sent), "refused" (the server said no) or "sent".
 *
 * @example
 * const form = useForm<"title", WishBody>(WishBody, { value: () => ({ title }), send: (body) => wishesApi.post(body) });
 * <Field label="心愿标题" error={form.errors.title}>…</Field>
 */
export function useForm<Field extends string, Body>(schema: Schema<Body>, options: FormOptions<Field, Body>) {
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState("");

  const action = useAction(async (): Promise<"invalid" | "refused" | "sent"> => {
    const parsed = schema.safeParse(options.value());
    const found: FieldErrors<Field> = {
      ...(parsed.success ? {} : fieldErrors<Field>(parsed.error.issues.map((i) => ({ field: i.path[0], message: i.message })))),
      ...options.check?.(),
    };
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      setFormError(options.invalidMessage ?? "");
      return "invalid";
    }
    setErrors({});
    setFormError("");
    try {
      await options.send(parsed.data);
      return "sent";
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setErrors({ ...options.refusal?.(e), ...fieldErrors<Field>(e.details) });
      if (options.invalidMessage) setFormError(e.message);
      return "refused";
    }
  });

  /** Forgets a field's message (and the form's) once the resident changes it. */
  const clear = (field: Field) => {
    setErrors((e) => ({ ...e, [field]: undefined }));
    setFormError("");
  };

  return { errors, formError, clear, submitting: action.running, submit: action.run };
}
