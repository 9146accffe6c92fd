import { createRoute, z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { SeriesBucket, TransparencyReport, TransparencySeries } from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { periodFromQuery } from '../transparency/period';
import { PublishedFigures } from '../transparency/published-figures';
import {
  buildTransparencyReport,
  buildTransparencySeries,
  seriesJson,
} from '../transparency/report';
import { errorResponses, newRouter } from './router';

// Dates are checked by periodFromQuery, which names the field; the schema documents them.
const PeriodQuery = z.object({
  from: z.string().optional().openapi({
    description: 'Start, inclusive: a date (2026-01-01) or an ISO timestamp',
    example: '2026-01-01',
  }),
  to: z
    .string()
    .optional()
    .openapi({ description: 'End, exclusive: a date or an ISO timestamp', example: '2027-01-01' }),
});

const report = createRoute({
  method: 'get',
  path: '/v1/transparency/report',
  summary: 'Transparency report (public)',
  description:
    'The items of TCO Art. 7 and the Santa Clara numbers for [from, to), computed from the log entries of the latest checkpoint, which the report names (tree size and root). `pnpm verify-log URL --report FROM TO` recomputes every figure from the log.',
  tags: ['transparency'],
  request: { query: PeriodQuery },
  responses: {
    200: {
      description: 'The report',
      content: { 'application/json': { schema: TransparencyReport } },
    },
    ...errorResponses(400),
  },
});

const series = createRoute({
  method: 'get',
  path: '/v1/transparency/series',
  summary: 'Transparency figures over time (public)',
  description:
    'The report figures per calendar day, week (from Monday) or month of [from, to), at most 400 buckets.',
  tags: ['transparency'],
  request: { query: PeriodQuery.extend({ bucket: SeriesBucket.default('month') }) },
  responses: {
    200: {
      description: 'One point per bucket',
      content: { 'application/json': { schema: TransparencySeries } },
    },
    ...errorResponses(400),
  },
});

/** Public transparency figures, recomputable by anyone from `/v1/log/entries`. */
export function transparencyRoutes(deps: Pick<AppDeps, 'log' | 'logger'>) {
  const figures = new PublishedFigures(deps.log);
  // Read the published entries now rather than at the first request (an error is retried then).
  figures
    .update()
    .catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'transparency figures: first read failed'),
    );
  const router = newRouter();
  router.openapi(report, async (c) =>
    c.json(await buildTransparencyReport(figures, periodFromQuery(c.req.valid('query'))), 200),
  );
  router.openapi(series, async (c) => {
    const query = c.req.valid('query');
    const period = periodFromQuery(query);
    const answer = await buildTransparencySeries(figures, period, query.bucket);
    return c.body(seriesJson(answer), 200, {
      'Content-Type': 'application/json',
    }) as unknown as TypedResponse<TransparencySeries, 200, 'json'>;
  });
  return router;
}
