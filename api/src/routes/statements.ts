import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-env';
import { ANY_ROLE, requireRole } from '../auth/require-role';
import { isoSql } from '../db/db';
import { BEARER, errorResponses, newRouter } from './router';

const Instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'expected a date (2026-11-22) or an ISO 8601 timestamp',
  })
  .transform((value) => new Date(value).toISOString());

const StatementsQuery = z
  .object({ from: Instant.optional(), to: Instant.optional() })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    path: ['to'],
    message: 'must be after from',
  });

const PAGE = 500;

const exportStatements = createRoute({
  method: 'get',
  path: '/v1/statements',
  summary: 'Export statements of reasons as JSON Lines',
  description:
    'One statement of reasons (DSA Transparency Database fields) per line, ordered by publication; `from` inclusive, `to` exclusive, each a date or timestamp. Appeal tokens are never exported.',
  tags: ['decisions'],
  security: BEARER,
  request: { query: StatementsQuery },
  responses: {
    200: { description: 'JSON Lines', content: { 'application/x-ndjson': { schema: z.string() } } },
    ...errorResponses(400, 401),
  },
});

/** `GET /v1/statements`: every statement in a time range, streamed page by page. */
export function statementRoutes(deps: AppDeps) {
  const router = newRouter();
  router.use('/v1/statements', requireRole(deps, ANY_ROLE));
  router.openapi(exportStatements, (c) => {
    const { from, to } = c.req.valid('query');
    let after: [string, string] = [
      from ?? '0001-01-01T00:00:00.000Z',
      '00000000-0000-0000-0000-000000000000',
    ];
    let inclusiveStart = true;
    let done = false;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (done) return controller.close();
        const rows = await deps.db.query<{
          body: unknown;
          published_at: string;
          decision_id: string;
        }>(
          `SELECT body, ${isoSql('published_at')} AS published_at, decision_id::text AS decision_id FROM statements
           WHERE (published_at, decision_id) ${inclusiveStart ? '>=' : '>'} ($1::timestamptz, $2::uuid)
             AND ($3::timestamptz IS NULL OR published_at < $3::timestamptz)
           ORDER BY published_at, decision_id LIMIT ${PAGE}`,
          [after[0], after[1], to ?? null],
        );
        inclusiveStart = false;
        const last = rows[rows.length - 1];
        if (last) after = [last.published_at, last.decision_id];
        if (rows.length < PAGE) done = true;
        if (rows.length > 0)
          controller.enqueue(
            encoder.encode(rows.map((row) => `${JSON.stringify(row.body)}\n`).join('')),
          );
        if (done) controller.close();
      },
    });
    return c.body(body, 200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' }) as never;
  });
  return router;
}
