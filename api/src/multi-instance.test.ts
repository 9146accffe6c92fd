import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKey, openCheckpoint } from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from './auth/tokens';
import { verifyLogCli } from './cli/verify-log';
import type { Db } from './db/db';
import { REPORT_EXAMPLE } from './routes/examples';
import { launchInstance, startInstance, type Instance } from './testing/instances';
import { openTestDb, requirePostgresOrWarn } from './testing/test-db';

requirePostgresOrWarn('multi-instance test');

const ORIGIN = 'multi.test/log';
const PORTS = [42450, 42451] as const;
const LEASE_MS = 1500;

/** Tallies the answers of a load and the reports it got acknowledged. */
class Load {
  readonly acknowledged = new Map<string, string>(); // report id → case number
  readonly statuses = new Map<number, number>();
  readonly firstErrors: string[] = [];
  /** Requests that got no answer at all (the instance was killed). */
  dropped = 0;
  #running = true;
  #clients: Promise<void>[] = [];

  constructor(
    targets: { instance: Instance; clients: number }[],
    private readonly token: string,
  ) {
    for (const { instance, clients } of targets)
      for (let i = 0; i < clients; i++) this.#clients.push(this.#client(instance));
  }

  async #post(instance: Instance, key: string): Promise<Response | null> {
    return fetch(`${instance.url}/v1/reports`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(REPORT_EXAMPLE),
    }).catch(() => null);
  }

  async #client(instance: Instance): Promise<void> {
    while (this.#running) {
      const key = randomUUID();
      const res = await this.#post(instance, key);
      if (!res) {
        this.dropped++;
        return; // the instance is gone: this client stops, as a load balancer would drop it
      }
      this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
      if (res.status !== 201) {
        if (this.firstErrors.length < 5) this.firstErrors.push(`${res.status} ${await res.text()}`);
        continue;
      }
      const report = (await res.json()) as { id: string; caseNumber: string };
      this.acknowledged.set(report.id, report.caseNumber);
    }
  }

  /** Answers of 500 and above. */
  get serverErrors(): number {
    return [...this.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  }

  describe(): string {
    return `answers ${JSON.stringify([...this.statuses])}, dropped ${this.dropped}\n${this.firstErrors.join('\n')}`;
  }

  /** Waits until at least `count` reports are acknowledged (and `minMs` passed), at most 40 s. */
  async until(count: number, minMs = 0): Promise<void> {
    const started = Date.now();
    while (this.acknowledged.size < count || Date.now() - started < minMs) {
      if (Date.now() - started > 40_000) throw new Error(`load too slow: ${this.describe()}`);
      await sleep(20);
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#clients);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function health(instance: Instance) {
  return (await (await fetch(`${instance.url}/health`)).json()) as {
    logSize: number;
    checkpointSize: number;
    integrating: boolean;
  };
}

async function checkpointOf(instance: Instance): Promise<string> {
  return (await fetch(`${instance.url}/v1/log/checkpoint`)).text();
}

/** Runs `pnpm verify-log URL --key KEY` (the CLI's function) and returns its exit code and lines. */
async function verifyLog(
  instance: Instance,
  key: string,
  peer?: Instance,
): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const argv = [instance.url, '--key', key, ...(peer ? ['--peer', peer.url] : [])];
  const code = await verifyLogCli(argv, {
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
  });
  return { code, out: lines.join('\n') };
}

/** Waits until every instance serves one and the same checkpoint of the whole committed log. */
async function sameCheckpoint(db: Db, instances: Instance[], key: string, withinMs: number) {
  const started = Date.now();
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM log_entries')) as [
    { n: number },
  ];
  for (;;) {
    const notes = await Promise.all(instances.map(checkpointOf));
    const sizes = await Promise.all(
      notes.map(async (note) => (await openCheckpoint(note, key)).size),
    );
    if (notes.every((note) => note === notes[0]) && sizes[0] === n) return Date.now() - started;
    if (Date.now() - started > withinMs)
      throw new Error(`after ${withinMs} ms the instances serve sizes ${sizes.join(', ')} of ${n}`);
    await sleep(25);
  }
}

