import { randomUUID } from 'node:crypto';
import { LogEntry, Report, ReportSubmission } from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymOf } from '../auth/pseudonym';
import { createToken } from '../auth/tokens';
import { claimReport } from '../claims/claims';
import { recordDecision } from '../decisions/record-decision';
import { LogSequencer, encodeLogEntry, leafHash } from '../log/sequence';
import { ReportIntake, type PreparedReport } from '../reports/intake';
import { caseNumberOf, caseNumberSql } from '../reports/store';
import { DECISION_EXAMPLE, REPORT_EXAMPLE } from '../routes/examples';
import { openTestDb, requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';
import type { Db } from './db';
import { migrate } from './migrate';

requirePostgresOrWarn('api storage suite');

const key = Buffer.alloc(32, 7);

// PGlite runs in process (tests) and in a worker thread (the server): both are checked
describe.each([...storesUnderTest(), 'pglite-worker' as const])('storage on %s', (kind) => {
  let db: Db;
  let drop: () => Promise<void>;
  let sequencer: LogSequencer;
  let intake: ReportIntake;
  let submitter: { tokenId: string; role: 'reviewer'; name: string | null };
  let decider: { tokenId: string; role: 'reviewer'; name: string | null };

  const prepared = (overrides: Partial<PreparedReport> = {}): PreparedReport => ({
    id: randomUUID(),
    receivedAt: new Date().toISOString(),
    submission: ReportSubmission.parse(REPORT_EXAMPLE),
    submitter,
    actor: pseudonymOf(key, submitter.tokenId),
    urlSha256: 'a'.repeat(64),
    idempotency: null,
    ...overrides,
  });
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  beforeAll(async () => {
    ({ db, drop } = await openTestDb(kind));
    sequencer = await LogSequencer.open(db);
    intake = new ReportIntake(sequencer, { maxBatch: 64 });
    const a = await createToken(db, 'reviewer', 'Storage A');
    const b = await createToken(db, 'reviewer', 'Storage B');
    submitter = { tokenId: a.tokenId, role: 'reviewer', name: a.name };
    decider = { tokenId: b.tokenId, role: 'reviewer', name: b.name };
  });
  afterAll(async () => drop());

  it('migrations are recorded and a second run applies nothing', async () => {
    const applied = await db.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY name',
    );
    expect(applied.map((row) => row.name)).toContain('001-core.sql');
    expect(applied.map((row) => row.name)).toContain('002-log-entries.sql');
    expect(await migrate(db)).toEqual([]);
  });

  it('stores concurrent reports in group commits with dense log indices, then notifies once per batch', async () => {
    const before = sequencer.size;
    const notified: number[] = [];
    const off = sequencer.onAppended((last) => notified.push(last));
    const items = Array.from({ length: 150 }, () => prepared());
    const results = await Promise.all(items.map((item) => intake.submit(item)));
    off();
    expect(results.every((r) => !r.replayed)).toBe(true);
    expect(new Set(results.map((r) => r.report.caseNumber)).size).toBe(150);
    expect(sequencer.size).toBe(before + 150);
    // 150 items with at most 64 per batch: at least 3 and far fewer than 150 transactions
    expect(notified.length).toBeGreaterThanOrEqual(3);
    expect(notified.length).toBeLessThan(20);
    expect(notified.at(-1)).toBe(before + 149);
    const idx = await db.query<{ idx: string }>(
      'SELECT idx::text AS idx FROM log_entries ORDER BY log_entries.idx',
    );
    expect(idx.map((row) => Number(row.idx))).toEqual(
      Array.from({ length: before + 150 }, (_, i) => i),
    );
  });

  it('writes canonical log entries with their leaf hash, and no excerpt or URL', async () => {
    const rows = await db.query<{ data: Uint8Array; leaf_hash: Uint8Array }>(
      'SELECT data, leaf_hash FROM log_entries ORDER BY idx LIMIT 5',
    );
    for (const row of rows) {
      const data = Buffer.from(row.data);
      expect(Buffer.from(row.leaf_hash).equals(leafHash(data))).toBe(true);
      const text = data.toString('utf8');
      const entry = LogEntry.parse(JSON.parse(text));
      // the case number was put in by the database: the bytes are still the canonical encoding
      expect(encodeLogEntry(entry).equals(data)).toBe(true);
      expect(entry.caseNumber).toMatch(/^CW-\d{6,}$/);
      expect(entry.type).toBe('report_received');
      expect(entry.actor).toBe(pseudonymOf(key, submitter.tokenId));
      expect(text).not.toContain(REPORT_EXAMPLE.content.excerpt.slice(0, 20));
      expect(text).not.toContain('social.example');
      expect(text).not.toContain('Storage A');
    }
  });

  it('a sequence head left behind by rows written around it moves on past them', async () => {
    const [before] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM log_entries');
    // an entry inserted straight into the table (a bulk load), not through the sequencer
    const data = Buffer.from('{"bulk":true}');
    await db.query('INSERT INTO log_entries (idx, data, leaf_hash) VALUES ($1, $2, $3)', [
      before!.n,
      data,
      leafHash(data),
    ]);
    const result = await intake.submit(prepared());
    const rows = await db.query<{ idx: string; report: string | null }>(
      `SELECT idx::text AS idx, convert_from(data, 'UTF8')::jsonb ->> 'reportId' AS report
       FROM log_entries WHERE idx >= $1 ORDER BY log_entries.idx`,
      [before!.n],
    );
    expect(rows).toEqual([
      { idx: String(before!.n), report: null },
      { idx: String(before!.n + 1), report: result.report.id },
    ]);
  });

  it('numbers cases in SQL exactly as caseNumberOf does', async () => {
    const seqs = [1, 42, 999_999, 1_000_000, 12_345_678];
    const rows = await db.query<{ n: string }>(
      `SELECT ${caseNumberSql('s')} AS n FROM unnest($1::bigint[]) WITH ORDINALITY AS t(s, o) ORDER BY o`,
      [seqs],
    );
    expect(rows.map((row) => row.n)).toEqual(seqs.map(caseNumberOf));
  });

  it('refuses UPDATE, DELETE and TRUNCATE of log entries', async () => {
    await expect(
      db.query("UPDATE log_entries SET data = '\\x00'::bytea WHERE idx = 0"),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM log_entries WHERE idx = 0')).rejects.toThrow(/append-only/);
    await expect(db.exec('TRUNCATE log_entries')).rejects.toThrow(/append-only/);
    expect(await count('log_entries')).toBe(sequencer.size);
  });

  it('a failed write uses no index and writes nothing', async () => {
    const before = sequencer.size;
    const reports = await count('reports');
    await expect(
      sequencer.write(async (tx, append) => {
        append({
          ...(JSON.parse(
            Buffer.from(
              (
                await tx.query<{ data: Uint8Array }>('SELECT data FROM log_entries WHERE idx = 0')
              )[0]!.data,
            ).toString(),
          ) as LogEntry),
        });
        await tx.query('INSERT INTO reports (id) VALUES ($1)', [randomUUID()]);
      }),
    ).rejects.toThrow();
    expect(sequencer.size).toBe(before);
    expect(await count('log_entries')).toBe(before);
    expect(await count('reports')).toBe(reports);
    const next = await intake.submit(prepared());
    expect(next.report.caseNumber).toMatch(/^CW-\d{6}$/);
    expect(sequencer.size).toBe(before + 1);
  });

  it('a transaction whose statement failed never reports a commit', async () => {
    const before = await count('api_tokens');
    const attempt = db.transaction(async (tx) => {
      await tx.query(
        "INSERT INTO api_tokens (id, token_sha256, role) VALUES ($1, 'x', 'reviewer')",
        [randomUUID()],
      );
      await tx
        .query("INSERT INTO api_tokens (id, token_sha256, role) VALUES ($1, 'y', 'nobody')", [
          randomUUID(),
        ])
        .catch(() => null);
      return 'swallowed';
    });
    await expect(attempt).rejects.toThrow();
    expect(await count('api_tokens')).toBe(before);
  });

  it('one bad item in a batch does not fail the others', async () => {
    const good = Array.from({ length: 5 }, () => prepared());
    // an unknown submitter breaks the foreign key: only that item may fail
    const bad = prepared({ submitter: { tokenId: randomUUID(), role: 'reviewer', name: null } });
    const settled = await Promise.allSettled(
      [...good.slice(0, 2), bad, ...good.slice(2)].map((item) => intake.submit(item)),
    );
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    const stored = await db.query<{ id: string }>(
      'SELECT id::text AS id FROM reports WHERE id = ANY($1::uuid[])',
      [[...good, bad].map((g) => g.id)],
    );
    expect(stored.length).toBe(5);
    expect(await count('log_entries')).toBe(sequencer.size);
  });

  it('honours idempotency keys within one batch and across batches', async () => {
    const k = `key-${randomUUID()}`;
    const same = { key: k, bodySha256: 'b'.repeat(64) };
    const first = prepared({ idempotency: same });
    const [a, b, c] = await Promise.allSettled([
      intake.submit(first),
      intake.submit(prepared({ idempotency: same })),
      intake.submit(prepared({ idempotency: { key: k, bodySha256: 'c'.repeat(64) } })),
    ]);
    expect(a.status === 'fulfilled' && !a.value.replayed).toBe(true);
    expect(b.status === 'fulfilled' && b.value.replayed && b.value.report.id === first.id).toBe(
      true,
    );
    expect(c.status === 'rejected' && (c.reason as { code?: string }).code === 'conflict').toBe(
      true,
    );
    const later = await intake.submit(prepared({ idempotency: same }));
    expect(later.replayed).toBe(true);
    expect(Report.parse(later.report).id).toBe(first.id);
    await expect(
      intake.submit(prepared({ idempotency: { key: k, bodySha256: 'd'.repeat(64) } })),
    ).rejects.toMatchObject({ code: 'conflict' });
    const rows = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1',
      [k],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('keeps case numbers dense and equal to their log entries when replays, conflicts and failures upset the numbers expected on arrival', async () => {
    const k = `key-${randomUUID()}`;
    const same = { key: k, bodySha256: 'e'.repeat(64) };
    const stranger = { tokenId: randomUUID(), role: 'reviewer' as const, name: null };
    const submitted: { item: PreparedReport; result: Promise<{ report: Report }> }[] = [];
    const submit = (item: PreparedReport) => {
      const result = intake.submit(item);
      result.catch(() => {}); // settled below, after the later waves
      submitted.push({ item, result });
    };
    // waves arrive while the batch ahead of them is being written
    for (let wave = 0; wave < 4; wave++) {
      submit(prepared({ idempotency: same })); // new in the first wave, a replay after
      submit(prepared());
      submit(prepared({ submitter: stranger })); // breaks the foreign key: fails alone
      submit(prepared({ idempotency: { key: k, bodySha256: 'f'.repeat(64) } })); // a conflict
      submit(prepared());
      await new Promise((resolve) => setImmediate(resolve));
    }
    const settled = await Promise.allSettled(submitted.map((s) => s.result));
    expect(settled.filter((s) => s.status === 'fulfilled').length).toBe(4 * 3);

    const [span] = await db.query<{ n: number; lo: number; hi: number }>(
      'SELECT count(*)::int AS n, min(case_seq)::int AS lo, max(case_seq)::int AS hi FROM reports',
    );
    expect(span!.hi - span!.lo + 1).toBe(span!.n);
    const rows = await db.query<{ id: string; case_number: string; entry: Uint8Array }>(
      `SELECT r.id::text AS id, r.case_number, l.data AS entry FROM reports r
       JOIN log_entries l ON convert_from(l.data, 'UTF8')::jsonb ->> 'reportId' = r.id::text
       WHERE r.id = ANY($1::uuid[])`,
      [submitted.map((s) => s.item.id)],
    );
    expect(rows.length).toBe(1 + 4 * 2);
    const answered = new Map(
      settled
        .flatMap((s) => (s.status === 'fulfilled' ? [s.value.report] : []))
        .map((r) => [r.id, r]),
    );
    for (const row of rows) {
      const entry = LogEntry.parse(JSON.parse(Buffer.from(row.entry).toString('utf8')));
      expect(entry.caseNumber).toBe(row.case_number);
      expect(answered.get(row.id)?.caseNumber).toBe(row.case_number);
    }
  });

  it('lets exactly one of concurrent deciders decide: the claim holder, once', async () => {
    const { report } = await intake.submit(prepared());
    const deps = { sequencer, pseudonymKey: key };
    const senior = await createToken(db, 'senior_reviewer', 'Storage C');
    await claimReport(deps, decider, report.id);
    const body = { ...DECISION_EXAMPLE, escalateThreatToLife: true };
    const settled = await Promise.allSettled([
      recordDecision(deps, decider, report.id, body),
      recordDecision(deps, decider, report.id, body),
      recordDecision(
        deps,
        { tokenId: senior.tokenId, role: 'senior_reviewer', name: senior.name },
        report.id,
        body,
      ),
    ]);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    for (const refused of settled.filter((s) => s.status === 'rejected'))
      expect(['conflict', 'claim_required']).toContain(
        (refused as PromiseRejectedResult).reason.code,
      );
    const decisions = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM decisions WHERE report_id = $1',
      [report.id],
    );
    expect(decisions[0]!.n).toBe(1);
    const [row] = await db.query<{ status: string }>('SELECT status FROM reports WHERE id = $1', [
      report.id,
    ]);
    expect(row!.status).toBe('decided');
  });

  it('stores the appeal token only as a hash', async () => {
    const { report } = await intake.submit(prepared());
    await claimReport({ sequencer, pseudonymKey: key }, decider, report.id);
    const recorded = await recordDecision({ sequencer, pseudonymKey: key }, decider, report.id, {
      ...DECISION_EXAMPLE,
      escalateThreatToLife: false,
    });
    const token = recorded.statement.x_appeal.token!;
    expect(token).toMatch(/^cwa_/);
    const dump = JSON.stringify(
      await db.query(
        'SELECT d.*, s.body AS statement FROM decisions d JOIN statements s ON s.decision_id = d.id',
      ),
    );
    expect(dump).not.toContain(token);
    const logDump = (await db.query<{ data: Uint8Array }>('SELECT data FROM log_entries'))
      .map((r) => Buffer.from(r.data).toString())
      .join('\n');
    expect(logDump).not.toContain(token);
  });
});
