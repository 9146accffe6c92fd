import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { Role } from '@counterweight/shared/auth';
import { Id } from '@counterweight/shared';
import {
  Target,
  TargetAggregates,
  TargetClaimSubmission,
  TargetCloseSubmission,
  TargetOutcomeSubmission,
  TargetPage,
  TargetQuery,
  TargetResponseSubmission,
  TargetSubmission,
} from '@counterweight/shared/target';
import {
  addPeriods,
  periodStart,
  targetTrends,
  Trends,
  TrendsQuery,
  SPIKE_MIN_COUNT,
  SPIKE_WINDOW,
  type TrendInterval,
} from '@counterweight/shared/trends';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { requireRole } from '../auth/require-role';
import { ApiError } from '../errors';
import { requireJsonBody } from '../http/json-body';
import {
  CLAIM_EXAMPLE,
  CLOSE_EXAMPLE,
  OUTCOME_EXAMPLE,
  RESPONSE_EXAMPLE,
  TARGET_EXAMPLE,
} from '../targets/target-examples';
import { TargetStore } from '../targets/target-store';
import { CSV_HEADER, targetsToCsv } from '../targets/targets-csv';
import { BEARER, errorResponses, newRouter } from './router';

/** Only CSO teams see targets; auditors see counts (aggregates and trends), never a target. */
export const CSO: readonly Role[] = ['cso'];
export const CSO_AND_AUDITORS: readonly Role[] = ['cso', 'auditor'];

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
/** How far ahead of the server clock a capture time may be (clock skew of the browser). */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** The most periods one trends request spans, and how many it shows without `from`. */
const MAX_TREND_PERIODS: Record<TrendInterval, number> = { day: 400, week: 156, month: 60 };
const DEFAULT_TREND_PERIODS: Record<TrendInterval, number> = { day: 31, week: 12, month: 12 };
const CSV_MAX_ROWS = 50_000;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const TargetParams = z.object({ id: Id });
const json = <T extends z.ZodType>(schema: T, example: unknown) => ({
  required: true,
  content: { 'application/json': { schema, example } },
});
const ok = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});
const tags = ['counter-narrative targets'];

