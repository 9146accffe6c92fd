import { createRoute, z } from '@hono/zod-openapi';
import {
  Bank,
  BankExport,
  BankName,
  BankSubmission,
  Disagreement,
  MatchRequest,
  MatchResponse,
  SignalBatch,
  SignalLabel,
  SignalsAdded,
} from '@counterweight/shared';
import { ROLES, type Role } from '@counterweight/shared/auth';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { pseudonymOf } from '../auth/pseudonym';
import { requireRole } from '../auth/require-role';
import { rateLimit } from '../appeals/rate-limit';
import {
  BANK_EXAMPLE,
  DISAGREEMENT_EXAMPLE,
  IMPORT_EXAMPLE,
  MATCH_EXAMPLE,
  SIGNALS_EXAMPLE,
} from '../banks/bank-examples';
import { BankMatcher } from '../banks/bank-matcher';
import { BankStore } from '../banks/bank-store';
import { EXCHANGE_FORMATS, formatHashList, parseHashList } from '../banks/exchange';
import { FloodGuard, type FloodOptions } from '../banks/flood-guard';
import { ApiError } from '../errors';
import { TokenBuckets } from '../http/token-buckets';
import { requireJsonBody } from '../http/json-body';
import { BEARER, errorResponses, newRouter } from './router';

const ADMIN: readonly Role[] = ['admin'];
const READERS: readonly Role[] = ['reviewer', 'senior_reviewer', 'auditor', 'admin'];
const REVIEWERS: readonly Role[] = ['reviewer', 'senior_reviewer', 'admin'];
const ANY: readonly Role[] = ROLES;
const EXPORT_PAGE = 1000;
const tags = ['hash banks'];

const json = <T extends z.ZodType>(schema: T, example: unknown) => ({
  required: true,
  content: { 'application/json': { schema, example } },
});
const ok = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});
const BankParams = z.object({ name: BankName });

const ImportRequest = z.strictObject({
  format: z.enum(EXCHANGE_FORMATS),
  category: SignalLabel.shape.category,
  source: SignalLabel.shape.source,
  content: z.string().min(1).max(60_000),
});

const createBank = createRoute({
  method: 'post',
  path: '/v1/banks',
  summary: 'Create a bank of signals (admin)',
  description:
    'A positive bank holds hashes of known terrorist content; a negative bank holds hashes of known lawful content (news photos, counter-speech) that suppress a match.',
  tags,
  security: BEARER,
  request: { body: json(BankSubmission, BANK_EXAMPLE) },
  responses: { 201: ok('Created', Bank), ...errorResponses(400, 401, 403, 409, 413, 415) },
});

const listBanks = createRoute({
  method: 'get',
  path: '/v1/banks',
  summary: 'The banks with their counts of signals (reviewers, auditors, admin)',
  tags,
  security: BEARER,
  responses: { 200: ok('The banks', z.array(Bank)), ...errorResponses(401, 403) },
});

