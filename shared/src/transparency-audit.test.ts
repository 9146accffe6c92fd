import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCheckpoint } from './checkpoint';
import { toBase64 } from './log-bytes';
import { logEntry, type LogEntry } from './log-entry';
import { generateNoteKey, parseSignerKey } from './log-note';
import { MerkleTree } from './log-tree';
import { computeTransparencyFigures, type TransparencyReport } from './transparency';
import {
  fetchLogClient,
  auditReport,
  fetchEntries,
  verifyCheckpointSample,
  type LogClient,
} from './transparency-audit';

/** JSON with sorted keys: canonical for these entries (strings, small integers, booleans, null). */
const canonicalizeJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
const sha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());
const leafHash = (data: Uint8Array) => sha256(new Uint8Array([0, ...data]));

/**
 * Reports and decisions alternating (every other decision a removal), where every tenth entry
 * instead reverses on appeal the removal just before it.
 */
function entry(i: number): LogEntry {
  if (i % 20 === 10)
    return {
      ...logEntry('appeal_decided', new Date(Date.UTC(2026, 0, 1) + i * 1800_000).toISOString()),
      reportId: `00000000-0000-4000-8000-${String(Math.floor((i - 1) / 2)).padStart(12, '0')}`,
      actor: 'p_fedcba9876543210',
      action: 'no_action',
      details: {
        appealId: `00000000-0000-4000-8000-a${String(i).padStart(11, '0')}`,
        outcome: 'reversed',
        previousAction: 'remove',
        reinstatement: true,
        territorialScope: null,
      },
    };
  return {
    v: 1,
    type: i % 2 === 0 ? 'report_received' : 'decision_made',
    at: new Date(
      Date.UTC(2026, 0, 1) + Math.floor(i / 2) * 3600_000 + (i % 2) * 600_000,
    ).toISOString(),
    reportId: `00000000-0000-4000-8000-${String(Math.floor(i / 2)).padStart(12, '0')}`,
    caseNumber: null,
    actor: i % 2 === 1 ? 'p_0123456789abcdef' : null,
    category: 'hate_speech',
    tcoType: null,
    action: i % 2 === 1 ? (i % 4 === 1 ? 'remove' : 'no_action') : null,
    ground: null,
    exemptionApplied: null,
    exemptions: null,
    automatedDetection: i % 3 === 0,
    excerptSha256: null,
    urlSha256: null,
    details: {},
  };
}

/**
 * A log server in memory, built from shared's own tree and note code: the same answers as
 * `/v1/log/*`. `tamper` changes what it serves, to show that the checks catch it.
 */
async function memoryLog(count: number, tamper: { entry?: number; note?: boolean } = {}) {
  const { signerKey, verifierKey } = await generateNoteKey('test.example/log');
  const signer = await parseSignerKey(signerKey);
  const tree = new MerkleTree(sha256);
  const bytes: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const data = new TextEncoder().encode(canonicalizeJson(entry(i)));
    bytes.push(data);
    tree.append(leafHash(data));
  }
  let note = await signCheckpoint(
    { origin: 'test.example/log', size: count, rootHash: tree.root() },
    signer,
  );
  if (tamper.note) note = note.replace(`\n${count}\n`, `\n${count - 1}\n`);
  const served = bytes.map((b, i) =>
    i === tamper.entry
      ? new TextEncoder().encode(canonicalizeJson({ ...entry(i), action: 'label' }))
      : b,
  );
  const client: LogClient = {
    text: async (path) => {
      if (path === '/v1/log/checkpoint') return note;
      throw new Error(`unexpected ${path}`);
    },
    json: async (path) => {
      const url = new URL(path, 'http://log.test');
      const n = (name: string) => Number(url.searchParams.get(name));
      if (url.pathname === '/v1/log/entries')
        return {
          entries: served
            .slice(n('start'), Math.min(n('end'), n('start') + 1000))
            .map((data, k) => ({ index: n('start') + k, data: toBase64(data) })),
        };
      if (url.pathname === '/v1/log/proof/inclusion')
        return { hashes: tree.inclusionProof(n('index'), n('treeSize')).map(toBase64) };
      if (url.pathname === '/v1/log/proof/consistency')
        return { hashes: tree.consistencyProof(n('from'), n('to')).map(toBase64) };
      throw new Error(`unexpected ${path}`);
    },
  };
  return { client, verifierKey, tree };
}

const period = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };

async function honestReport(tree: MerkleTree, size: number): Promise<TransparencyReport> {
  const entries = Array.from({ length: size }, (_, i) => entry(i));
  return {
    period,
    checkpoint: { treeSize: size, rootHash: toBase64(tree.root(size)) },
    generatedAt: '2026-02-01T00:00:00.000Z',
    figures: computeTransparencyFigures(entries, period),
    method: 'test',
  };
}

