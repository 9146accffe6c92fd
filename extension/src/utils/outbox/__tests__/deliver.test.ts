import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, retryAfterMs } from '../deliver';
import { createEntry } from '../outbox';

// A real HTTP server that answers as told, to check how each answer is read. The real API is
// exercised end to end in test/.
let server: Server;
let base: string;
let answer: { status: number; body: unknown; headers?: Record<string, string> } = {
  status: 201,
  body: {},
};
const seen: { headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const KEY = '6f1c1a9e-3b1f-4c8e-9a57-0d3b1c2e4f5a';
const entry = createEntry({
  key: KEY,
  kind: 'report',
  path: '/v1/reports',
  body: { x: 'ü' },
  summary: { title: 't', site: 's' },
  screenshotSha256: null,
  now: 0,
});

describe('deliver', () => {
  it('posts the body with the bearer token and the Idempotency-Key, and reads the case number', async () => {
    answer = {
      status: 201,
      body: { id: 'abc', caseNumber: 'CW-2026-000001', status: 'awaiting_decision' },
    };
    const outcome = await deliver(entry, { apiBaseUrl: base, token: 'tok' });
    expect(outcome).toEqual({
      type: 'acknowledged',
      receipt: { id: 'abc', reference: 'CW-2026-000001' },
    });
    const last = seen.at(-1)!;
    expect(last.headers['idempotency-key']).toBe(KEY);
    expect(last.headers.authorization).toBe('Bearer tok');
    expect(JSON.parse(last.body)).toEqual({ x: 'ü' });
  });

  it('a 4xx is a refusal carrying the API reason and field issues', async () => {
    answer = {
      status: 400,
      body: {
        code: 'validation_failed',
        message: 'content.excerptSha256 mismatch',
        requestId: 'r',
        issues: [{ path: 'content.excerptSha256', message: 'mismatch' }],
      },
    };
    expect(await deliver(entry, { apiBaseUrl: base, token: 'tok' })).toEqual({
      type: 'refused',
      refusal: {
        status: 400,
        code: 'validation_failed',
        message: 'content.excerptSha256 mismatch',
        issues: [{ path: 'content.excerptSha256', message: 'mismatch' }],
      },
    });
  });

  it('5xx and 429 are retried, honouring Retry-After', async () => {
    answer = { status: 503, body: { code: 'internal', message: 'busy', requestId: 'r' } };
    expect(await deliver(entry, { apiBaseUrl: base, token: 'tok' })).toMatchObject({
      type: 'retry',
    });
    answer = {
      status: 429,
      body: { code: 'rate_limited', message: 'slow down', requestId: 'r' },
      headers: { 'retry-after': '7' },
    };
    expect(await deliver(entry, { apiBaseUrl: base, token: 'tok' })).toMatchObject({
      type: 'retry',
      retryAfterMs: 7_000,
    });
  });

  it('an unreachable API and a missing token are retried, never refused', async () => {
    expect(await deliver(entry, { apiBaseUrl: 'http://127.0.0.1:1', token: 'tok' })).toMatchObject({
      type: 'retry',
    });
    expect(await deliver(entry, { apiBaseUrl: base, token: '' })).toMatchObject({
      type: 'retry',
      reason: expect.stringMatching(/token/),
    });
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('3', 0)).toBe(3_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 0)).toBe(10_000);
    expect(retryAfterMs('nonsense', 0)).toBeUndefined();
    expect(retryAfterMs(null, 0)).toBeUndefined();
  });
});

describe('deliver with a kept screenshot', () => {
  const png =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==';
  const shotEntry = { ...entry, screenshotSha256: 'a'.repeat(64) };

  it('sends the screenshot with the report as the API takes it', async () => {
    answer = { status: 201, body: { id: 'r1', caseNumber: 'CW-000002' } };
    seen.length = 0;
    const outcome = await deliver(
      shotEntry,
      { apiBaseUrl: base, token: 'tok' },
      fetch,
      0,
      async () => ({
        dataUrl: `data:image/png;base64,${png}`,
        sha256: 'a'.repeat(64),
      }),
    );
    expect(outcome.type).toBe('acknowledged');
    expect(JSON.parse(seen[0]!.body)).toEqual({
      x: 'ü',
      screenshot: { mediaType: 'image/png', sha256: 'a'.repeat(64), data: png },
    });
  });

  it('leaves out a screenshot over 2 MB, or one that is not the kept hash, and still sends', async () => {
    seen.length = 0;
    const big = 'A'.repeat(2_700_000);
    await deliver(shotEntry, { apiBaseUrl: base, token: 'tok' }, fetch, 0, async () => ({
      dataUrl: `data:image/png;base64,${big}`,
      sha256: 'a'.repeat(64),
    }));
    await deliver(shotEntry, { apiBaseUrl: base, token: 'tok' }, fetch, 0, async () => ({
      dataUrl: `data:image/png;base64,${png}`,
      sha256: 'b'.repeat(64),
    }));
    expect(seen.map((s) => JSON.parse(s.body))).toEqual([{ x: 'ü' }, { x: 'ü' }]);
  });
});
