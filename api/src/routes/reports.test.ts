import { createHash } from 'node:crypto';
import { ErrorBody, Report } from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, rowCounts, type TestApp } from '../testing/test-app';
import { ReportWithProgress } from './reports';
import { REPORT_EXAMPLE } from './examples';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const withExcerpt = (excerpt: string) => ({
  ...REPORT_EXAMPLE,
  content: { ...REPORT_EXAMPLE.content, excerpt, excerptSha256: sha256(excerpt) },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function refused(response: Response, status: number) {
  expect(response.status).toBe(status);
  return ErrorBody.parse(await response.json());
}

describe('POST /v1/reports', () => {
  it('stores a reviewed report and answers 201 with it', async () => {
    const response = await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE });
    expect(response.status).toBe(201);
    const report = Report.parse(await response.json());
    expect(report.status).toBe('awaiting_decision');
    expect(report.content?.excerpt).toBe(REPORT_EXAMPLE.content.excerpt);
    expect(response.headers.get('location')).toBe(`/v1/reports/${report.id}`);
    const again = await t.call('GET', `/v1/reports/${report.id}`, { token: t.tokens.senior });
    const stored = ReportWithProgress.parse(await again.json());
    expect(stored).toEqual({ ...report, progress: { state: 'waiting' } });
  });

  it('accepts text the classifier abstained on (a language it does not read), with its language', async () => {
    const excerpt = 'Все мигранты паразиты, их надо выгнать из страны';
    const body = {
      ...withExcerpt(excerpt),
      classifier: {
        ...REPORT_EXAMPLE.classifier,
        decision: 'abstain',
        label: null,
        scores: { hate: 0, extremist: 0 },
        evidence: [],
        language: 'ru',
      },
    };
    const response = await t.call('POST', '/v1/reports', { body });
    expect(response.status).toBe(201);
    const report = Report.parse(await response.json());
    const stored = await t.call('GET', `/v1/reports/${report.id}`, { token: t.tokens.senior });
    expect(ReportWithProgress.parse(await stored.json()).classifier).toMatchObject({
      decision: 'abstain',
      language: 'ru',
    });
    const wrong = { ...body, classifier: { ...body.classifier, language: 'Russian' } };
    const refusal = await refused(await t.call('POST', '/v1/reports', { body: wrong }), 400);
    expect(refusal.issues?.map((i) => i.path)).toContain('classifier.language');
  });

  it('refuses a report without the human attestation', async () => {
    const before = await rowCounts(t.db);
    const noAttestation = { ...REPORT_EXAMPLE, attestation: undefined };
    let body = await refused(await t.call('POST', '/v1/reports', { body: noAttestation }), 400);
    expect(body.issues?.map((i) => i.path)).toContain('attestation');
    const falseAttestation = {
      ...REPORT_EXAMPLE,
      attestation: { ...REPORT_EXAMPLE.attestation, humanReviewed: false },
    };
    body = await refused(await t.call('POST', '/v1/reports', { body: falseAttestation }), 400);
    expect(body.issues).toContainEqual({
      path: 'attestation.humanReviewed',
      message: expect.stringMatching(/human attestation/),
    });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('recomputes the excerpt hash and names content.excerptSha256 on a mismatch', async () => {
    const before = await rowCounts(t.db);
    const wrong = {
      ...REPORT_EXAMPLE,
      content: { ...REPORT_EXAMPLE.content, excerptSha256: sha256('something else') },
    };
    const body = await refused(await t.call('POST', '/v1/reports', { body: wrong }), 400);
    expect(body.code).toBe('validation_failed');
    expect(body.issues?.[0]?.path).toBe('content.excerptSha256');
    expect(body.issues?.[0]?.message).toContain(sha256(REPORT_EXAMPLE.content.excerpt));
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('hashes the excerpt as UTF-8 (non-ASCII text)', async () => {
    const response = await t.call('POST', '/v1/reports', {
      body: withExcerpt('Sie sind Helden — تحيا المقاومة 🔥'),
    });
    expect(response.status).toBe(201);
  });

  it('names nested fields with dotted paths and refuses unknown fields', async () => {
    const tooLong = withExcerpt('x'.repeat(10_001));
    let body = await refused(await t.call('POST', '/v1/reports', { body: tooLong }), 400);
    expect(body.issues?.map((i) => i.path)).toContain('content.excerpt');
    body = await refused(
      await t.call('POST', '/v1/reports', { body: { ...REPORT_EXAMPLE, extra: 1 } }),
      400,
    );
    expect(body.issues).toContainEqual({ path: 'body', message: 'unknown field: extra' });
    const nested = {
      ...REPORT_EXAMPLE,
      assessment: {
        ...REPORT_EXAMPLE.assessment,
        exemption: { ...REPORT_EXAMPLE.assessment.exemption, sneaky: true },
      },
    };
    body = await refused(await t.call('POST', '/v1/reports', { body: nested }), 400);
    expect(body.issues?.[0]?.path).toBe('assessment.exemption');
    const removal = {
      ...REPORT_EXAMPLE,
      assessment: {
        ...REPORT_EXAMPLE.assessment,
        exemption: { applies: true, exemptions: ['journalistic'], reasoning: 'news report' },
      },
    };
    body = await refused(await t.call('POST', '/v1/reports', { body: removal }), 400);
    expect(body.issues?.map((i) => i.path)).toContain('assessment.suggestedAction');
  });

  it('answers 413 over 3 MiB, 415 for non-JSON and 400 at path body for malformed JSON', async () => {
    const before = await rowCounts(t.db);
    const big = JSON.stringify({ ...REPORT_EXAMPLE, padding: 'x'.repeat(3_200_000) });
    expect((await refused(await t.call('POST', '/v1/reports', { body: big }), 413)).code).toBe(
      'payload_too_large',
    );
    const text = await t.call('POST', '/v1/reports', {
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect((await refused(text, 415)).code).toBe('unsupported_media_type');
    const none = await t.app.request('/v1/reports', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.reviewer.token}` },
      body: JSON.stringify(REPORT_EXAMPLE),
    });
    await refused(none, 415);
    const body = await refused(await t.call('POST', '/v1/reports', { body: '{"content": ' }), 400);
    expect(body.issues).toEqual([{ path: 'body', message: 'malformed JSON' }]);
    const array = await refused(await t.call('POST', '/v1/reports', { body: '[1,2]' }), 400);
    expect(array.issues?.[0]?.path).toBe('body');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('makes retries safe with Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'retry-1' };
    const first = await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE, headers });
    expect(first.status).toBe(201);
    const report = Report.parse(await first.json());
    const before = await rowCounts(t.db);
    const retry = await t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE, headers });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(Report.parse(await retry.json())).toEqual(report);
    const other = await t.call('POST', '/v1/reports', {
      body: withExcerpt('another text'),
      headers,
    });
    expect((await refused(other, 409)).code).toBe('conflict');
    expect(await rowCounts(t.db)).toEqual(before);
    // keys belong to the token that used them
    const otherToken = await t.call('POST', '/v1/reports', {
      body: REPORT_EXAMPLE,
      headers,
      token: t.tokens.senior,
    });
    expect(otherToken.status).toBe(201);
    const bad = await t.call('POST', '/v1/reports', {
      body: REPORT_EXAMPLE,
      headers: { 'idempotency-key': 'x'.repeat(201) },
    });
    expect((await refused(bad, 400)).issues?.[0]?.path).toBe('Idempotency-Key');
  });
});

describe('GET /v1/reports/{id}', () => {
  it('answers 404 for an unknown id and 400 naming id for a malformed one', async () => {
    await refused(await t.call('GET', '/v1/reports/3f1c1f8e-8a5a-4c1e-9a51-0d5c7a3c2b10'), 404);
    const body = await refused(await t.call('GET', '/v1/reports/not-a-uuid'), 400);
    expect(body.issues?.[0]?.path).toBe('id');
  });
});
