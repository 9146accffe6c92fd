/**
 * Report intake benchmark (`pnpm --filter @counterweight/api bench`): the real server in a child
 * process, autocannon on loopback in this one. For each store (PGlite always; PostgreSQL when
 * DATABASE_URL is set, in a fresh database, with one instance and with two instances sharing the
 * database and keys, the load split between them) it measures the most acknowledged reports per
 * second, then the latency at half the 3,000/s target, then stops the servers and counts the
 * stored rows against the acknowledgements. Results go to BENCHMARKS.md under "## API report
 * intake".
 */
import { randomBytes } from 'node:crypto';
import { generateNoteKey } from '@counterweight/shared';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { openPglite } from '../src/db/pglite';
import { REPORT_EXAMPLE } from '../src/routes/examples';
import { openLoop } from './open-loop';
import { startServer, type RunningServer } from './server';

const TARGET = 3000;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
/** The most acknowledged reports per second is the best of these client counts. */
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '32,64,128').split(',').map(Number);
const BENCHMARKS = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

/** What is measured: a store, and on PostgreSQL how many instances share it. */
type Setup = 'pglite' | 'postgres' | 'postgres-2';
const SETUPS: Record<Setup, { store: 'pglite' | 'postgres'; instances: number; label: string }> = {
  pglite: { store: 'pglite', instances: 1, label: 'pglite' },
  postgres: { store: 'postgres', instances: 1, label: 'postgres, 1 instance' },
  'postgres-2': {
    store: 'postgres',
    instances: 2,
    label: 'postgres, 2 instances (load split)',
  },
};

interface Figures {
  store: string;
  maxRps: number;
  maxConnections: number;
  maxP50: number;
  maxP99: number;
  halfRate: number;
  halfRps: number;
  halfP50: number;
  halfP99: number;
  halfP999: number;
  /** autocannon's `overallRate` at the same rate: bursts at the start of each second. */
  burstP50: number;
  burstP99: number;
  acknowledged: number;
  stored: number;
  errors: number;
}

const body = JSON.stringify({
  ...REPORT_EXAMPLE,
  assessment: { ...REPORT_EXAMPLE.assessment, threatToLife: false },
});

function loadOne(
  url: string,
  token: string,
  options: { duration: number; connections: number; overallRate?: number },
) {
  return autocannon({
    url: `${url}/v1/reports`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
    ...options,
  });
}

/** What a closed-loop run over one or more servers gave: answers, and the worst latencies. */
interface LoadResult {
  ok: number;
  notOk: number;
  latency: { p50: number; p99: number };
}

/**
 * Closed-loop load on every server at once, the connections (and an `overallRate`) split evenly
 * between them; 2xx answers summed, latencies the worse of the servers'.
 */
async function load(
  servers: RunningServer[],
  token: string,
  options: { duration: number; connections: number; overallRate?: number },
): Promise<LoadResult> {
  const runs = await Promise.all(
    servers.map((server) =>
      loadOne(server.url, token, {
        ...options,
        connections: Math.round(options.connections / servers.length),
        ...(options.overallRate ? { overallRate: options.overallRate / servers.length } : {}),
      }),
    ),
  );
  return {
    ok: runs.reduce((n, r) => n + r['2xx'], 0),
    notOk: runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
    latency: {
      p50: Math.max(...runs.map((r) => r.latency.p50)),
      p99: Math.max(...runs.map((r) => r.latency.p99)),
    },
  };
}