/** Every acknowledged report is stored once with its case number; case numbers are 1…n. */
async function checkStore(db: Db, acknowledged: Map<string, string>): Promise<number> {
  const rows = await db.query<{ id: string; case_seq: string; case_number: string }>(
    'SELECT id::text AS id, case_seq::text AS case_seq, case_number FROM reports ORDER BY reports.case_seq',
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  expect(byId.size).toBe(rows.length);
  for (const [id, caseNumber] of acknowledged)
    expect(byId.get(id)?.case_number, id).toBe(caseNumber);
  expect(rows.map((row) => Number(row.case_seq))).toEqual(rows.map((_, i) => i + 1));
  expect(new Set(rows.map((row) => row.case_number)).size).toBe(rows.length);
  const logged = await db.query<{ n: number; last: number; reports: number }>(
    `SELECT count(*)::int AS n, coalesce(max(idx), -1)::int AS last,
       count(*) FILTER (WHERE convert_from(data, 'UTF8')::jsonb->>'type' = 'report_received')::int AS reports
     FROM log_entries`,
  );
  expect(logged[0]!.n).toBe(logged[0]!.last + 1); // dense indices
  expect(logged[0]!.reports).toBe(rows.length); // one report_received entry per stored report
  return rows.length;
}

describe.each(process.env.DATABASE_URL ? ['postgres'] : [])(
  'two API instances on one %s database',
  () => {
    let db: Db;
    let url: string;
    let drop: () => Promise<void>;
    const dirs: string[] = [];
    const instances: (Instance | undefined)[] = [];
    let env: (i: number) => Record<string, string>;
    let token: string;
    let verifierKey: string;

    beforeAll(async () => {
      const opened = await openTestDb('postgres');
      ({ db, drop } = opened);
      url = opened.url!;
      const { signerKey, verifierKey: vkey } = await generateNoteKey(ORIGIN);
      verifierKey = vkey;
      const pseudonymKey = randomBytes(32).toString('hex');
      for (let i = 0; i < 2; i++) dirs.push(mkdtempSync(join(tmpdir(), `cw-multi-${i}-`)));
      // Shared: the database, the log key and the pseudonym key. Not shared: the data folder.
      env = (i) => ({
        DATABASE_URL: url,
        COUNTERWEIGHT_LOG_KEY: signerKey,
        COUNTERWEIGHT_PSEUDONYM_KEY: pseudonymKey,
        COUNTERWEIGHT_LOG_ORIGIN: ORIGIN,
        COUNTERWEIGHT_LOG_LEASE_MS: String(LEASE_MS),
        COUNTERWEIGHT_DATA_DIR: dirs[i]!,
      });
      token = (await createToken(db, 'reviewer', 'load')).token;
      // Both start at once on the fresh database.
      const started = await Promise.all([0, 1].map((i) => startInstance(env(i), PORTS[i]!)));
      instances.push(...started);
    });

    afterAll(async () => {
      for (const instance of instances) await instance?.kill();
      await drop?.();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it('take concurrent reports on both: each stored once, dense case numbers, no 5xx, one checkpoint', async () => {
      const [a, b] = instances as [Instance, Instance];
      expect([(await health(a)).integrating, (await health(b)).integrating].sort()).toEqual([
        false,
        true,
      ]);
      const load = new Load(
        [
          { instance: a, clients: 6 },
          { instance: b, clients: 6 },
        ],
        token,
      );
      await load.until(200, 1500);
      await load.stop();
      expect(load.serverErrors, load.describe()).toBe(0);
      expect(load.dropped, load.describe()).toBe(0);
      expect(load.acknowledged.size, load.describe()).toBeGreaterThan(100);
      expect(load.statuses.get(201)).toBe(load.acknowledged.size);

      // the same Idempotency-Key sent to the other instance is a replay, not a second report
      const replay = await fetch(`${b.url}/v1/reports`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': 'same-key',
        },
        body: JSON.stringify(REPORT_EXAMPLE),
      });
      const first = (await replay.json()) as { id: string; caseNumber: string };
      const again = await fetch(`${a.url}/v1/reports`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': 'same-key',
        },
        body: JSON.stringify(REPORT_EXAMPLE),
      });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { id: string }).id).toBe(first.id);
      load.acknowledged.set(first.id, first.caseNumber);

      expect(await checkStore(db, load.acknowledged)).toBe(load.acknowledged.size);
      expect(await sameCheckpoint(db, [a, b], verifierKey, 2000)).toBeLessThanOrEqual(2000);
      for (const [instance, peer] of [
        [a, b],
        [b, a],
      ] as const) {
        const result = await verifyLog(instance, verifierKey, peer);
        expect(result.code, result.out).toBe(0);
        expect(result.out).toContain(`peer ${peer.url}: checkpoint of size`);
      }
    });

    it('kill -9 of the lease holder mid-load: the other takes over, nothing acknowledged is lost, the killed one rejoins', async () => {
      const healths = await Promise.all(instances.map((i) => health(i!)));
      const holderAt = healths.findIndex((h) => h.integrating);
      expect(holderAt).toBeGreaterThanOrEqual(0);
      const holder = instances[holderAt]!;
      const other = instances[1 - holderAt]!;
      const load = new Load(
        [
          { instance: holder, clients: 6 },
          { instance: other, clients: 6 },
        ],
        token,
      );
      await load.until(60, 500);
      await holder.kill();
      const killedAt = Date.now();
      // the survivor takes the lease within about 1⅓ lease times, and publishes again
      while (!(await health(other)).integrating) {
        expect(Date.now() - killedAt).toBeLessThan(3 * LEASE_MS + 2000);
        await sleep(50);
      }
      const takeover = Date.now() - killedAt;
      const before = load.acknowledged.size;
      await load.until(before + 30); // the survivor goes on taking reports
      await load.stop();
      expect(load.serverErrors, load.describe()).toBe(0);

      const all = new Map(load.acknowledged);
      await checkStore(db, all);
      const key = verifierKey;
      await sameCheckpoint(db, [other], key, 2000);
      const survivor = await verifyLog(other, key);
      expect(survivor.code, survivor.out).toBe(0);

      // the killed instance rejoins: same checkpoint as the other, which keeps the lease
      const restarted = await startInstance(env(holderAt), PORTS[holderAt]!);
      instances[holderAt] = restarted;
      await sameCheckpoint(db, [restarted, other], key, 2000);
      expect((await health(restarted)).integrating).toBe(false);
      expect((await health(other)).integrating).toBe(true);
      const rejoined = await verifyLog(restarted, key, other);
      expect(rejoined.code, rejoined.out).toBe(0);
      expect(takeover).toBeLessThan(3 * LEASE_MS + 2000);
    });

    it('refuses to start when an entry was rewritten with its leaf hash kept, or the tail was deleted', async () => {
      for (const instance of instances) await instance?.kill();
      const [{ n }] = (await db.query<{ n: number }>(
        'SELECT max(size)::int AS n FROM log_checkpoints',
      )) as [{ n: number }];
      // A superuser bypasses the append-only triggers for the session.
      const victim = Math.floor(n / 2);
      await db.transaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        await tx.query(
          `UPDATE log_entries SET data = convert_to(replace(convert_from(data, 'UTF8'), '"v":1', '"v":2'), 'UTF8')
           WHERE idx = $1`,
          [victim],
        );
      });
      const tampered = launchInstance(env(0), PORTS[0]);
      expect(await tampered.exited).toBe(1);
      expect(tampered.output()).toContain('Refusing to start');
      expect(tampered.output()).toContain(`log entry ${victim} was altered`);

      // put the bytes back, then lose the tail the last checkpoint covers
      await db.transaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        await tx.query(
          `UPDATE log_entries SET data = convert_to(replace(convert_from(data, 'UTF8'), '"v":2', '"v":1'), 'UTF8')
           WHERE idx = $1`,
          [victim],
        );
        await tx.query('DELETE FROM log_entries WHERE idx >= $1', [n - 3]);
      });
      const truncated = launchInstance(env(1), PORTS[1]);
      expect(await truncated.exited).toBe(1);
      expect(truncated.output()).toContain('Refusing to start');
      expect(truncated.output()).toMatch(
        new RegExp(`the log holds ${n - 3} entries but its last checkpoint covers ${n}`),
      );
    });
  },
);

if (!process.env.DATABASE_URL)
  it('needs PostgreSQL (DATABASE_URL) for the two-instance test', () => {
    expect(process.env.CI).not.toBe('true');
  });
