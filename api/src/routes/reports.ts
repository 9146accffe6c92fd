import { createHash, randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { Id, Report, ReportSubmission } from '@counterweight/shared';
import canonicalize from 'canonicalize';
import type { AppDeps } from '../app-env';
import { pseudonymOf } from '../auth/pseudonym';
import { REVIEWERS, requireRole } from '../auth/require-role';
import { ApiError } from '../errors';
import { requireJsonBody } from '../http/json-body';
import { findReport, reportFromRow } from '../reports/store';
import { REPORT_EXAMPLE } from './examples';
import { BEARER, errorResponses, newRouter } from './router';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export const ReportParams = z.object({ id: Id });

const submitReport = createRoute({
  method: 'post',
  path: '/v1/reports',
  summary: 'Submit a human-reviewed report',
  description:
    'Only content a person has reviewed and attests to is taken. The server recomputes the SHA-256 of the excerpt and refuses a mismatch. With an `Idempotency-Key` header, a retry with the same body answers with the first report (200); the same key with another body is a 409.',
  tags: ['reports'],
  security: BEARER,
  request: {
    headers: z.object({ 'idempotency-key': z.string().optional() }),
    body: {
      required: true,
      content: { 'application/json': { schema: ReportSubmission, example: REPORT_EXAMPLE } },
    },
  },
  responses: {
    201: {
      description: 'Stored and acknowledged',
      content: { 'application/json': { schema: Report } },
    },
    200: {
      description: 'Idempotent replay: the report first stored with this key',
      content: { 'application/json': { schema: Report } },
    },
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

const getReport = createRoute({
  method: 'get',
  path: '/v1/reports/{id}',
  summary: 'Read one report',
  tags: ['reports'],
  security: BEARER,
  request: { params: ReportParams },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: Report } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

/** `POST /v1/reports` and `GET /v1/reports/{id}`, for reviewers. */
export function reportRoutes(deps: AppDeps) {
  const router = newRouter();
  const reviewers = requireRole(deps, REVIEWERS);
  router.use('/v1/reports', reviewers, requireJsonBody());
  router.use('/v1/reports/:id', reviewers);

  router.openapi(submitReport, async (c) => {
    const submission = c.req.valid('json');
    const actual = sha256(submission.content.excerpt);
    if (actual !== submission.content.excerptSha256)
      throw new ApiError('validation_failed', 'content.excerptSha256 does not match the excerpt', [
        {
          path: 'content.excerptSha256',
          message: `does not match the SHA-256 of content.excerpt, which is ${actual}`,
        },
      ]);
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      throw new ApiError('validation_failed', 'invalid Idempotency-Key header', [
        { path: 'Idempotency-Key', message: 'expected 1 to 200 visible ASCII characters' },
      ]);
    const principal = c.get('principal');
    const { report, replayed } = await deps.intake.submit({
      id: randomUUID(),
      receivedAt: new Date().toISOString(),
      submission,
      submitter: principal,
      actor: pseudonymOf(deps.pseudonymKey, principal.tokenId),
      urlSha256: sha256(submission.content.url),
      idempotency:
        key === undefined
          ? null
          : { key, bodySha256: sha256(canonicalize(await c.req.json()) ?? '') },
    });
    c.header('Location', `/v1/reports/${report.id}`);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(report, replayed ? 200 : 201);
  });

  router.openapi(getReport, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findReport(deps.db, id);
    if (!row) throw new ApiError('not_found', `no report ${id}`);
    return c.json(reportFromRow(row), 200);
  });

  return router;
}
