import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import {
  Id,
  logEntry,
  PreservationExtensionRequest,
  PreservationHold,
  PreservedReadQuery,
  ReportedContent,
} from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { pseudonymOf } from '../auth/pseudonym';
import { requireRole } from '../auth/require-role';
import { ApiError } from '../errors';
import { requireJsonBody } from '../http/json-body';
import { BEARER, errorResponses, newRouter } from '../routes/router';
import { findHold } from './holds';

const Params = z.object({ id: Id });
const READERS = ['admin', 'authority_liaison'] as const;

/** A valid extension request, shown in the OpenAPI document. */
export const PRESERVATION_EXTENSION_EXAMPLE = {
  authorityReference: 'BKA-TCO-2026-000123/P1',
  until: '2027-09-07T00:00:00Z',
} satisfies PreservationExtensionRequest;

const PreservedContent = z.strictObject({
  hold: PreservationHold,
  caseNumber: z.string(),
  content: ReportedContent,
});

const read = createRoute({
  method: 'get',
  path: '/v1/preserved/{id}',
  summary: 'Read preserved content (TCO Art. 6)',
  description:
    'Admin or authority liaison only. `purpose` and `reference` are required; every read is logged (`preserved_content_read`: who as a pseudonym, when, the purpose) and recorded with its reference. 409 once purged.',
  tags: ['retention'],
  security: BEARER,
  request: { params: Params, query: PreservedReadQuery },
  responses: {
    200: {
      description: 'The preserved content and its hold',
      content: { 'application/json': { schema: PreservedContent } },
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const extend = createRoute({
  method: 'post',
  path: '/v1/preserved/{id}/extension',
  summary: 'Extend a preservation hold at the authority’s request',
  description:
    'Records the authority’s request (its reference) and keeps the content until `until`, which must be later than the current end. Logged as `preservation_extended`.',
  tags: ['retention'],
  security: BEARER,
  request: {
    params: Params,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: PreservationExtensionRequest,
          example: PRESERVATION_EXTENSION_EXAMPLE,
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The extended hold',
      content: { 'application/json': { schema: PreservationHold } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

type HeldRow = {
  case_number: string;
  content: unknown;
  excerpt_sha256: string;
  url_sha256: string;
};

/** Preserved content: read (logged) and extended, by admin and the authority liaison. */
export function preservationRoutes(deps: AppDeps, options: { now?: () => Date } = {}) {
  const now = options.now ?? (() => new Date());
  const router = newRouter();
  const readers = requireRole(deps, READERS);

  router.openapi({ ...read, middleware: [readers] }, async (c) => {
    const { id } = c.req.valid('param');
    const { purpose, reference } = c.req.valid('query');
    const reader = c.get('principal');
    const at = now().toISOString();
    const result = await deps.sequencer.write(async (tx, append) => {
      const hold = await findHold(tx, id);
      if (!hold) throw new ApiError('not_found', `no preserved content for report ${id}`);
      const [row] = await tx.query<HeldRow>(
        'SELECT case_number, content, excerpt_sha256, url_sha256 FROM reports WHERE id = $1',
        [id],
      );
      if (!row?.content) throw new ApiError('conflict', 'the preserved content has been purged');
      await tx.query(
        `INSERT INTO preserved_reads (id, report_id, read_by, read_at, purpose, reference)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [randomUUID(), id, reader.tokenId, at, purpose, reference],
      );
      append(
        logEntry('preserved_content_read', at, {
          reportId: id,
          caseNumber: row.case_number,
          actor: pseudonymOf(deps.pseudonymKey, reader.tokenId),
          excerptSha256: row.excerpt_sha256,
          urlSha256: row.url_sha256,
          details: { purpose },
        }),
      );
      return { hold, caseNumber: row.case_number, content: row.content };
    });
    return c.json(PreservedContent.parse(result), 200);
  });

  router.openapi({ ...extend, middleware: [readers, requireJsonBody()] }, async (c) => {
    const { id } = c.req.valid('param');
    const { authorityReference, until } = c.req.valid('json');
    const actor = c.get('principal');
    const at = now().toISOString();
    const hold = await deps.sequencer.write(async (tx, append) => {
      const current = await findHold(tx, id);
      if (!current) throw new ApiError('not_found', `no preserved content for report ${id}`);
      const [row] = await tx.query<HeldRow>(
        'SELECT case_number, content, excerpt_sha256, url_sha256 FROM reports WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!row?.content) throw new ApiError('conflict', 'the preserved content has been purged');
      if (Date.parse(until) <= Date.parse(current.preservedUntil))
        throw new ApiError('validation_failed', 'invalid until: not after the current end', [
          { path: 'until', message: `must be after ${current.preservedUntil}` },
        ]);
      const untilIso = new Date(until).toISOString();
      await tx.query(
        `UPDATE preservation_holds SET preserved_until = $2::timestamptz,
           extensions = extensions || jsonb_build_array(jsonb_build_object(
             'authorityReference', $3::text, 'until', $5::text, 'recordedAt', $4::text))
         WHERE report_id = $1`,
        [id, untilIso, authorityReference, at, untilIso],
      );
      append(
        logEntry('preservation_extended', at, {
          reportId: id,
          caseNumber: row.case_number,
          actor: pseudonymOf(deps.pseudonymKey, actor.tokenId),
          excerptSha256: row.excerpt_sha256,
          urlSha256: row.url_sha256,
          details: { preservedUntil: untilIso },
        }),
      );
      return findHold(tx, id);
    });
    return c.json(hold!, 200);
  });
  return router;
}
