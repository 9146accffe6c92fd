import { createRoute, z } from '@hono/zod-openapi';
import { TAXONOMY } from '@counterweight/shared';
import type { AppDeps } from '../app-env';
import { newRouter } from './router';

const Entry = z.object({
  id: z.string(),
  name: z.string(),
  definition: z.string(),
  examples: z.array(z.string()),
});
const Taxonomy = z.object({
  categories: z.array(Entry),
  tcoTypes: z.array(Entry),
  protectedCharacteristics: z.array(Entry),
  exemptions: z.array(Entry),
  actions: z.array(Entry),
});

const getTaxonomy = createRoute({
  method: 'get',
  path: '/v1/taxonomy',
  summary: 'The policy taxonomy (public)',
  description:
    'Categories, Art. 2(7) TCO types, protected characteristics, Art. 1(3) exemptions and the action ladder.',
  tags: ['taxonomy'],
  responses: {
    200: { description: 'The taxonomy', content: { 'application/json': { schema: Taxonomy } } },
  },
});

/** `GET /v1/taxonomy`: public, no token. */
export function taxonomyRoutes(_deps: AppDeps) {
  const router = newRouter();
  router.openapi(getTaxonomy, (c) => c.json(TAXONOMY, 200));
  return router;
}
