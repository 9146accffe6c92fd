import { createRoute, z } from '@hono/zod-openapi';
import {
  Appeal,
  AppealDecisionSubmission,
  AppealNotice,
  AppealQueue,
  AppealReceipt,
  AppealStatusRequest,
  AppealSubmission,
  Id,
  StatementOfReasons,
} from '@counterweight/shared';
import type { Context } from 'hono';
import { appealQueue, getAppeal, type AppealDeps } from '../appeals/appeal-records';
import { appealStatus, contestedStatement } from '../appeals/appellant-view';
import { decideAppeal } from '../appeals/decide-appeal';
import { fileAppeal } from '../appeals/file-appeal';
import { rateLimit, socketAddress, TokenBuckets } from '../appeals/rate-limit';
import type { AppDeps } from '../app-env';
import { pseudonymOf } from '../auth/pseudonym';
import { requireRole } from '../auth/require-role';
import { hashToken } from '../auth/tokens';
import { ApiError } from '../errors';
import { requireJsonBody } from '../http/json-body';
import { BEARER, errorResponses, newRouter } from './router';

export interface AppealRouteOptions {
  now?: () => Date;
  /** Appeals per client: a burst of `capacity`, then `refillPerSecond`. Default 5, then 1 a minute. */
  rateLimit?: { capacity: number; refillPerSecond: number; clientKey?: (c: Context) => string };
}

const AppealParams = z.object({ id: Id });

/** Valid request bodies, shown in the OpenAPI document. */
export const APPEAL_EXAMPLE = {
  appellant: 'content_provider',
  token: 'cwa_3q2-7wVhM0xX9cJk1Zb4nT8rLp6sYdAeFgHiJkLmNoP',
  grounds:
    'The post quoted the attacker in order to report on the trial; it is journalism, not glorification.',
} satisfies AppealSubmission;
export const APPEAL_DECISION_EXAMPLE = {
  outcome: 'reversed',
  reasons:
    'Read with the rest of the thread, the post reports on the trial: the Art. 1(3) journalistic exemption applies.',
} satisfies AppealDecisionSubmission;
const RATE_LIMITED = {
  429: {
    description: 'Too many appeals from this client; see Retry-After',
    content: { 'application/json': { schema: z.any() } },
  },
};

const file = createRoute({
  method: 'post',
  path: '/v1/appeals',
  summary: 'File an appeal (public)',
  description:
    'No account needed. A content provider sends the appeal token from the statement of reasons (`x_appeal.token`) — for an executed removal order, the token in the notice (`GET /v1/orders/{id}/notice`): a complaint under TCO Art. 10; a reporter contesting a "no action" decision sends `appellant: "reporter"` with the report id and their own bearer token. Accepted until the decision\'s appeal deadline (six months); one appeal per decision or order; due 14 days after filing. Rate-limited per client address.',
  tags: ['appeals'],
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: AppealSubmission, example: APPEAL_EXAMPLE } },
    },
  },
  responses: {
    201: {
      description: 'Appeal filed',
      content: { 'application/json': { schema: AppealReceipt } },
    },
    ...errorResponses(400, 401, 404, 409, 413, 415),
    ...RATE_LIMITED,
  },
});

/** The appellant's proof of standing (appeal token, or reporter's token and report id). */
const STANDING_REQUEST = {
  body: {
    required: true,
    content: {
      'application/json': {
        schema: AppealStatusRequest,
        example: { appellant: APPEAL_EXAMPLE.appellant, token: APPEAL_EXAMPLE.token },
      },
    },
  },
};

const status = createRoute({
  method: 'post',
  path: '/v1/appeals/status',
  summary: 'How my appeal stands (public)',
  description:
    "For the appellant: the same proof of standing as when filing (the appeal token, or the reporter's bearer token and report id). Answers the due date and, once decided, the outcome with its reasons. Rate-limited per client address.",
  tags: ['appeals'],
  request: STANDING_REQUEST,
  responses: {
    200: {
      description: 'The appeal as the appellant sees it',
      content: { 'application/json': { schema: AppealNotice } },
    },
    ...errorResponses(400, 401, 404, 413, 415),
    ...RATE_LIMITED,
  },
});

const statement = createRoute({
  method: 'post',
  path: '/v1/appeals/statement',
  summary: 'The statement of reasons I may appeal (public)',
  description:
    'For the appellant, before or after filing: the statement of reasons of the decision, as published (amended after an appeal), found with the same proof of standing as when filing. Rate-limited per client address.',
  tags: ['appeals'],
  request: STANDING_REQUEST,
  responses: {
    200: {
      description: 'The statement of reasons, without the appeal token',
      content: { 'application/json': { schema: StatementOfReasons } },
    },
    ...errorResponses(400, 401, 404, 413, 415),
    ...RATE_LIMITED,
  },
});

