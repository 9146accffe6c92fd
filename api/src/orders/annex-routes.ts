import { createRoute, z } from '@hono/zod-openapi';
import { AnnexII, AnnexIII, Id } from '@counterweight/shared';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { requireRole } from '../auth/require-role';
import { securePage } from '../pages/page-csp';
import { BEARER, errorResponses, newRouter } from '../routes/router';
import { annexII, annexIII } from './annex';
import { renderAnnexPage } from './annex-page';
import { findOrder } from './order-store';

const OrderParams = z.object({ id: Id });

const READERS = ['admin', 'authority_liaison', 'reviewer', 'senior_reviewer'] as const;

const annexRoute = (annex: 'ii' | 'iii') =>
  createRoute({
    method: 'get',
    path: `/v1/orders/{id}/annex-${annex}`,
    summary:
      annex === 'ii'
        ? 'Annex II answer: content removed or disabled, and when (Art. 3(6))'
        : 'Annex III answer: why the order could not be executed (Art. 3(7)–(8))',
    description:
      'JSON; with `Accept: text/html`, a printable page the liaison sends back to the authority. 409 while the order is open or when it was answered with the other annex.',
    tags: ['orders'],
    security: BEARER,
    request: { params: OrderParams },
    responses: {
      200: {
        description: 'The answer',
        content: {
          'application/json': { schema: annex === 'ii' ? AnnexII : AnnexIII },
          'text/html': { schema: { type: 'string' } },
        },
      },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });

const wantsHtml = (c: Context) => /\btext\/html\b/.test(c.req.header('accept') ?? '');

/** `GET /v1/orders/{id}/annex-ii` and `/annex-iii`: JSON, or the printable page. */
export function annexRoutes(deps: AppDeps) {
  const router = newRouter();
  const readers = requireRole(deps, READERS);
  const answer = (c: Context<AppEnv>, document: AnnexII | AnnexIII) => {
    if (!wantsHtml(c)) return c.json(document, 200);
    securePage(c, 'no-store');
    return c.html(renderAnnexPage(document), 200);
  };
  router.openapi({ ...annexRoute('ii'), middleware: [readers] }, async (c) =>
    answer(c, annexII(await findOrder(deps.db, c.req.valid('param').id))),
  );
  router.openapi({ ...annexRoute('iii'), middleware: [readers] }, async (c) =>
    answer(c, annexIII(await findOrder(deps.db, c.req.valid('param').id))),
  );
  return router;
}