async function benchSetup(setup: Setup, port: number): Promise<Figures> {
  const { store, instances, label } = SETUPS[setup];
  const dataDirs = Array.from({ length: instances }, () =>
    mkdtempSync(join(tmpdir(), 'cw-bench-')),
  );
  let dbName: string | undefined;
  // Shared by every instance: the database, the log key and the pseudonym key.
  const env: Record<string, string> = {
    COUNTERWEIGHT_LOG_KEY: (await generateNoteKey('bench.counterweight/log')).signerKey,
    COUNTERWEIGHT_LOG_ORIGIN: 'bench.counterweight/log',
    COUNTERWEIGHT_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
  };
  const adminUrl = process.env.DATABASE_URL;
  if (store === 'postgres') {
    dbName = `cw_bench_${Date.now()}`;
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  } else env.DATABASE_URL = '';
  const servers: RunningServer[] = [];
  const stopAll = () => Promise.all(servers.map((server) => server.stop()));
  let acknowledged = 0;
  let errors = 0;
  const count = (r: LoadResult) => {
    acknowledged += r.ok;
    errors += r.notOk;
    return r;
  };
  try {
    // the first prints the first tokens; the others start on the same database
    for (let i = 0; i < instances; i++)
      servers.push(
        await startServer(port + 10 * i, { ...env, COUNTERWEIGHT_DATA_DIR: dataDirs[i]! }, i === 0),
      );
    const token = servers[0]!.reviewerToken;
    count(await load(servers, token, { duration: 3, connections: 32 }));
    let max: LoadResult | undefined;
    let maxConnections = 0;
    for (const connections of CONNECTIONS) {
      const run = count(await load(servers, token, { duration: DURATION, connections }));
      if (!max || run.ok > max.ok) [max, maxConnections] = [run, connections];
    }
    if (!max) throw new Error('no load run');
    const half = await openLoop({
      origin: servers.map((server) => server.url),
      path: '/v1/reports',
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
      rate: TARGET / 2,
      durationS: DURATION,
      warmupS: 2,
      connections: 64,
    });
    acknowledged += half.ok;
    errors += half.notOk + half.errors;
    const burst = count(
      await load(servers, token, {
        duration: DURATION,
        connections: 32,
        overallRate: TARGET / 2,
      }),
    );
    await stopAll();
    let stored: number;
    if (store === 'pglite') {
      const db = await openPglite(join(dataDirs[0]!, 'pglite'));
      stored = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports'))[0]!.n;
      await db.close();
    } else {
      const sql = postgres(env.DATABASE_URL!, { max: 1 });
      stored = (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reports`)[0]!.n;
      const [dense] = await sql<{ ok: boolean }[]>`
        SELECT count(*) = coalesce(max(case_seq), 0) AND count(*) = count(DISTINCT case_seq) AS ok
        FROM reports`;
      await sql.end();
      if (!dense!.ok) throw new Error('case numbers are not dense and unique');
    }
    return {
      store: label,
      maxRps: max.ok / DURATION,
      maxConnections,
      maxP50: max.latency.p50,
      maxP99: max.latency.p99,
      halfRate: TARGET / 2,
      halfRps: half.okRate,
      halfP50: half.latency.p50,
      halfP99: half.latency.p99,
      halfP999: half.latency.p999,
      burstP50: burst.latency.p50,
      burstP99: burst.latency.p99,
      acknowledged,
      stored,
      errors,
    };
  } finally {
    await stopAll();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    if (dbName) {
      const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

const loadBefore = loadavg()[0]!;
const uptimeBefore = uptime();

/** The `uptime` line (load averages over 1, 5 and 15 minutes), or the 1-minute figure. */
function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`;
  }
}

/** PostgreSQL single-instance figure before sequencing moved into the database (2026-11-22). */
const POSTGRES_BEFORE = 4147;

function section(rows: Figures[], skippedPostgres: boolean): string {
  const date = new Date().toISOString().slice(0, 10);
  const ok = (cond: boolean) => (cond ? 'yes' : '**NO**');
  const lines = [
    '## API report intake',
    '',
    `Machine: ${availableParallelism()}-core Node ${process.versions.node.split('.')[0]} sandbox (shared with other jobs). Date: ${date}. Command: \`pnpm --filter @counterweight/api bench\`.`,
    `Real server (\`src/index.ts\`) in a child process, autocannon on loopback in another; \`POST /v1/reports\` with the OpenAPI example body (${body.length} bytes).`,
    `Max: the best of ${CONNECTIONS.join(', ')} connections, ${DURATION} s each (autocannon, closed loop). Half rate: ${TARGET / 2} requests/s offered evenly spaced for ${DURATION} s after 2 s at that rate not counted (\`bench/open-loop.ts\`, up to 64 keep-alive connections), each latency counted from when the request was due, so stalls count in full.`,
    `"autocannon -R" is autocannon's \`overallRate\` at the same rate over 32 connections, shown for comparison with earlier figures: it sends each second's quota in a burst at the start of the second, and corrects for coordinated omission as if requests were due every millisecond, so its tail is a burst's, not a steady rate's.`,
    '"Stored" counts the rows after the server stopped; every acknowledged (2xx) report must be there (it is higher by the uncounted warm-up requests and those still in flight when counting stopped).',
    `Load average (1 min) before / after the run: ${loadBefore.toFixed(1)} / ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores: other jobs were running; figures taken under load understate the server. \`uptime\` before: \`${uptimeBefore}\`; after: \`${uptime()}\`.`,
    'PostgreSQL: log indices and case numbers are assigned by the database inside each batch\'s transaction (rows of `sequence_heads` taken by the inserting statements, locked to commit), so any number of instances can write; "2 instances" are two server processes on the same database with the same log and pseudonym keys, one of them holding the integration lease (signing checkpoints). Their load is split evenly: half the closed-loop connections each (2xx summed, the worse p50 and p99 shown), the open-loop requests to each in turn (latencies over all of them). One machine: no gain is expected from a second process, only that nothing is lost.',
    'PGlite runs in a worker thread of the server (`src/db/pglite-worker.ts`), so the database has its own core; PGlite runs with `fsync=off` (its build default): an acknowledged report survives a crash of the process (tested by `src/log/crash.test.ts`), not a power cut.',
    '',
    '| store | max acknowledged reports/s (connections) | p50 / p99 at max (ms) | ≥ 3,000/s | reports/s at half rate | p50 / p99 / p99.9 at half rate (ms) | p99 < 25 ms | autocannon -R p50 / p99 (ms) | acknowledged | stored | errors |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.store} | ${Math.round(r.maxRps)} (${r.maxConnections}) | ${r.maxP50} / ${r.maxP99} | ${ok(r.maxRps >= TARGET)} | ${Math.round(r.halfRps)} | ${r.halfP50} / ${r.halfP99} / ${r.halfP999} | ${ok(r.halfP99 < 25)} | ${r.burstP50} / ${r.burstP99} | ${r.acknowledged} | ${r.stored} | ${r.errors} |`,
    ),
  ];
  const one = rows.find((r) => r.store === SETUPS.postgres.label);
  const two = rows.find((r) => r.store === SETUPS['postgres-2'].label);
  if (one)
    lines.push(
      '',
      `PostgreSQL, one instance: ${Math.round(one.maxRps)} acknowledged reports/s against ${POSTGRES_BEFORE}/s before sequencing moved into the database (at most 20 % less, ≥ ${Math.round(0.8 * POSTGRES_BEFORE)}/s): ${ok(one.maxRps >= 0.8 * POSTGRES_BEFORE)}.`,
    );
  if (one && two)
    lines.push(
      `Two instances together: ${Math.round(two.maxRps)}/s, at least the one-instance figure: ${ok(two.maxRps >= one.maxRps)}.`,
    );
  if (skippedPostgres) lines.push('', '**PostgreSQL not measured: DATABASE_URL was not set.**');
  return `${lines.join('\n')}\n`;
}

function writeSection(text: string): void {
  let doc = '';
  try {
    doc = readFileSync(BENCHMARKS, 'utf8');
  } catch {
    doc = '# Benchmarks\n';
  }
  const start = doc.indexOf('## API report intake');
  if (start === -1) doc = `${doc.trimEnd()}\n\n${text}`;
  else {
    const next = doc.indexOf('\n## ', start + 1);
    doc = `${doc.slice(0, start)}${text}${next === -1 ? '' : `\n${doc.slice(next + 1)}`}`;
  }
  writeFileSync(BENCHMARKS, doc);
}

/**
 * `BENCH_STORES=pglite`, `=postgres` (one instance) or `=postgres-2` (two instances), or a comma
 * list, measures those only (A/B runs while tuning).
 */
const only = process.env.BENCH_STORES?.split(',');
const setups = (
  process.env.DATABASE_URL ? (['pglite', 'postgres', 'postgres-2'] as const) : (['pglite'] as const)
).filter((setup) => !only || only.includes(setup));
if (!process.env.DATABASE_URL)
  console.warn('*** DATABASE_URL is not set: PostgreSQL is NOT measured ***');
const rows: Figures[] = [];
for (const [i, setup] of setups.entries()) {
  console.log(`benchmarking report intake on ${setup}…`);
  const figures = await benchSetup(setup, Number(process.env.BENCH_PORT ?? 4150) + i);
  console.log(figures);
  rows.push(figures);
}
const text = section(rows, !process.env.DATABASE_URL);
if (process.env.BENCH_WRITE !== '0') writeSection(text);
console.log(text);
const lost = rows.filter((r) => r.stored < r.acknowledged);
if (lost.length > 0) {
  console.error('acknowledged reports missing from the store!');
  process.exit(1);
}
