import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Largest body of `POST /v1/reports`, which may carry a screenshot (2 MB, in base64). */
export const MAX_REPORT_BODY_BYTES = 3 * 1024 * 1024;

const JSON_TYPE = /^application\/json\s*(;|$)/i;

const tooLarge = (max: number) =>
  new ApiError(
    'payload_too_large',
    `the request body is larger than ${max} bytes (${max === MAX_BODY_BYTES ? '64 KiB' : '3 MiB'})`,
  );

const limiter = (max: number) =>
  bodyLimit({
    maxSize: max,
    onError: () => {
      throw tooLarge(max);
    },
  });

/**
 * 413 `payload_too_large` for a body over {@link MAX_BODY_BYTES} ({@link MAX_REPORT_BODY_BYTES}
 * for `POST /v1/reports`), declared or streamed.
 */
export function limitBody(): MiddlewareHandler {
  const small = limiter(MAX_BODY_BYTES);
  const report = limiter(MAX_REPORT_BODY_BYTES);
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const isReport = c.req.method === 'POST' && c.req.path === '/v1/reports';
    const max = isReport ? MAX_REPORT_BODY_BYTES : MAX_BODY_BYTES;
    const streamed = isReport ? report : small;
    // A declared length is checked from the header alone (Node's parser holds the body to it), so
    // the body stays unread until the route reads it, straight from the socket, without a stream.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > max) throw tooLarge(max);
      return next();
    }
    return streamed(c, next);
  };
}

/**
 * For requests with a body (POST, PUT, PATCH): 415 `unsupported_media_type` unless the body is
 * declared `application/json`; 400 `validation_failed` at path `body` when it is not valid JSON.
 * The parsed body is cached by Hono for the route's validator.
 */
export function requireJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PUT' && c.req.method !== 'PATCH')
      return next();
    const type = c.req.header('content-type');
    if (!type || !JSON_TYPE.test(type))
      throw new ApiError(
        'unsupported_media_type',
        `send the body as application/json (got ${type ? type.slice(0, 100) : 'no Content-Type'})`,
      );
    try {
      await c.req.json();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('validation_failed', 'the body is not valid JSON', [
        { path: 'body', message: 'malformed JSON' },
      ]);
    }
    await next();
  };
}
