import type { ErrorBody, ErrorCode } from '@counterweight/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

type FieldIssue = NonNullable<ErrorBody['issues']>[number];

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  four_eyes: 403,
  not_found: 404,
  conflict: 409,
  claim_required: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  log_integrity: 503,
  internal: 500,
};

/** An error a client can cause (or a bug, with code `internal`), answered as an `ErrorBody`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

/** Dotted path of a zod issue, `body` for the root; `prefix` names where the value came from. */
export function issuePath(path: readonly PropertyKey[], prefix?: string): string {
  const parts = path.map(String);
  if (prefix) parts.unshift(prefix);
  return parts.length === 0 ? 'body' : parts.join('.');
}

/** A `validation_failed` error listing every zod issue with its dotted field path. */
export function validationError(error: z.ZodError, prefix?: string): ApiError {
  const issues = error.issues.map((issue) => ({
    path: issuePath(issue.path, prefix),
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
        : issue.message,
  }));
  const first = issues[0];
  const message = first ? `invalid ${first.path}: ${first.message}` : 'invalid request';
  return new ApiError('validation_failed', message, issues);
}

/** The request id set by the request-id middleware (or `unknown` before it ran). */
export function requestIdOf(c: Context): string {
  return (c.get('requestId' as never) as string | undefined) ?? 'unknown';
}

/** Builds the `ErrorBody` answer for an error. */
export function errorResponse(c: Context, error: ApiError): Response {
  const body: ErrorBody = { code: error.code, message: error.message, requestId: requestIdOf(c) };
  if (error.issues) body.issues = error.issues;
  return c.json(body, error.status);
}

/**
 * The app's `onError`: `ApiError`s answer with their code; Hono's own HTTP exceptions are mapped
 * to the nearest code; anything else is a bug, logged and answered as a 500 `internal`.
 */
export function onError(log: (error: unknown, c: Context) => void) {
  return (error: Error, c: Context): Response => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof HTTPException) {
      const code = codeForStatus(error.status);
      if (code !== 'internal') return errorResponse(c, new ApiError(code, error.message || code));
    }
    log(error, c);
    return errorResponse(
      c,
      new ApiError(
        'internal',
        'internal error; this is a bug, please report it with the request id',
      ),
    );
  };
}

function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(STATUS) as [ErrorCode, number][]).find(([, s]) => s === status);
  return found ? found[0] : status >= 400 && status < 500 ? 'validation_failed' : 'internal';
}