describe('verifyCheckpointSample', () => {
  it('verifies the signature and every sampled inclusion proof', async () => {
    const { client, verifierKey } = await memoryLog(2500);
    const result = await verifyCheckpointSample(client, verifierKey, 10);
    expect(result.checkpoint.size).toBe(2500);
    expect(result.checks).toHaveLength(10);
    expect(result.checks.map((c) => c.index)).toContain(2499);
    expect(result.ok).toBe(true);
  });

  it('reports an entry whose served bytes differ from what was hashed', async () => {
    const { client, verifierKey } = await memoryLog(20, { entry: 7 });
    const result = await verifyCheckpointSample(client, verifierKey, 20);
    expect(result.ok).toBe(false);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.index)).toEqual([7]);
  });

  it('refuses a checkpoint whose signed text was altered, or another key', async () => {
    const tampered = await memoryLog(20, { note: true });
    await expect(
      verifyCheckpointSample(tampered.client, tampered.verifierKey, 3),
    ).rejects.toThrow();
    const honest = await memoryLog(20);
    const other = await generateNoteKey('test.example/log');
    await expect(verifyCheckpointSample(honest.client, other.verifierKey, 3)).rejects.toThrow();
  });
});

describe('auditReport', () => {
  it('recomputes the same figures and root from the entries, consistent with the signed tree', async () => {
    const { client, tree } = await memoryLog(1200);
    const report = await honestReport(tree, 1100);
    const signed = {
      origin: 'test.example/log',
      size: 1200,
      rootHash: tree.root(),
      extensions: [],
    };
    const audit = await auditReport(client, report, { signed });
    expect(audit).toMatchObject({
      ok: true,
      rootMatches: true,
      consistentWithSigned: true,
      mismatches: [],
    });
    expect(audit.recomputed.decisions.total).toBe(550);
    expect(audit.recomputed.afterAppeal.changedOnAppeal).toBe(55);
    expect(audit.recomputed.afterAppeal.byAction.remove).toBe(
      audit.recomputed.decisions.byAction.remove - 55,
    );
  });

  it('names an outcome after appeal that was published as the first decision', async () => {
    const { client, tree } = await memoryLog(100);
    const report = await honestReport(tree, 100);
    // The tampering a reversal invites: keep reversed removals counted as removals.
    report.figures.afterAppeal.byAction.remove += 5;
    report.figures.afterAppeal.byAction.no_action -= 5;
    const audit = await auditReport(client, report);
    expect(audit.ok).toBe(false);
    expect(audit.rootMatches).toBe(true);
    expect(audit.mismatches.map((m) => m.path)).toEqual([
      'afterAppeal.byAction.no_action',
      'afterAppeal.byAction.remove',
    ]);
  });

  it('names each figure that was published wrong, and a root that does not match', async () => {
    const { client, tree } = await memoryLog(100);
    const report = await honestReport(tree, 100);
    report.figures.decisions.byAction.remove += 1;
    report.checkpoint.rootHash = toBase64(tree.root(99));
    const audit = await auditReport(client, report);
    expect(audit.ok).toBe(false);
    expect(audit.rootMatches).toBe(false);
    expect(audit.mismatches).toEqual([
      { path: 'decisions.byAction.remove', published: 26, recomputed: 25 },
    ]);
  });

  it('catches entries that are not a prefix of the signed tree', async () => {
    const { client, tree } = await memoryLog(50, { entry: 3 });
    // The report is computed over the tampered entries, so figures and root agree with them...
    const entries = await fetchEntries(client, 0, 50);
    const report = await honestReport(tree, 50);
    report.figures = computeTransparencyFigures(
      entries.map((e) => e.entry),
      period,
    );
    report.checkpoint.rootHash = toBase64(
      (() => {
        const t = new MerkleTree(sha256);
        for (const e of entries) t.append(leafHash(e.data));
        return t.root();
      })(),
    );
    // ...but not with the signed checkpoint of a longer tree.
    const signed = { origin: 'test.example/log', size: 50, rootHash: tree.root(), extensions: [] };
    const audit = await auditReport(client, report, { signed, entries });
    expect(audit.rootMatches).toBe(true);
    expect(audit.mismatches).toEqual([]);
    expect(audit.consistentWithSigned).toBe(false);
    expect(audit.ok).toBe(false);
  });
});

describe('fetchLogClient', () => {
  it('waits as a 429 tells and retries; throws on other errors', async () => {
    const answers = [
      new Response('slow down', { status: 429, headers: { 'retry-after': '0' } }),
      new Response('{"ok":true}', { status: 200 }),
      new Response('gone', { status: 404 }),
    ];
    const asked: string[] = [];
    const client = fetchLogClient('https://log.example/', async (url) => {
      asked.push(String(url));
      return answers.shift()!;
    });
    expect(await client.json('/v1/log/checkpoint')).toEqual({ ok: true });
    expect(asked).toEqual([
      'https://log.example/v1/log/checkpoint',
      'https://log.example/v1/log/checkpoint',
    ]);
    await expect(client.text('/v1/log/key')).rejects.toThrow(/answered 404/);
  });
});
