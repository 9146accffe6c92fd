import { z } from 'zod';

export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  /** 403: the caller took part in the case, so a second person must decide (four-eyes rule). */
  'four_eyes',
  'not_found',
  'conflict',
  /** 409: deciding a report needs the caller's claim on it (`POST /v1/reports/{id}/claim`). */
  'claim_required',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'log_integrity',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One field that failed validation; `path` is dotted, e.g. `content.excerpt` or `body`. */
export const FieldIssue = z.strictObject({ path: z.string(), message: z.string() });

/** The body of every error answer from the API. */
export const ErrorBody = z.strictObject({
  code: ErrorCode,
  message: z.string(),
  requestId: z.string(),
  issues: z.array(FieldIssue).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
