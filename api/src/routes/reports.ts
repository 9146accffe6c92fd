import { createHash, randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import {
  Id,
  Report,
  ReportProgress,
  ReportStatusList,
  ReportStatusRequest,
  ReportSubmission,
} from '@counterweight/shared';
import canonicalize from 'canonicalize';
import type { AppDeps } from '../app-env';
import { pseudonymOf } from '../auth/pseudonym';
import { REVIEWERS, requireRole } from '../auth/require-role';
import { ApiError } from '../errors';
import { requireJsonBody } from '../http/json-body';
import { keptOnlyByPreservation } from '../preservation/kept-by-preservation';
import { reportProgress, submittedReportsProgress } from '../reports/progress';
import { checkScreenshot } from '../reports/screenshot';
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
    'Only content a person has reviewed and attests to is taken. The server recomputes the SHA-256 of the excerpt and refuses a mismatch. An optional `screenshot` (PNG, JPEG or WebP, base64, at most 2 MB decoded; the body may then be up to 3 MiB) is kept as evidence: 415 for another type or bytes not of the stated type, 413 over 2 MB, 400 when its `sha256` does not match; only its hash is logged, and it is purged with the content. With an `Idempotency-Key` header, a retry with the same body answers with the first report (200); the same key with another body is a 409.',
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

/** A report with where it stands. */
export const ReportWithProgress = Report.extend({ progress: ReportProgress });

const getReport = createRoute({
  method: 'get',
  path: '/v1/reports/{id}',
  summary: 'Read one report, with where it stands',
  description:
    '`progress.state`: `waiting`, `claimed`, `decided`, `appealed` or `appeal_decided`, with the action in force and the statement of reasons once decided.',
  tags: ['reports'],
  security: BEARER,
  request: { params: ReportParams },
  responses: {
    200: {
      description: 'The report',
      content: { 'application/json': { schema: ReportWithProgress } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const statusOfMine = createRoute({
  method: 'post',
  path: '/v1/reports/status',
  summary: 'Where my reports stand (bulk)',
  description:
    'For the reviewer who submitted them: the progress of up to 200 reports in one cheap read, without their content. Ids of reports submitted by others, or unknown, are left out of the answer.',
  tags: ['reports'],
  security: BEARER,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: ReportStatusRequest,
          example: { ids: ['3f1c1f8e-8a5a-4c1e-9a51-0d5c7a3c2b10'] },
        },
      },
    },
  },
  responses: {
    200: {
      description: 'One line per report of the caller',
      content: { 'application/json': { schema: ReportStatusList } },
    },
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

const getScreenshot = createRoute({
  method: 'get',
  path: '/v1/reports/{id}/screenshot',
  summary: 'The screenshot evidence of a report',
  description: 'The image bytes as received; 404 when the report has none or it was purged.',
  tags: ['reports'],
  security: BEARER,
  request: { params: ReportParams },
  responses: {
    200: {
      description: 'The image',
      content: {
        'image/png': { schema: { type: 'string', format: 'binary' } },
        'image/jpeg': { schema: { type: 'string', format: 'binary' } },
        'image/webp': { schema: { type: 'string', format: 'binary' } },
      },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

/** `POST /v1/reports` and `GET /v1/reports/{id}`, for reviewers. */
export function reportRoutes(deps: AppDeps) {
  const router = newRouter();
  const reviewers = requireRole(deps, REVIEWERS);
  router.use('/v1/reports', reviewers, requireJsonBody());
  router.use('/v1/reports/status', reviewers, requireJsonBody());
  router.use('/v1/reports/:id', reviewers);
  router.use('/v1/reports/:id/screenshot', reviewers);

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
    const screenshot = submission.screenshot ? checkScreenshot(submission.screenshot) : null;
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
      screenshot,
    });
    c.header('Location', `/v1/reports/${report.id}`);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(report, replayed ? 200 : 201);
  });

  router.openapi(getReport, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findReport(deps.db, id);
    if (!row) throw new ApiError('not_found', `no report ${id}`);
    const progress = await reportProgress(deps.db, id);
    const report = reportFromRow(row);
    // Past its ordinary retention, content kept by a preservation hold is read only through
    // GET /v1/preserved/{id}, where every read is logged.
    if (await keptOnlyByPreservation(deps.db, id, new Date()))
      return c.json({ ...report, content: null, screenshot: null, progress: progress! }, 200);
    return c.json({ ...report, progress: progress! }, 200);
  });

  router.openapi(statusOfMine, async (c) => {
    const { ids } = c.req.valid('json');
    const reports = await submittedReportsProgress(deps.db, c.get('principal').tokenId, ids);
    return c.json({ reports }, 200);
  });

  router.openapi(getScreenshot, async (c) => {
    const { id } = c.req.valid('param');
    if (await keptOnlyByPreservation(deps.db, id, new Date()))
      throw new ApiError(
        'forbidden',
        `report ${id} is past its ordinary retention and kept only under a preservation hold: read it through /v1/preserved/${id}`,
      );
    const [row] = await deps.db.query<{ media_type: string; data: Uint8Array }>(
      'SELECT media_type, data FROM report_screenshots WHERE report_id = $1',
      [id],
    );
    if (!row) throw new ApiError('not_found', `report ${id} has no screenshot evidence`);
    c.header('Content-Type', row.media_type);
    c.header('Cache-Control', 'private, no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(new Uint8Array(row.data), 200) as never;
  });

  return router;
}
