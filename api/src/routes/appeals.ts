import { AppealDecisionSubmission, AppealQueue, AppealSubmission, Id } from '@counterweight/shared';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import {
  appealQueue,
  decideAppeal,
  fileAppeal,
  getAppeal,
  type AppealDeps,
} from '../appeals/appeals';
import { amendStatementAfterAppeal } from '../appeals/amend-statement';
import { rateLimit, socketAddress, TokenBuckets } from '../appeals/rate-limit';
import type { AppDeps, AppEnv } from '../app-env';
import { pseudonymOf } from '../auth/pseudonym';
import { requireRole } from '../auth/require-role';
import { hashToken } from '../auth/tokens';
import { ApiError, validationError } from '../errors';

export interface AppealRouteOptions {
  now?: () => Date;
  /** Appeals per client: a burst of `capacity`, then `refillPerSecond`. Default 5, then 1 a minute. */
  rateLimit?: { capacity: number; refillPerSecond: number; clientKey?: (c: Context) => string };
}

/** Parses a JSON body with `schema`, answering 400 with the failing fields (never a 500). */
export async function parseJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError('validation_failed', 'the body is not valid JSON', [
      { path: 'body', message: 'invalid JSON' },
    ]);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

function parseId(value: string, field: string): string {
  const parsed = Id.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, field);
  return parsed.data;
}

/**
 * `/v1/appeals`: `POST /` is public (content provider with the appeal token, or the reporter
 * with their bearer token) and rate-limited per client; `GET /queue`, `GET /{id}` and
 * `POST /{id}/decision` are for senior reviewers.
 */
export function appealRoutes(deps: AppDeps, options: AppealRouteOptions = {}): Hono<AppEnv> {
  const store: AppealDeps = {
    db: deps.db,
    sequencer: deps.sequencer,
    pseudonym: (tokenId) => pseudonymOf(deps.pseudonymKey, tokenId),
    now: options.now ?? (() => new Date()),
  };
  const limit = options.rateLimit ?? { capacity: 5, refillPerSecond: 1 / 60 };
  const buckets = new TokenBuckets({
    capacity: limit.capacity,
    refillPerSecond: limit.refillPerSecond,
    now: () => store.now().getTime(),
  });
  const seniors = requireRole(deps, ['senior_reviewer']);

  return new Hono<AppEnv>()
    .post('/', rateLimit(buckets, limit.clientKey ?? socketAddress), async (c) => {
      const submission = await parseJsonBody(c, AppealSubmission);
      let caller: { tokenId: string } | null = null;
      const bearer = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
      if (submission.appellant === 'reporter') {
        caller = bearer ? await deps.tokens.lookup(bearer) : null;
        if (!caller)
          throw new ApiError(
            'unauthorized',
            'a reporter appeal needs the bearer token that submitted the report',
          );
      }
      const receipt = await fileAppeal(store, submission, caller, hashToken);
      return c.json(receipt, 201);
    })
    .get('/queue', seniors, async (c) =>
      c.json(AppealQueue.parse({ items: await appealQueue(store) })),
    )
    .get('/:id', seniors, async (c) =>
      c.json(await getAppeal(store, parseId(c.req.param('id'), 'id'))),
    )
    .post('/:id/decision', seniors, async (c) => {
      const id = parseId(c.req.param('id'), 'id');
      const submission = await parseJsonBody(c, AppealDecisionSubmission);
      const appeal = await decideAppeal(
        store,
        id,
        submission,
        c.get('principal'),
        amendStatementAfterAppeal,
      );
      return c.json(appeal);
    });
}