const queue = createRoute({
  method: 'get',
  path: '/v1/appeals/queue',
  summary: 'Open appeals, overdue first',
  tags: ['appeals'],
  security: BEARER,
  responses: {
    200: { description: 'Open appeals', content: { 'application/json': { schema: AppealQueue } } },
    ...errorResponses(401, 403),
  },
});

const read = createRoute({
  method: 'get',
  path: '/v1/appeals/{id}',
  summary: 'One appeal',
  tags: ['appeals'],
  security: BEARER,
  request: { params: AppealParams },
  responses: {
    200: { description: 'The appeal', content: { 'application/json': { schema: Appeal } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

const decide = createRoute({
  method: 'post',
  path: '/v1/appeals/{id}/decision',
  summary: 'Decide an appeal',
  description:
    "A senior reviewer who took no part in the case decides: not the report's submitter, not the first decider, not the reporter who appealed (403 `four_eyes`, also for another token issued to the same name). Upheld, reversed or modified, with reasons. A reversal of an action reinstates the content and amends the statement of reasons (`x_amended_by_appeal`). A complaint on a removal order (`orderId` set) is decided by someone who neither received nor decided the order, upheld or reversed only (400 naming `outcome` for modified); a reversal records the reinstatement on the order.",
  tags: ['appeals'],
  security: BEARER,
  request: {
    params: AppealParams,
    body: {
      required: true,
      content: {
        'application/json': { schema: AppealDecisionSubmission, example: APPEAL_DECISION_EXAMPLE },
      },
    },
  },
  responses: {
    200: { description: 'The decided appeal', content: { 'application/json': { schema: Appeal } } },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

/**
 * Appeals (DSA Art. 20, TCO Art. 10): filing is public and rate-limited per client; the queue,
 * reading and deciding are for senior reviewers.
 */
export function appealRoutes(deps: AppDeps, options: AppealRouteOptions = {}) {
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
  const statusBuckets = new TokenBuckets({
    capacity: limit.capacity * 6,
    refillPerSecond: limit.refillPerSecond * 10,
    now: () => store.now().getTime(),
  });
  const seniors = requireRole(deps, ['senior_reviewer']);
  const clientKey = limit.clientKey ?? socketAddress;
  /** The caller of a reporter appeal: their bearer token must be valid. */
  const reporter = async (authorization: string | undefined) => {
    const bearer = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const caller = bearer ? await deps.tokens.lookup(bearer) : null;
    if (!caller)
      throw new ApiError(
        'unauthorized',
        'a reporter appeal needs the bearer token that submitted the report',
      );
    return caller;
  };

  const router = newRouter();
  const uuid = ':id{[0-9a-fA-F-]+}'; // not 'queue' or 'status'
  router.use('/v1/appeals', rateLimit(buckets, clientKey), requireJsonBody());
  router.use('/v1/appeals/status', rateLimit(statusBuckets, clientKey), requireJsonBody());
  router.use('/v1/appeals/statement', rateLimit(statusBuckets, clientKey), requireJsonBody());
  router.use('/v1/appeals/queue', seniors);
  router.use(`/v1/appeals/${uuid}`, seniors);
  router.use(`/v1/appeals/${uuid}/decision`, seniors, requireJsonBody());

  router.openapi(file, async (c) => {
    const submission = c.req.valid('json');
    const caller =
      submission.appellant === 'reporter' ? await reporter(c.req.header('authorization')) : null;
    return c.json(await fileAppeal(store, submission, caller, hashToken), 201);
  });
  router.openapi(status, async (c) => {
    const request = c.req.valid('json');
    const caller =
      request.appellant === 'reporter' ? await reporter(c.req.header('authorization')) : null;
    return c.json(await appealStatus(store, request, caller, hashToken), 200);
  });
  router.openapi(statement, async (c) => {
    const request = c.req.valid('json');
    const caller =
      request.appellant === 'reporter' ? await reporter(c.req.header('authorization')) : null;
    return c.json(await contestedStatement(store, request, caller, hashToken), 200);
  });
  router.openapi(queue, async (c) =>
    c.json(AppealQueue.parse({ items: await appealQueue(store) }), 200),
  );
  router.openapi(read, async (c) => c.json(await getAppeal(store, c.req.valid('param').id), 200));
  router.openapi(decide, async (c) => {
    const appeal = await decideAppeal(
      store,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.get('principal'),
    );
    return c.json(appeal, 200);
  });
  return router;
}
