import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { ErrorBody, toBase64 } from '@counterweight/shared';
import type { AppEnv } from '../app-env';
import { ApiError, validationError } from '../errors';
import { LogIntegrityError, type TransparencyLog } from '../log/transparency-log';
import { errorResponses } from './router';

/** Most entries one `GET /v1/log/entries` answers. */
export const MAX_ENTRIES_PER_PAGE = 1000;

const Count = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, 'expected a non-negative decimal integer')
  .transform(Number);
const Base64Hash = z.string().openapi({
  description: 'SHA-256, standard base64',
  example: 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=',
});

export const LogEntriesResponse = z.object({
  entries: z.array(
    z.object({
      index: z.number().int(),
      data: z
        .string()
        .openapi({ description: 'Base64 of the exact bytes hashed into the tree (RFC 8785 JSON)' }),
      entry: z.record(z.string(), z.unknown()).openapi({ description: 'The decoded log entry' }),
    }),
  ),
});
export const InclusionProofResponse = z.object({
  index: z.number().int(),
  treeSize: z.number().int(),
  hashes: z.array(Base64Hash),
});
export const ConsistencyProofResponse = z.object({
  from: z.number().int(),
  to: z.number().int(),
  hashes: z.array(Base64Hash),
});

const unavailable = {
  503: {
    description: '`log_integrity`: the stored log no longer matches what it published',
    content: { 'application/json': { schema: ErrorBody } },
  },
};
const text = (description: string) => ({
  description,
  content: { 'text/plain': { schema: z.string() } },
});
const json = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});
const TAGS = ['transparency log'];

const checkpointRoute = createRoute({
  method: 'get',
  path: '/v1/log/checkpoint',
  summary: 'The latest signed checkpoint',
  description:
    'C2SP tlog-checkpoint as a signed note: origin, tree size and RFC 9162 root hash, signed with Ed25519.',
  tags: TAGS,
  responses: { 200: text('The signed note'), ...unavailable },
});
const keyRoute = createRoute({
  method: 'get',
  path: '/v1/log/key',
  summary: 'The verifier key of the log',
  description:
    '`<name>+<key hash>+<base64(0x01 ‖ Ed25519 public key)>`. Auditors should pin it rather than fetch it each time.',
  tags: TAGS,
  responses: { 200: text('The verifier key string') },
});
const entriesRoute = createRoute({
  method: 'get',
  path: '/v1/log/entries',
  summary: 'Log entries [start, end)',
  description: `At most ${MAX_ENTRIES_PER_PAGE} entries, and \`end\` at most the tree size of the latest checkpoint.`,
  tags: TAGS,
  request: { query: z.object({ start: Count, end: Count }) },
  responses: {
    200: json('The entries', LogEntriesResponse),
    ...errorResponses(400),
    ...unavailable,
  },
});
const inclusionRoute = createRoute({
  method: 'get',
  path: '/v1/log/proof/inclusion',
  summary: 'Inclusion proof (RFC 9162 §2.1.3)',
  tags: TAGS,
  request: { query: z.object({ index: Count, treeSize: Count }) },
  responses: {
    200: json('Hashes from the leaf upwards', InclusionProofResponse),
    ...errorResponses(400),
    ...unavailable,
  },
});
const consistencyRoute = createRoute({
  method: 'get',
  path: '/v1/log/proof/consistency',
  summary: 'Consistency proof (RFC 9162 §2.1.4)',
  tags: TAGS,
  request: { query: z.object({ from: Count, to: Count }) },
  responses: {
    200: json('The proof hashes', ConsistencyProofResponse),
    ...errorResponses(400),
    ...unavailable,
  },
});

function outOfRange(param: string, message: string): ApiError {
  return new ApiError('validation_failed', `invalid query.${param}: ${message}`, [
    { path: `query.${param}`, message },
  ]);
}

/**
 * The public, token-free protocol of the transparency log (keep it stable): checkpoint, key,
 * entries and proofs. Sizes are bounded by the latest published checkpoint.
 */
export function logRoutes(log: TransparencyLog): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, 'query');
    },
  });
  const noStore = { 'Cache-Control': 'no-store' };
  // Entries and proofs up to a published tree size never change.
  const immutable = { 'Cache-Control': 'public, max-age=31536000, immutable' };

  router.openapi(checkpointRoute, (c) => c.text(log.checkpoint, 200, noStore));
  router.openapi(keyRoute, (c) => c.text(`${log.verifierKey}\n`, 200));

  router.openapi(entriesRoute, async (c) => {
    const { start, end } = c.req.valid('query');
    const size = log.size;
    if (end > size)
      throw outOfRange('end', `must be at most the tree size ${size} of the latest checkpoint`);
    if (start >= end) throw outOfRange('start', `must be below end (${end})`);
    if (end - start > MAX_ENTRIES_PER_PAGE)
      throw outOfRange('end', `at most ${MAX_ENTRIES_PER_PAGE} entries per page`);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const stored = await log.entries(start, end).catch((error: unknown) => {
      throw error instanceof LogIntegrityError
        ? new ApiError('log_integrity', error.message)
        : error;
    });
    const entries = stored.map(({ index, data }) => ({
      index,
      data: toBase64(data),
      entry: JSON.parse(decoder.decode(data)) as Record<string, unknown>,
    }));
    return c.json({ entries }, 200, immutable);
  });

  router.openapi(inclusionRoute, (c) => {
    const { index, treeSize } = c.req.valid('query');
    if (treeSize > log.size)
      throw outOfRange(
        'treeSize',
        `must be at most the tree size ${log.size} of the latest checkpoint`,
      );
    if (index >= treeSize) throw outOfRange('index', `must be below treeSize (${treeSize})`);
    const hashes = log.inclusionProof(index, treeSize).map(toBase64);
    return c.json({ index, treeSize, hashes }, 200, immutable);
  });

  router.openapi(consistencyRoute, (c) => {
    const { from, to } = c.req.valid('query');
    if (to > log.size)
      throw outOfRange('to', `must be at most the tree size ${log.size} of the latest checkpoint`);
    if (from > to) throw outOfRange('from', `must be at most to (${to})`);
    const hashes = log.consistencyProof(from, to).map(toBase64);
    return c.json({ from, to, hashes }, 200, immutable);
  });
  return router;
}
