import { createRoute } from '@hono/zod-openapi';
import {
  FalseFlagRates,
  FeedbackReceipt,
  FeedbackSubmission,
} from '@counterweight/shared/feedback';
import type { AppDeps } from '../app-env';
import { ANY_ROLE, requireRole } from '../auth/require-role';
import { addFeedback, falseFlagRates } from '../feedback/feedback-store';
import { requireJsonBody } from '../http/json-body';
import { BEARER, errorResponses, newRouter } from './router';

const tags = ['classifier feedback'];

export const FEEDBACK_EXAMPLE: FeedbackSubmission = {
  batchId: '6f1c1a8e-4c1b-4e0c-9d3e-2a1b3c4d5e6f',
  counts: [
    {
      day: '2026-12-07',
      outcome: 'dismissed',
      label: 'hate',
      decision: 'uncertain',
      scoreBucket: '0.5',
      modelVersion: '2026-11-22T22:26',
      language: 'en',
      count: 12,
    },
    {
      day: '2026-12-07',
      outcome: 'confirmed',
      label: 'extremist',
      decision: 'flag',
      scoreBucket: '0.9',
      modelVersion: '2026-11-22T22:26',
      language: 'en',
      count: 3,
    },
  ],
};

const submit = createRoute({
  method: 'post',
  path: '/v1/feedback',
  summary: 'Daily counts of dismissed and confirmed flags (any token, opt-in in the extension)',
  description:
    'Counts per day, outcome, label, decision, score bucket, model version and language: never text, URL, site or person (the schema has no field for them). Stored as aggregates, not per sender. A batch id already counted is acknowledged again without counting it twice.',
  tags,
  security: BEARER,
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: FeedbackSubmission, example: FEEDBACK_EXAMPLE } },
    },
  },
  responses: {
    200: {
      description: 'The batch is counted (or had been)',
      content: { 'application/json': { schema: FeedbackReceipt } },
    },
    ...errorResponses(400, 401, 413, 415),
  },
});

const rates = createRoute({
  method: 'get',
  path: '/v1/transparency/false-flags',
  summary: 'False-flag rates per model version, from reviewer feedback (public)',
  description:
    'Of the flags reviewers who share feedback dismissed or confirmed, the share dismissed, per model version. Shown on /transparency.',
  tags: ['transparency'],
  responses: {
    200: {
      description: 'One row per model version, newest first',
      content: { 'application/json': { schema: FalseFlagRates } },
    },
  },
});

/** `POST /v1/feedback` (any token) and the public `GET /v1/transparency/false-flags`. */
export function feedbackRoutes(deps: AppDeps, clock: () => Date = () => new Date()) {
  const router = newRouter();
  router.openapi(
    { ...submit, middleware: [requireRole(deps, ANY_ROLE), requireJsonBody()] },
    async (c) => {
      const batch = c.req.valid('json');
      const counted = await addFeedback(deps.db, batch, clock());
      // Only what is in the batch anyway: no token, no address.
      deps.logger.info(
        { event: 'feedback_received', rows: batch.counts.length, counted },
        'classifier feedback',
      );
      return c.json({ batchId: batch.batchId, counted }, 200);
    },
  );
  router.openapi(rates, async (c) => c.json(await falseFlagRates(deps.db), 200));
  return router;
}