const createTarget = createRoute({
  method: 'post',
  path: '/v1/targets',
  summary: 'Mark content as a counter-narrative target (cso)',
  description:
    'Targets are for counter- and alternative narratives, never for removal. The server recomputes the SHA-256 of the excerpt and refuses a mismatch. With an `Idempotency-Key` header a retry with the same body answers with the first target (200); the same key with another body is a 409.',
  tags,
  security: BEARER,
  request: {
    headers: z.object({ 'idempotency-key': z.string().optional() }),
    body: json(TargetSubmission, TARGET_EXAMPLE),
  },
  responses: {
    201: ok('Stored', Target),
    200: ok('Idempotent replay: the target first stored with this key', Target),
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

const listTargets = createRoute({
  method: 'get',
  path: '/v1/targets',
  summary: 'The targets board, filtered and cursor-paginated (cso)',
  description:
    'Newest capture first. List filters take comma-separated values; `from`/`to` bound the capture time. `format=csv` answers the whole filtered board as CSV (like `/v1/targets.csv`).',
  tags,
  security: BEARER,
  request: { query: TargetQuery },
  responses: { 200: ok('One page of targets', TargetPage), ...errorResponses(400, 401, 403) },
});

const exportTargets = createRoute({
  method: 'get',
  path: '/v1/targets.csv',
  summary: 'The filtered board as CSV (cso)',
  description:
    "Same filters as `GET /v1/targets`. Cells that a spreadsheet would read as a formula are prefixed with `'`.",
  tags,
  security: BEARER,
  request: { query: TargetQuery },
  responses: {
    200: {
      description: 'RFC 4180 CSV with a header line',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...errorResponses(400, 401, 403),
  },
});

const getTarget = createRoute({
  method: 'get',
  path: '/v1/targets/{id}',
  summary: 'One target with its do-no-harm guidance (cso)',
  tags,
  security: BEARER,
  request: { params: TargetParams },
  responses: { 200: ok('The target', Target), ...errorResponses(400, 401, 403, 404) },
});

const step = (path: string, summary: string, schema: z.ZodType, example: unknown) =>
  createRoute({
    method: 'post',
    path: `/v1/targets/{id}/${path}`,
    summary,
    tags,
    security: BEARER,
    request: { params: TargetParams, body: json(schema, example) },
    responses: {
      200: ok('The target after the change', Target),
      ...errorResponses(400, 401, 403, 404, 409, 413, 415),
    },
  });

const claimTarget = step(
  'claim',
  'Claim a target for a team member (cso)',
  TargetClaimSubmission,
  CLAIM_EXAMPLE,
);
const respondTarget = step(
  'responses',
  'Record a counter- or alternative-narrative response (cso; the target must be claimed)',
  TargetResponseSubmission,
  RESPONSE_EXAMPLE,
);
const recordOutcome = step(
  'outcomes',
  'Record awareness, engagement and impact figures of a response (cso)',
  TargetOutcomeSubmission,
  OUTCOME_EXAMPLE,
);
const closeTarget = step('close', 'Close a target (cso)', TargetCloseSubmission, CLOSE_EXAMPLE);

const RangeQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const getAggregates = createRoute({
  method: 'get',
  path: '/v1/targets/aggregates',
  summary: 'Counts of targets by status, theme, group, language and platform (cso, auditor)',
  description: 'Counts only: no excerpt, URL or team member. Optional capture-time range.',
  tags,
  security: BEARER,
  request: { query: RangeQuery },
  responses: { 200: ok('The counts', TargetAggregates), ...errorResponses(400, 401, 403) },
});

const getTrends = createRoute({
  method: 'get',
  path: '/v1/targets/trends',
  summary: 'Counts per day, week or month with spike markers (cso, auditor)',
  description: `Counts per \`interval\` (\`day\` UTC, \`week\`: ISO weeks from Monday UTC, the default, or calendar \`month\`; each period named by its first day) by theme × targeted group × language (or the dimensions in \`by\`), from \`from\` (default: the last 31 days, 12 weeks or 12 months) to \`to\` (default: now); at most ${MAX_TREND_PERIODS.day} days, ${MAX_TREND_PERIODS.week} weeks or ${MAX_TREND_PERIODS.month} months at once. A period is a spike when it exceeds the mean of the ${SPIKE_WINDOW} periods before it by more than three (population) standard deviations and has at least \`minCount\` targets (default ${SPIKE_MIN_COUNT}): a warning sign for a human to look at.`,
  tags,
  security: BEARER,
  request: { query: TrendsQuery },
  responses: { 200: ok('The trends', Trends), ...errorResponses(400, 401, 403) },
});

/**
 * The counter-narrative target endpoints. Every one checks the role before it reads the request,
 * so other roles get 403 whatever they send; bad input is a 400 naming the field.
 */
export function targetRoutes(deps: AppDeps, clock: () => Date = () => new Date()) {
  const router = newRouter();
  const store = new TargetStore(deps.db, deps.sequencer, clock);
  const cso = requireRole(deps, CSO);
  const csoOrAuditor = requireRole(deps, CSO_AND_AUDITORS);
  const body = requireJsonBody();
  const actor = (c: Context<AppEnv>) => {
    const p = c.get('principal');
    return { tokenId: p.tokenId, name: p.name };
  };

  // static paths first, so that `/v1/targets/{id}` does not shadow them
  router.openapi({ ...getAggregates, middleware: [csoOrAuditor] }, async (c) => {
    const range = c.req.valid('query');
    return c.json(await store.aggregates(range), 200);
  });

  router.openapi({ ...getTrends, middleware: [csoOrAuditor] }, async (c) => {
    const query = c.req.valid('query');
    const { interval } = query;
    const to = query.to ?? clock().toISOString();
    const from =
      query.from ??
      `${addPeriods(periodStart(to, interval), 1 - DEFAULT_TREND_PERIODS[interval], interval)}T00:00:00Z`;
    const first = periodStart(from, interval);
    const last = periodStart(to, interval);
    const most = MAX_TREND_PERIODS[interval];
    if (addPeriods(first, most, interval) <= last)
      throw new ApiError(
        'validation_failed',
        `invalid from: at most ${most} ${interval}s at once`,
        [{ path: 'from', message: `the range spans more than ${most} ${interval}s` }],
      );
    const observations = await store.observations(
      `${addPeriods(first, -SPIKE_WINDOW, interval)}T00:00:00Z`,
      `${addPeriods(last, 1, interval)}T00:00:00Z`,
    );
    const options = { by: query.by, interval, minCount: query.minCount };
    return c.json(targetTrends(observations, { from, to }, options), 200);
  });

  router.openapi({ ...createTarget, middleware: [cso, body] }, async (c) => {
    const submission = c.req.valid('json');
    const actual = sha256(submission.excerpt);
    if (actual !== submission.excerptSha256)
      throw new ApiError('validation_failed', 'excerptSha256 does not match the excerpt', [
        {
          path: 'excerptSha256',
          message: `does not match the SHA-256 of excerpt, which is ${actual}`,
        },
      ]);
    if (Date.parse(submission.capturedAt) > clock().getTime() + MAX_CLOCK_SKEW_MS)
      throw new ApiError('validation_failed', 'capturedAt is in the future', [
        { path: 'capturedAt', message: 'must not be later than now' },
      ]);
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      throw new ApiError('validation_failed', 'invalid Idempotency-Key header', [
        { path: 'Idempotency-Key', message: 'expected 1 to 200 visible ASCII characters' },
      ]);
    const { target, replayed } = await store.create(actor(c), submission, key ?? null);
    c.header('Location', `/v1/targets/${target.id}`);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(target, replayed ? 200 : 201);
  });

  const exportCsv = async (c: Context<AppEnv>, query: TargetQuery) => {
    let csv = CSV_HEADER;
    let cursor = query.cursor;
    for (let rows = 0; rows < CSV_MAX_ROWS;) {
      const page = await store.list({ ...query, cursor, limit: 200 });
      csv += targetsToCsv(page.items);
      rows += page.items.length;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    c.header('Content-Disposition', 'attachment; filename="counterweight-targets.csv"');
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  };

  router.openapi(
    { ...exportTargets, middleware: [cso] },
    (c) => exportCsv(c, c.req.valid('query')) as never,
  );

  router.openapi({ ...listTargets, middleware: [cso] }, async (c) => {
    const query = c.req.valid('query');
    if (query.format === 'csv') return (await exportCsv(c, query)) as never;
    return c.json(await store.list(query), 200);
  });

  router.openapi({ ...getTarget, middleware: [cso] }, async (c) => {
    const { id } = c.req.valid('param');
    const target = await store.get(id);
    if (!target) throw new ApiError('not_found', `no target ${id}`);
    return c.json(target, 200);
  });

  router.openapi({ ...claimTarget, middleware: [cso, body] }, async (c) => {
    const { assignee } = TargetClaimSubmission.parse(c.req.valid('json'));
    return c.json(await store.claim(c.req.valid('param').id, actor(c), assignee), 200);
  });

  router.openapi({ ...respondTarget, middleware: [cso, body] }, async (c) => {
    const response = TargetResponseSubmission.parse(c.req.valid('json'));
    return c.json(await store.respond(c.req.valid('param').id, response), 200);
  });

  router.openapi({ ...recordOutcome, middleware: [cso, body] }, async (c) => {
    const outcome = TargetOutcomeSubmission.parse(c.req.valid('json'));
    return c.json(await store.recordOutcome(c.req.valid('param').id, outcome), 200);
  });

  router.openapi({ ...closeTarget, middleware: [cso, body] }, async (c) => {
    const closure = TargetCloseSubmission.parse(c.req.valid('json'));
    return c.json(await store.close(c.req.valid('param').id, closure), 200);
  });

  return router;
}
