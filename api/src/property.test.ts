import { ErrorBody, Report } from '@counterweight/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_EXAMPLE, REPORT_EXAMPLE, TOKEN_REQUEST_EXAMPLE } from './routes/examples';
import { createTestApp, rowCounts, type TestApp } from './testing/test-app';

/**
 * Generated requests at every endpoint: never a 5xx, always an ErrorBody on refusal, and a
 * refused request leaves every table's row count as it was (nothing half-written).
 */
let t: TestApp;
let reportId: string;
beforeAll(async () => {
  t = await createTestApp();
  const response = await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE });
  reportId = Report.parse(await response.json()).id;
});
afterAll(async () => t.close());

type Json = unknown;

/** Every path (list of keys) to a value inside a JSON object. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

/** A copy of `value` with the value at `path` replaced (or deleted when `replacement` is undefined). */
function mutate(value: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}

/** Bodies: the valid example mutated at one place, random JSON, or text that may not be JSON. */
function bodies(example: Json): fc.Arbitrary<string> {
  const all = paths(example);
  const mutated = fc
    .tuple(fc.constantFrom(...all), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }))
    .map(([path, replacement]) => JSON.stringify(mutate(example, path, replacement)) ?? 'null');
  const objects = all.filter((path) => {
    const node = path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], example);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
  const extraField = fc
    .tuple(fc.constantFrom(...objects), fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }))
    .map(([path, key, v]) => JSON.stringify(mutate(example, [...path, key === '' ? 'x' : key], v)));
  return fc.oneof(
    { weight: 5, arbitrary: mutated },
    { weight: 1, arbitrary: extraField },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
  );
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  undefined,
  'application/x-www-form-urlencoded',
);
const segments = fc
  .oneof(fc.uuid({ version: 4 }), fc.string({ maxLength: 40 }))
  .map((s) => encodeURIComponent(s) || 'x');
const queries = fc
  .array(
    fc.tuple(
      fc.constantFrom('limit', 'cursor', 'from', 'to', 'extra'),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.integer().map(String),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      ),
    ),
    { maxLength: 3 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

async function check(
  method: string,
  path: string,
  options: { body?: string; contentType?: string; token?: TestApp['tokens']['admin'] },
) {
  const before = await rowCounts(t.db);
  const headers: Record<string, string> = {};
  if (options.contentType) headers['content-type'] = options.contentType;
  const response = await t.call(method, path, {
    token: options.token,
    body: options.body,
    headers,
  });
  expect(response.status, `${method} ${path} ${options.body?.slice(0, 200)}`).toBeLessThan(500);
  if (response.status >= 400) {
    ErrorBody.parse(await response.json());
    expect(await rowCounts(t.db)).toEqual(before);
  } else await response.arrayBuffer();
}

const runs = { numRuns: 120 };

describe('generated requests', () => {
  it('POST /v1/reports', async () => {
    await fc.assert(
      fc.asyncProperty(bodies(REPORT_EXAMPLE), contentTypes, async (body, contentType) => {
        await check('POST', '/v1/reports', {
          body,
          contentType:
            contentType === 'text/plain' ? contentType : (contentType ?? 'application/json'),
        });
      }),
      runs,
    );
  });

  it('POST /v1/reports/{id}/decision', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodies(DECISION_EXAMPLE),
        fc.oneof(fc.constant(reportId), segments),
        contentTypes,
        async (body, id, contentType) => {
          await check('POST', `/v1/reports/${id}/decision`, {
            body,
            contentType,
            token: t.tokens.senior,
          });
        },
      ),
      runs,
    );
  });

  it('POST /v1/tokens', async () => {
    await fc.assert(
      fc.asyncProperty(bodies(TOKEN_REQUEST_EXAMPLE), contentTypes, async (body, contentType) => {
        await check('POST', '/v1/tokens', { body, contentType, token: t.tokens.admin });
      }),
      runs,
    );
  });

  it('GET endpoints with generated ids and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/v1/queue',
          '/v1/statements',
          '/v1/reports/:id',
          '/v1/decisions/:id/statement',
          '/v1/me',
          '/v1/taxonomy',
        ),
        segments,
        queries,
        async (template, id, query) => {
          await check('GET', `${template.replace(':id', id)}?${query}`, { token: t.tokens.senior });
        },
      ),
      runs,
    );
  });
});
