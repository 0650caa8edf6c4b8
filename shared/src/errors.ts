/**
 * Error codes of the HTTP contract (docs/api.md). The server answers every failure as
 * `{ error: { code, message, details? } }`; clients switch on `code` and show `message`.
 */
export const ErrorCode = {
  VALIDATION_FAILED: "VALIDATION_FAILED",
  INVALID_JSON: "INVALID_JSON",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  RATE_LIMITED: "RATE_LIMITED",
  WECHAT_UNAVAILABLE: "WECHAT_UNAVAILABLE",
  /** WeChat's content check judged the text risky; nothing was saved. */
  CONTENT_REJECTED: "CONTENT_REJECTED",
  INTERNAL: "INTERNAL",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One field that failed validation: `field` is the dotted path ("" for the body itself). */
export interface ErrorDetail {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode | (string & {});
    message: string;
    details?: ErrorDetail[];
  };
}
