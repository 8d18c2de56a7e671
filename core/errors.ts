/** Error codes the domain raises; the edge (server/, app/) maps them to HTTP status codes. */
export type AppErrorCode =
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "locked"
  | "unavailable"
  | "internal";

/** Field name → message key in the catalog (e.g. `errors.required`). */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors: FieldErrors | undefined;
  /** Message key in the catalog, shown to the user. */
  readonly messageKey: string;

  constructor(
    code: AppErrorCode,
    messageKey: string,
    options: { fieldErrors?: FieldErrors; cause?: unknown } = {},
  ) {
    super(messageKey, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.messageKey = messageKey;
    this.fieldErrors = options.fieldErrors;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === "AppError" && "code" in error;
}

export const httpStatusByCode: Record<AppErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  locked: 423,
  rate_limited: 429,
  internal: 500,
  /** A service the request needs is switched off or down (e.g. no SMTP server configured). */
  unavailable: 503,
};
