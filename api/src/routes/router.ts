import { OpenAPIHono } from '@hono/zod-openapi';
import { ErrorBody } from '@counterweight/shared';
import type { AppEnv } from '../app-env';
import { validationError } from '../errors';

/** A router whose validation failures become 400 `validation_failed` naming each field. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Validation failed; `issues[].path` names each field',
  401: 'Missing or invalid bearer token',
  403: 'The token’s role may not do this',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Body larger than 64 KiB',
  415: 'Body is not application/json',
};

/** OpenAPI responses for the error statuses a route can answer, all with an `ErrorBody`. */
export function errorResponses(...statuses: (keyof typeof DESCRIPTIONS)[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: DESCRIPTIONS[status]!,
        content: { 'application/json': { schema: ErrorBody } },
      },
    ]),
  );
}

/** The bearer-token requirement, for `security` in route definitions. */
export const BEARER = [{ bearer: [] }];
