import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import type { Db } from '../db/db';
import { ApiError } from '../errors';
import { LogReader } from '../transparency/log-reader';
import { BUCKETS, periodFromQuery, type Bucket } from '../transparency/period';
import {
  buildTransparencyReport,
  buildTransparencySeries,
  type CheckpointSource,
} from '../transparency/report';

export interface TransparencyRouteDeps {
  db: Db;
  /** The tree size of the latest published checkpoint; by default every stored entry. */
  checkpoint?: CheckpointSource;
}

/**
 * Public transparency figures, recomputable from the log: `GET /report?from=&to=` and
 * `GET /series?from=&to=&bucket=day|week|month` (mounted at `/v1/transparency`).
 */
export function transparencyRoutes(deps: TransparencyRouteDeps): Hono<AppEnv> {
  const reader = new LogReader(deps.db);
  const checkpoint: CheckpointSource =
    deps.checkpoint ?? (async () => ({ treeSize: await reader.size() }));
  return new Hono<AppEnv>()
    .get('/report', async (c) => {
      const period = periodFromQuery(c.req.query());
      return c.json(await buildTransparencyReport(reader, checkpoint, period));
    })
    .get('/series', async (c) => {
      const period = periodFromQuery(c.req.query());
      const bucket = c.req.query('bucket') ?? 'month';
      if (!(BUCKETS as readonly string[]).includes(bucket))
        throw new ApiError(
          'validation_failed',
          `query bucket must be one of ${BUCKETS.join(', ')}`,
          [{ path: 'query.bucket', message: `expected ${BUCKETS.join(' | ')}` }],
        );
      return c.json(await buildTransparencySeries(reader, checkpoint, period, bucket as Bucket));
    });
}
