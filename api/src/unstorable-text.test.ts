import { createHash } from 'node:crypto';
import {
  AppealReceipt,
  ErrorBody,
  unstorableText,
  type StatementOfReasons,
} from '@counterweight/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockedAppealApp } from './appeals/clocked-test-app';
import type { Db } from './db/db';
import { APPEAL_DECISION_EXAMPLE } from './routes/appeals';
import { DECISION_EXAMPLE, REPORT_EXAMPLE, TOKEN_REQUEST_EXAMPLE } from './routes/examples';
import { LEGAL_HOLD_EXAMPLE } from './routes/legal-holds';
import {
  CLAIM_EXAMPLE,
  CLOSE_EXAMPLE,
  GUIDANCE_EXAMPLE,
  OUTCOME_EXAMPLE,
  RESPONSE_EXAMPLE,
  TARGET_EXAMPLE,
} from './targets/target-examples';
import { createTestApp, type TestApp } from './testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from './testing/test-db';

requirePostgresOrWarn('unstorable text');

/**
 * Arbitrary Unicode, NUL and unpaired surrogates included, in every string of every write
 * endpoint's body and in the ids and queries that reach the database: never a 5xx; text the
 * database cannot store is a 400 naming the field; a refused request leaves every table as it was.
 */
const RUNS_PER_FIELD = 4;
const RUNS_PER_ENDPOINT = 30;

type Json = unknown;
type Path = (string | number)[];

/** The paths of every string inside a JSON value. */
function stringPaths(value: Json, prefix: Path = []): Path[] {
  if (typeof value === 'string') return [prefix];
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return entries.flatMap(([key, item]) => stringPaths(item, [...prefix, key]));
}

const at = (value: Json, path: Path): Json =>
  path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], value);

function replaced(value: Json, path: Path, text: string): Record<string, Json> {
  const copy = structuredClone(value) as Record<string | number, Json>;
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, Json>;
  parent[path[path.length - 1]!] = text;
  return copy as Record<string, Json>;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Characters a database refuses or a naive encoder mangles, often enough to matter. */
const awkward = fc.constantFrom(
  '\u0000',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\udc00\ud800',
  '\ud83d\ude00',
  '\u0000\u0000',
  'é',
  '\u200b',
  '\ufeff',
  '\uffff',
  '\u{10ffff}',
  '\\u0000',
);
const unicode = fc.string({ unit: 'binary', maxLength: 8 });
/** Arbitrary Unicode with an awkward character (or none) somewhere in it. */
const text = fc
  .tuple(unicode, fc.option(awkward, { nil: '' }), unicode)
  .map(([a, b, c]) => a + b + c);
/** A string field's new value: the arbitrary text alone, or put into the valid value. */
const fieldValue = (original: string) =>
  fc.oneof(
    text,
    fc
      .tuple(text, fc.nat(original.length))
      .map(([t, i]) => original.slice(0, i) + t + original.slice(i)),
  );

/** Percent-encodes a string's UTF-16 code units as UTF-8 would, unpaired surrogates included. */
function percentEncode(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    const bytes =
      code >= 0xd800 && code <= 0xdfff
        ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        : [...Buffer.from(char, 'utf8')];
    out += bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('log_checkpoints', 'log_lease', 'schema_migrations') ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = row!.n;
  }
  return counts;
}

