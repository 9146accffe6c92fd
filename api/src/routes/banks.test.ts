import { createHash } from 'node:crypto';
import {
  Bank,
  BankExport,
  ErrorBody,
  LogEntry,
  MatchResponse,
  pdqFromHex,
  pdqToHex,
} from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { storesUnderTest } from '../testing/test-db';

const PDQ = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const MD5 = '098f6bcd4621d373cade4e832627b4f6';
const label = { category: 'terrorist_content', source: 'TCAP 2026-12' };
/** `hex` with its lowest `n` bits flipped. */
const flip = (hex: string, n: number) => {
  const bits = pdqFromHex(hex);
  for (let b = 0; b < n; b++) bits[7 - (b >>> 5)] = (bits[7 - (b >>> 5)]! ^ (1 << (b & 31))) >>> 0;
  return pdqToHex(bits);
};
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

let t: TestApp;
const errorOf = async (res: Response) => ErrorBody.parse(await res.json());
const admin = (method: string, path: string, body?: unknown) =>
  t.call(method, path, { token: t.tokens.admin, body });
const createBank = async (name: string, kind: 'positive' | 'negative' = 'positive') => {
  const res = await admin('POST', '/v1/banks', { name, kind, description: `${name} bank` });
  expect(res.status).toBe(201);
  return Bank.parse(await res.json());
};
const match = async (signals: { type: string; value: string }[]) => {
  const res = await t.call('POST', '/v1/match', { token: t.tokens.cso, body: { signals } });
  expect(res.status).toBe(200);
  return MatchResponse.parse(await res.json()).matches;
};
const bankLog = async () =>
  (
    await t.db.query<{ entry: string }>(
      `SELECT convert_from(data, 'UTF8') AS entry FROM log_entries ORDER BY idx`,
    )
  )
    .map((r) => LogEntry.parse(JSON.parse(r.entry)))
    .filter((e) => e.type.startsWith('bank_'));
const exportOf = async (name: string, query = '') => {
  const res = await t.call('GET', `/v1/banks/${name}/signals${query}`, {
    token: t.tokens.reviewer,
  });
  expect(res.status).toBe(200);
  return res;
};

