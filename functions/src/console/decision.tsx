import type { Context } from "hono";
import { formFields } from "./forms";

/**
 * The approve-or-reject pair every review queue uses (members, wishes, drivers): an approve button
 * posting to `<base>/approve`, and a reject form posting to `<base>/reject` with the reason the
 * resident will read. Both carry the session's CSRF token.
 */
export function ApproveReject(props: { base: string; csrf: string; approve: string; reject: string; reasonLabel: string; confirm?: string }) {
  const { base, csrf } = props;
  return (
    <div class="decide">
      <form method="post" action={`${base}/approve`} data-confirm={props.confirm}>
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit">{props.approve}</button>
      </form>
      <form method="post" action={`${base}/reject`}>
        <input type="hidden" name="_csrf" value={csrf} />
        <label>
          {props.reasonLabel}
          <textarea name="reason" required maxlength={200} rows={2}></textarea>
        </label>
        <button type="submit" class="secondary">{props.reject}</button>
      </form>
    </div>
  );
}

export const VERDICTS = ["approve", "reject"] as const;

/** The decision a posted ApproveReject form stands for, ready for the shared schema. */
export async function postedDecision(c: Context, verdict: (typeof VERDICTS)[number]) {
  const text = await formFields(c);
  return { approve: verdict === "approve", reason: text("reason") || undefined };
}