describe.each(storesUnderTest())('unstorable text on %s', { timeout: 240_000 }, (kind) => {
  let t: TestApp;
  let appealCall: TestApp['call'];
  let client = 0;

  beforeAll(async () => {
    t = await createTestApp(kind);
    appealCall = clockedAppealApp(t, () => new Date());
  }, 120_000);
  afterAll(async () => t?.close());

  const json = async <T>(response: Response | Promise<Response>, status: number) => {
    const r = await response;
    expect(r.status).toBe(status);
    return (await r.json()) as T;
  };
  // Fixtures, made again once a successful request has used them up.
  const newReport = async () =>
    (await json<{ id: string }>(t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE }), 201)).id;
  const newDecision = async () => {
    const reportId = await newReport();
    const decided = await json<{ statement: StatementOfReasons }>(
      t.decide(reportId, {
        token: t.tokens.reviewer2,
        body: DECISION_EXAMPLE,
      }),
      201,
    );
    return { reportId, appealToken: decided.statement.x_appeal.token! };
  };
  const newAppeal = async () => {
    const { appealToken } = await newDecision();
    const filed = appealCall('POST', '/v1/appeals', {
      token: null,
      body: { appellant: 'content_provider', token: appealToken, grounds: 'It is news.' },
      headers: { 'x-test-client': `fixture${client++}` },
    });
    return AppealReceipt.parse(await json(filed, 201)).appealId;
  };
  const newTarget = async (step: 'open' | 'claimed' | 'responded' = 'open') => {
    const cso = { token: t.tokens.cso };
    const { id } = await json<{ id: string }>(
      t.call('POST', '/v1/targets', { ...cso, body: TARGET_EXAMPLE }),
      201,
    );
    let responseId = '';
    if (step !== 'open')
      await json(t.call('POST', `/v1/targets/${id}/claim`, { ...cso, body: {} }), 200);
    if (step === 'responded') {
      const target = await json<{ responses: { id: string }[] }>(
        t.call('POST', `/v1/targets/${id}/responses`, { ...cso, body: RESPONSE_EXAMPLE }),
        200,
      );
      responseId = target.responses[0]!.id;
    }
    return { id, responseId };
  };

  interface WriteEndpoint {
    name: string;
    example: Record<string, Json>;
    /** Sets up (or reuses) what the request acts on, and answers how to send a body to it. */
    prepare: () => Promise<(body: Record<string, Json>) => Promise<Response>>;
    /** Called after a success, so the next request gets a fresh fixture. */
    used?: () => void;
  }

  let awaiting: Promise<string> | null = null;
  let decided: Promise<{ reportId: string; appealToken: string }> | null = null;
  let openAppeal: Promise<string> | null = null;
  let target: Promise<{ id: string }> | null = null;
  let responded: Promise<{ id: string; responseId: string }> | null = null;
  let held: Promise<string> | null = null;

  const ENDPOINTS: WriteEndpoint[] = [
    {
      name: 'POST /v1/reports',
      example: REPORT_EXAMPLE,
      prepare: async () => (body) => t.call('POST', '/v1/reports', { body }),
    },
    {
      name: 'POST /v1/reports/{id}/decision',
      example: DECISION_EXAMPLE,
      prepare: async () => {
        const id = await (awaiting ??= newReport());
        return (body) =>
          t.call('POST', `/v1/reports/${id}/decision`, { token: t.tokens.reviewer2, body });
      },
      used: () => (awaiting = null),
    },
    {
      name: 'POST /v1/tokens',
      example: TOKEN_REQUEST_EXAMPLE,
      prepare: async () => (body) => t.call('POST', '/v1/tokens', { token: t.tokens.admin, body }),
    },
    {
      name: 'POST /v1/targets',
      example: TARGET_EXAMPLE,
      prepare: async () => (body) => t.call('POST', '/v1/targets', { token: t.tokens.cso, body }),
    },
    {
      name: 'POST /v1/targets/{id}/claim',
      example: CLAIM_EXAMPLE,
      prepare: async () => {
        const { id } = await (target ??= newTarget());
        return (body) => t.call('POST', `/v1/targets/${id}/claim`, { token: t.tokens.cso, body });
      },
    },
    {
      name: 'POST /v1/targets/{id}/responses',
      example: RESPONSE_EXAMPLE,
      prepare: async () => {
        const { id } = await (responded ??= newTarget('responded'));
        return (body) =>
          t.call('POST', `/v1/targets/${id}/responses`, { token: t.tokens.cso, body });
      },
    },
    {
      name: 'POST /v1/targets/{id}/outcomes',
      example: OUTCOME_EXAMPLE,
      prepare: async () => {
        const { id, responseId } = await (responded ??= newTarget('responded'));
        return (body) =>
          t.call('POST', `/v1/targets/${id}/outcomes`, {
            token: t.tokens.cso,
            body: body.responseId === OUTCOME_EXAMPLE.responseId ? { ...body, responseId } : body,
          });
      },
    },
    {
      name: 'POST /v1/targets/{id}/close',
      example: CLOSE_EXAMPLE,
      prepare: async () => {
        const { id } = await (target ??= newTarget());
        return (body) => t.call('POST', `/v1/targets/${id}/close`, { token: t.tokens.cso, body });
      },
      used: () => (target = null),
    },
    {
      name: 'PUT /v1/guidance/{theme}',
      example: GUIDANCE_EXAMPLE,
      prepare: async () => (body) =>
        t.call('PUT', '/v1/guidance/other', { token: t.tokens.admin, body }),
    },
    {
      name: 'PUT /v1/reports/{id}/legal-hold',
      example: LEGAL_HOLD_EXAMPLE,
      prepare: async () => {
        const id = await (held ??= newReport());
        return (body) =>
          t.call('PUT', `/v1/reports/${id}/legal-hold`, { token: t.tokens.admin, body });
      },
    },
    {
      name: 'POST /v1/appeals',
      example: { appellant: 'content_provider', token: 'cwa_placeholder', grounds: 'It is news.' },
      prepare: async () => {
        const { appealToken } = await (decided ??= newDecision());
        return (body) =>
          appealCall('POST', '/v1/appeals', {
            token: null,
            body: body.token === 'cwa_placeholder' ? { ...body, token: appealToken } : body,
            headers: { 'x-test-client': `c${client++}` },
          });
      },
      used: () => (decided = null),
    },
    {
      name: 'POST /v1/appeals/{id}/decision',
      example: { ...APPEAL_DECISION_EXAMPLE, outcome: 'upheld' },
      prepare: async () => {
        const id = await (openAppeal ??= newAppeal());
        return (body) =>
          appealCall('POST', `/v1/appeals/${id}/decision`, { token: t.tokens.senior, body });
      },
      used: () => (openAppeal = null),
    },
  ];

  it.each(ENDPOINTS.map((e) => [e.name, e] as const))(
    '%s: any text in any string field',
    async (_name, endpoint) => {
      const fields = stringPaths(endpoint.example);
      const cases = fc
        .constantFrom(...fields)
        .chain((path) =>
          fieldValue(at(endpoint.example, path) as string).map((value) => ({ path, value })),
        );
      await fc.assert(
        fc.asyncProperty(cases, async ({ path, value }) => {
          let body = replaced(endpoint.example, path, value);
          if (path.join('.').endsWith('excerpt')) {
            // keep the excerpt's hash right, so the text reaches the database
            const content = (path.length > 1 ? body.content : body) as Record<string, Json>;
            content.excerptSha256 = sha256(value);
          }
          const send = await endpoint.prepare();
          const before = await tableCounts(t.db);
          const response = await send(body);
          const field = path.join('.');
          const what = `${endpoint.name} ${field}=${JSON.stringify(value)}`;
          expect(response.status, what).toBeLessThan(500);
          if (response.status < 300) {
            await response.arrayBuffer();
            endpoint.used?.();
            return;
          }
          const error = ErrorBody.parse(await response.json());
          expect(await tableCounts(t.db), what).toEqual(before);
          if (unstorableText(value) !== null) {
            expect(response.status, what).toBe(400);
            expect(error.issues?.map((i) => i.path) ?? [], what).toContain(field);
          }
        }),
        { numRuns: Math.max(RUNS_PER_ENDPOINT, RUNS_PER_FIELD * fields.length) },
      );
    },
  );

  it('any text in ids and query parameters', async () => {
    const reportId = await newReport();
    const templates = [
      ['GET', `/v1/reports/:x`, t.tokens.reviewer],
      ['GET', `/v1/decisions/:x/statement`, t.tokens.reviewer],
      ['GET', `/v1/targets/:x`, t.tokens.cso],
      ['GET', `/v1/appeals/:x`, t.tokens.senior],
      ['PUT', `/v1/guidance/:x`, t.tokens.admin],
      ['PUT', `/v1/reports/:x/legal-hold`, t.tokens.admin],
      ['GET', `/v1/queue?cursor=:x`, t.tokens.reviewer],
      ['GET', `/v1/statements?from=:x`, t.tokens.auditor],
      ['GET', `/v1/targets?platform=:x`, t.tokens.cso],
      ['GET', `/v1/targets?cursor=:x`, t.tokens.cso],
      ['GET', `/v1/targets?language=:x`, t.tokens.cso],
      ['GET', `/v1/targets/aggregates?from=:x`, t.tokens.auditor],
      ['GET', `/v1/targets/trends?to=:x`, t.tokens.auditor],
      ['GET', `/v1/transparency/report?from=:x`, null],
      ['GET', `/v1/transparency/series?to=:x`, null],
      ['GET', `/v1/log/entries?start=:x&end=1`, null],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...templates),
        fieldValue(reportId),
        async ([method, template, token], value) => {
          const path = template.replace(':x', percentEncode(value));
          const before = await tableCounts(t.db);
          const body =
            method === 'PUT'
              ? template.includes('guidance')
                ? GUIDANCE_EXAMPLE
                : LEGAL_HOLD_EXAMPLE
              : undefined;
          const response = await t.call(method, path, { token, body });
          expect(response.status, `${method} ${path}`).toBeLessThan(500);
          if (response.status >= 400) {
            ErrorBody.parse(await response.json());
            expect(await tableCounts(t.db)).toEqual(before);
            if (unstorableText(value) !== null) expect(response.status).toBe(400);
          } else await response.arrayBuffer();
        },
      ),
      { numRuns: RUNS_PER_FIELD * 2 * templates.length },
    );
  });
});