const addSignals = createRoute({
  method: 'post',
  path: '/v1/banks/{name}/signals',
  summary: 'Add signals to a bank (admin)',
  description:
    'Hashes and labels only, never content. A signal already in the bank is counted as a duplicate and keeps its label. One log entry records the batch (count, digest, categories, sources).',
  tags,
  security: BEARER,
  request: { params: BankParams, body: json(SignalBatch, SIGNALS_EXAMPLE) },
  responses: {
    201: ok('How many were added', SignalsAdded),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

const exportSignals = createRoute({
  method: 'get',
  path: '/v1/banks/{name}/signals',
  summary: 'Export a bank, or what changed since a cursor (reviewers, auditors, admin)',
  description: `JSON by default: the bank's changes after \`cursor\` (added, removed, held), oldest first, ${EXPORT_PAGE} at a time; keep \`cursor\` from the answer to ask later for only what changed. \`format=threatexchange\` or \`format=tcap\` answer the active signals as a hash list in that exchange format (see the README).`,
  tags,
  security: BEARER,
  request: {
    params: BankParams,
    query: z.object({
      cursor: z
        .string()
        .regex(/^\d{1,19}$/, 'a cursor from an earlier answer')
        .optional(),
      format: z.enum(['json', ...EXCHANGE_FORMATS]).optional(),
    }),
  },
  responses: {
    200: {
      description: 'The changes (JSON) or the hash list (text)',
      content: { 'application/json': { schema: BankExport }, 'text/plain': { schema: z.string() } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const importSignals = createRoute({
  method: 'post',
  path: '/v1/banks/{name}/import',
  summary: 'Import a hash list in an exchange format (admin)',
  description:
    'The list’s source is recorded as each signal’s label source (and in the log). A bad line is a 400 naming it; nothing is stored then.',
  tags,
  security: BEARER,
  request: { params: BankParams, body: json(ImportRequest, IMPORT_EXAMPLE) },
  responses: {
    201: ok(
      'How many were added',
      SignalsAdded.extend({ skipped: z.number().int().nonnegative() }),
    ),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

const match = createRoute({
  method: 'post',
  path: '/v1/match',
  summary: 'Match hashes against the banks (any token; rate-limited per token)',
  description:
    'Hashes only, never content. For each query signal, the banked signals within the threshold of its type (PDQ 31 bits, text 24 of 64 slots, MD5/SHA-256 exact), nearest first; none when a negative bank holds it. A signal matching far more than its history is held for review (flood quarantine) and left out.',
  tags,
  security: BEARER,
  request: { body: json(MatchRequest, MATCH_EXAMPLE) },
  responses: {
    200: ok('The matches', MatchResponse),
    ...errorResponses(400, 401, 403, 413, 415),
    429: { description: 'Too many match requests from this token' },
  },
});

const disagree = createRoute({
  method: 'post',
  path: '/v1/banks/disagreements',
  summary: '"This match is wrong": disagree with a banked signal’s label (reviewers)',
  tags,
  security: BEARER,
  request: { body: json(Disagreement, DISAGREEMENT_EXAMPLE) },
  responses: {
    201: ok(
      'Recorded against each bank holding the signal',
      z.object({ recorded: z.number().int() }),
    ),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

/** Options of {@link bankRoutes}: the flood guard's and the match rate limit's. */
export interface BankRouteOptions {
  flood?: FloodOptions;
  /** Match requests a token may make at once, and per second after (default 120 and 20). */
  matchBurst?: number;
  matchPerSecond?: number;
  clock?: () => Date;
}

/** The hash-bank endpoints (issue 17). */
export function bankRoutes(deps: AppDeps, options: BankRouteOptions = {}) {
  const router = newRouter();
  const store = new BankStore(deps.db, deps.sequencer, options.clock);
  const matcher = new BankMatcher(store, new FloodGuard(options.flood));
  const body = requireJsonBody();
  const actor = (c: Context<AppEnv>) => {
    const { tokenId } = c.get('principal');
    return { tokenId, pseudonym: pseudonymOf(deps.pseudonymKey, tokenId) };
  };
  const matchBuckets = new TokenBuckets({
    capacity: options.matchBurst ?? 120,
    refillPerSecond: options.matchPerSecond ?? 20,
  });

  router.openapi({ ...createBank, middleware: [requireRole(deps, ADMIN), body] }, async (c) => {
    const bank = await store.create(actor(c), c.req.valid('json'));
    c.header('Location', `/v1/banks/${bank.name}`);
    return c.json(bank, 201);
  });

  router.openapi({ ...listBanks, middleware: [requireRole(deps, READERS)] }, async (c) =>
    c.json(await store.list(), 200),
  );

  router.openapi({ ...disagree, middleware: [requireRole(deps, REVIEWERS), body] }, async (c) => {
    const { type, value, reason } = c.req.valid('json');
    return c.json({ recorded: await store.disagree(actor(c), type, value, reason) }, 201);
  });

  router.openapi({ ...addSignals, middleware: [requireRole(deps, ADMIN), body] }, async (c) => {
    const { signals } = c.req.valid('json');
    return c.json(await store.addSignals(actor(c), c.req.valid('param').name, signals), 201);
  });

  router.openapi({ ...importSignals, middleware: [requireRole(deps, ADMIN), body] }, async (c) => {
    const request = c.req.valid('json');
    const { signals, skipped } = parseHashList(request.format, request.content, {
      category: request.category,
      source: request.source,
    });
    if (signals.length === 0)
      throw new ApiError('validation_failed', 'the list holds no signal a bank can hold', [
        {
          path: 'content',
          message: `no pdq, md5, sha256 or text signal (${skipped} lines of other types)`,
        },
      ]);
    const result = await store.addSignals(actor(c), c.req.valid('param').name, signals);
    return c.json({ ...result, skipped }, 201);
  });

  router.openapi({ ...exportSignals, middleware: [requireRole(deps, READERS)] }, async (c) => {
    const { name } = c.req.valid('param');
    const { cursor, format } = c.req.valid('query');
    if (format === 'threatexchange' || format === 'tcap') {
      const all = [];
      let page = await store.changes(name, cursor, EXPORT_PAGE, true);
      all.push(...page.signals);
      while (page.nextCursor) {
        page = await store.changes(name, page.nextCursor, EXPORT_PAGE, true);
        all.push(...page.signals);
      }
      const type = format === 'tcap' ? 'text/csv' : 'text/plain';
      return c.body(formatHashList(format, all), 200, {
        'Content-Type': `${type}; charset=utf-8`,
      }) as never;
    }
    return c.json(await store.changes(name, cursor, EXPORT_PAGE), 200);
  });

  router.openapi(
    {
      ...match,
      middleware: [
        requireRole(deps, ANY),
        rateLimit(
          matchBuckets,
          (c) => (c as Context<AppEnv>).get('principal').tokenId,
          'match requests from this token',
        ),
        body,
      ],
    },
    async (c) => {
      const { matches, flooded } = await matcher.match(c.req.valid('json').signals);
      for (const f of flooded)
        await store.hold(f.id, { lastHour: f.lastHour, usualPerHour: f.usualPerHour });
      return c.json({ matches }, 200);
    },
  );

  return router;
}
