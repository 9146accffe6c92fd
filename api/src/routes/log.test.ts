import {
  ErrorBody,
  fromBase64,
  hashLeaf,
  openCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '@counterweight/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeLogEntry } from '../log/sequence';
import { testLogEntry } from '../log/test-log-entry';
import { createTestApp, rowCounts, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import { ConsistencyProofResponse, InclusionProofResponse, LogEntriesResponse } from './log';

requirePostgresOrWarn('log routes');

describe.each(storesUnderTest())('public log endpoints on %s', (kind) => {
  let t: TestApp;
  const get = (path: string) => t.call('GET', path, { token: null });

  async function appendAndPublish(from: number, count: number): Promise<void> {
    await t.deps.sequencer.write(async (_tx, add) => {
      for (let i = 0; i < count; i++) add(testLogEntry(from + i));
    });
    await t.deps.log.waitForCheckpoint(from + count);
  }

  async function checkpoint() {
    const key = await (await get('/v1/log/key')).text();
    return openCheckpoint(await (await get('/v1/log/checkpoint')).text(), key.trim());
  }

  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(async () => {
    await t.deps.log.close();
    await t.close();
  });

  it('serve the signed checkpoint and the verifier key as text/plain, without a token', async () => {
    await appendAndPublish(0, 3);
    const res = await get('/v1/log/checkpoint');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const keyRes = await get('/v1/log/key');
    expect(keyRes.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await keyRes.text()).toMatch(
      /^counterweight\.local\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}\n$/,
    );
    expect((await checkpoint()).size).toBe(3);
  });

  it('entries carry the exact hashed bytes, decoded, and each is included in the checkpoint', async () => {
    await appendAndPublish(0, 12);
    const cp = await checkpoint();
    const res = await get('/v1/log/entries?start=2&end=12');
    expect(res.status).toBe(200);
    const { entries } = LogEntriesResponse.parse(await res.json());
    expect(entries.map((e) => e.index)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const e of entries) {
      const data = fromBase64(e.data);
      expect(Buffer.from(data)).toEqual(encodeLogEntry(testLogEntry(e.index)));
      expect(e.entry).toEqual(testLogEntry(e.index));
      const proof = InclusionProofResponse.parse(
        await (await get(`/v1/log/proof/inclusion?index=${e.index}&treeSize=${cp.size}`)).json(),
      );
      expect(proof).toMatchObject({ index: e.index, treeSize: 12 });
      await verifyInclusion(
        e.index,
        cp.size,
        await hashLeaf(data),
        proof.hashes.map(fromBase64),
        cp.rootHash,
      );
    }
  });

  it('a consistency proof links an earlier checkpoint to the current one', async () => {
    await appendAndPublish(0, 5);
    const first = await checkpoint();
    await appendAndPublish(5, 9);
    const second = await checkpoint();
    const body = ConsistencyProofResponse.parse(
      await (await get(`/v1/log/proof/consistency?from=${first.size}&to=${second.size}`)).json(),
    );
    expect(body).toMatchObject({ from: 5, to: 14 });
    await verifyConsistency(5, 14, body.hashes.map(fromBase64), first.rootHash, second.rootHash);
  });

  it.each([
    ['/v1/log/entries?end=3', 'query.start'],
    ['/v1/log/entries?start=0&end=x', 'query.end'],
    ['/v1/log/entries?start=-1&end=3', 'query.start'],
    ['/v1/log/entries?start=1.5&end=3', 'query.start'],
    ['/v1/log/entries?start=0&end=5', 'query.end'],
    ['/v1/log/entries?start=3&end=3', 'query.start'],
    ['/v1/log/proof/inclusion?index=0', 'query.treeSize'],
    ['/v1/log/proof/inclusion?index=4&treeSize=4', 'query.index'],
    ['/v1/log/proof/inclusion?index=0&treeSize=5', 'query.treeSize'],
    ['/v1/log/proof/consistency?from=3&to=2', 'query.from'],
    ['/v1/log/proof/consistency?from=1&to=99', 'query.to'],
    ['/v1/log/proof/consistency?from=1&to=99999999999999999999', 'query.to'],
  ])('%s answers 400 naming %s', async (path, field) => {
    await appendAndPublish(0, 4);
    const res = await get(path);
    expect(res.status).toBe(400);
    const body = ErrorBody.parse(await res.json());
    expect(body.code).toBe('validation_failed');
    expect(body.issues?.map((i) => i.path)).toContain(field);
  });

  it('are described in the OpenAPI document, and entries and proofs may be cached', async () => {
    await appendAndPublish(0, 2);
    const doc = (await (await get('/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of ['checkpoint', 'key', 'entries', 'proof/inclusion', 'proof/consistency'])
      expect(Object.keys(doc.paths)).toContain(`/v1/log/${path}`);
    expect((await get('/v1/log/checkpoint')).headers.get('cache-control')).toBe('no-store');
    expect((await get('/v1/log/entries?start=0&end=2')).headers.get('cache-control')).toMatch(
      /immutable/,
    );
  });

  it('pages hold at most 1,000 entries', async () => {
    await t.deps.sequencer.write(async (_tx, add) => {
      for (let i = 0; i < 1001; i++) add(testLogEntry(i));
    });
    await t.deps.log.waitForCheckpoint(1001);
    expect((await get('/v1/log/entries?start=0&end=1001')).status).toBe(400);
    const ok = LogEntriesResponse.parse(
      await (await get('/v1/log/entries?start=1&end=1001')).json(),
    );
    expect(ok.entries).toHaveLength(1000);
  });

  it('answers 503 log_integrity when a stored entry no longer hashes to its leaf', async () => {
    await appendAndPublish(0, 3);
    const before = await rowCounts(t.db);
    await t.db.exec('ALTER TABLE log_entries DISABLE TRIGGER log_entries_no_update_delete');
    await t.db.exec(
      `UPDATE log_entries SET data = convert_to('{"forged":true}', 'UTF8') WHERE idx = 1`,
    );
    const res = await get('/v1/log/entries?start=0&end=3');
    expect(res.status).toBe(503);
    expect(ErrorBody.parse(await res.json()).code).toBe('log_integrity');
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