describe.each(storesUnderTest())('hash banks on %s', (kind) => {
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 60_000);
  afterAll(() => t.close());

  it('only an admin creates banks and adds signals; bad input is a 400 naming the field', async () => {
    for (const token of [t.tokens.reviewer, t.tokens.cso, t.tokens.auditor]) {
      const res = await t.call('POST', '/v1/banks', {
        token,
        body: { name: 'x', kind: 'positive', description: 'd' },
      });
      expect(res.status).toBe(403);
    }
    const bad = await admin('POST', '/v1/banks', {
      name: 'Bad Name',
      kind: 'neutral',
      description: 'd',
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.map((i) => i.path).sort()).toEqual(['kind', 'name']);
    const bank = await createBank('tcap');
    expect(bank).toMatchObject({ name: 'tcap', kind: 'positive', signals: 0 });
    expect(
      (await admin('POST', '/v1/banks', { name: 'tcap', kind: 'positive', description: 'again' }))
        .status,
    ).toBe(409);
  });

  it('adds signals (201 with how many), counts duplicates, refuses a bad hash storing nothing', async () => {
    const signals = [
      { type: 'pdq', value: PDQ, label },
      { type: 'md5', value: MD5, label },
    ];
    const added = await admin('POST', '/v1/banks/tcap/signals', { signals });
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ added: 2, duplicates: 0 });
    expect(await (await admin('POST', '/v1/banks/tcap/signals', { signals })).json()).toEqual({
      added: 0,
      duplicates: 2,
    });

    const before = await bankLog();
    const bad = await admin('POST', '/v1/banks/tcap/signals', {
      signals: [
        { type: 'sha256', value: sha('ok'), label },
        { type: 'pdq', value: 'abc', label },
      ],
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.[0]?.path).toBe('signals.1.value');
    expect((await admin('POST', '/v1/banks/nope/signals', { signals })).status).toBe(404);
    expect(await bankLog()).toHaveLength(before.length);
    const [bank] = (await (
      await t.call('GET', '/v1/banks', { token: t.tokens.auditor })
    ).json()) as Bank[];
    expect(bank?.signals).toBe(2);
  });

  it('matches a near PDQ hash with its distance and label, an MD5 exactly, and nothing unrelated', async () => {
    const matches = await match([
      { type: 'pdq', value: flip(PDQ, 9) },
      { type: 'pdq', value: flip(PDQ, 40) },
      { type: 'md5', value: MD5 },
      { type: 'sha256', value: sha('unrelated') },
    ]);
    expect(matches).toEqual([
      { signal: 0, bank: 'tcap', distance: 9, label },
      { signal: 2, bank: 'tcap', distance: 0, label },
    ]);
    const bad = await t.call('POST', '/v1/match', {
      token: t.tokens.cso,
      body: { signals: [{ type: 'pdq', value: 'zz' }] },
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.[0]?.path).toBe('signals.0.value');
    expect(
      (
        await t.call('POST', '/v1/match', {
          token: null,
          body: { signals: [{ type: 'md5', value: MD5 }] },
        })
      ).status,
    ).toBe(401);
  });

  it('a negative bank holding the signal suppresses the match', async () => {
    await createBank('news-photos', 'negative');
    const lawful = flip(PDQ, 3);
    await admin('POST', '/v1/banks/news-photos/signals', {
      signals: [
        { type: 'pdq', value: lawful, label: { category: 'news', source: 'broadcaster archive' } },
      ],
    });
    expect(
      await match([
        { type: 'pdq', value: flip(PDQ, 4) },
        { type: 'md5', value: MD5 },
      ]),
    ).toEqual([{ signal: 1, bank: 'tcap', distance: 0, label }]);
  });

  it('exports a bank as JSON changes and, with the cursor, only what changed since', async () => {
    const first = BankExport.parse(await (await exportOf('tcap')).json());
    expect(first.signals.map((s) => s.value)).toEqual([PDQ, MD5]);
    expect(first.nextCursor).toBeNull();
    const value = sha('one more');
    await admin('POST', '/v1/banks/tcap/signals', { signals: [{ type: 'sha256', value, label }] });
    const next = BankExport.parse(await (await exportOf('tcap', `?cursor=${first.cursor}`)).json());
    expect(next.signals.map((s) => s.value)).toEqual([value]);
    const none = BankExport.parse(await (await exportOf('tcap', `?cursor=${next.cursor}`)).json());
    expect(none.signals).toEqual([]);
    expect(
      (await t.call('GET', '/v1/banks/tcap/signals?cursor=abc', { token: t.tokens.reviewer }))
        .status,
    ).toBe(400);
    expect((await t.call('GET', '/v1/banks/tcap/signals', { token: t.tokens.cso })).status).toBe(
      403,
    );
  });

  it('imports a ThreatExchange file and a TCAP-style CSV with their source; exports round-trip', async () => {
    const tx = `pdq ${flip(PDQ, 100)}\nvideo_md5 ${MD5}\nurl https://example.org/skipped\n\n`;
    await createBank('partner');
    const imported = await admin('POST', '/v1/banks/partner/import', {
      format: 'threatexchange',
      category: 'terrorist_content',
      source: 'partner deployment 2026-12-06',
      content: tx,
    });
    expect(imported.status).toBe(201);
    expect(await imported.json()).toEqual({ added: 2, duplicates: 0, skipped: 1 });
    const exported = await (await exportOf('partner', '?format=threatexchange')).text();
    expect(exported).toBe(`pdq ${flip(PDQ, 100)}\nvideo_md5 ${MD5}\n`);
    // What one deployment exports another imports to the same list.
    await createBank('partner-copy');
    await admin('POST', '/v1/banks/partner-copy/import', {
      format: 'threatexchange',
      category: 'c',
      source: 's',
      content: exported,
    });
    expect(await (await exportOf('partner-copy', '?format=threatexchange')).text()).toBe(exported);

    const csv = `hash_type,hash_value,category,source\nsha256,${sha('a')},terrorist_content,"TCAP, list 12"\nmd5,${MD5},,\n`;
    await createBank('tcap-list');
    const fromCsv = await admin('POST', '/v1/banks/tcap-list/import', {
      format: 'tcap',
      category: 'fallback',
      source: 'TCAP',
      content: csv,
    });
    expect(await fromCsv.json()).toEqual({ added: 2, duplicates: 0, skipped: 0 });
    const csvOut = await (await exportOf('tcap-list', '?format=tcap')).text();
    expect(csvOut).toBe(
      `hash_type,hash_value,category,source\nsha256,${sha('a')},terrorist_content,"TCAP, list 12"\nmd5,${MD5},fallback,TCAP\n`,
    );
    await createBank('tcap-copy');
    await admin('POST', '/v1/banks/tcap-copy/import', {
      format: 'tcap',
      category: 'x',
      source: 'y',
      content: csvOut,
    });
    expect(await (await exportOf('tcap-copy', '?format=tcap')).text()).toBe(csvOut);

    const broken = await admin('POST', '/v1/banks/tcap-list/import', {
      format: 'tcap',
      category: 'c',
      source: 's',
      content: `hash_type,hash_value\nmd5,${MD5}\npdq,nothex\n`,
    });
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).issues?.[0]).toMatchObject({
      path: 'content',
      message: expect.stringContaining('line 3'),
    });
  });

  it('records "this match is wrong" against the signal, counted in the export and logged', async () => {
    const res = await t.call('POST', '/v1/banks/disagreements', {
      token: t.tokens.reviewer,
      body: { type: 'md5', value: MD5, reason: 'A news broadcaster’s clip.' },
    });
    expect(res.status).toBe(201);
    // tcap, partner, partner-copy, tcap-list and tcap-copy all hold this MD5.
    expect(await res.json()).toEqual({ recorded: 5 });
    const exported = BankExport.parse(await (await exportOf('tcap')).json());
    expect(exported.signals.find((s) => s.value === MD5)?.disagreements).toBe(1);
    const unknown = await t.call('POST', '/v1/banks/disagreements', {
      token: t.tokens.reviewer,
      body: { type: 'md5', value: 'f'.repeat(32), reason: 'r' },
    });
    expect(unknown.status).toBe(404);
  });

  it('logs every bank change with hashes and labels only', async () => {
    const entries = await bankLog();
    expect(entries.map((e) => e.type)).toContain('bank_created');
    expect(entries.filter((e) => e.type === 'bank_signal_disputed')).toHaveLength(5);
    const added = entries.find(
      (e) => e.type === 'bank_signals_added' && e.details.bank === 'tcap',
    )!;
    expect(added.details).toMatchObject({
      count: 2,
      types: ['md5', 'pdq'],
      categories: ['terrorist_content'],
      sources: ['TCAP 2026-12'],
    });
    expect(added.details.signalsSha256).toMatch(/^[0-9a-f]{64}$/);
    for (const e of entries) {
      expect(e.reportId).toBeNull();
      expect(JSON.stringify(e)).not.toContain('news broadcaster');
    }
  });
});
