/**
 * Report intake benchmark (`pnpm --filter @counterweight/api bench`): the real server in a child
 * process, autocannon on loopback in this one. For each store (PGlite always; PostgreSQL when
 * DATABASE_URL is set, in a fresh database) it measures the most acknowledged reports per second,
 * then the latency at half the 3,000/s target, then stops the server and counts the stored rows
 * against the acknowledgements. Results go to BENCHMARKS.md under "## API report intake".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { openPglite } from '../src/db/pglite';
import { REPORT_EXAMPLE } from '../src/routes/examples';
import { openLoop } from './open-loop';
import { startServer } from './server';

const TARGET = 3000;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
/** The most acknowledged reports per second is the best of these client counts. */
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '32,64,128').split(',').map(Number);
const BENCHMARKS = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

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

function load(
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

async function benchStore(store: 'pglite' | 'postgres', port: number): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cw-bench-'));
  let dbName: string | undefined;
  const env: Record<string, string> = { COUNTERWEIGHT_DATA_DIR: dataDir };
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
  const server = await startServer(port, env);
  let acknowledged = 0;
  let errors = 0;
  const count = (r: autocannon.Result) => {
    acknowledged += r['2xx'];
    errors += r.non2xx + r.errors + r.timeouts;
    return r;
  };
  try {
    count(await load(server.url, server.reviewerToken, { duration: 3, connections: 32 }));
    let max: autocannon.Result | undefined;
    let maxConnections = 0;
    for (const connections of CONNECTIONS) {
      const run = count(
        await load(server.url, server.reviewerToken, { duration: DURATION, connections }),
      );
      if (!max || run['2xx'] > max['2xx']) [max, maxConnections] = [run, connections];
    }
    if (!max) throw new Error('no load run');
    const half = await openLoop({
      origin: server.url,
      path: '/v1/reports',
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.reviewerToken}`,
        'content-type': 'application/json',
      },
      body,
      rate: TARGET / 2,
      durationS: DURATION,
      warmupS: 2,
      connections: 64,
    });
    acknowledged += half.ok;
    errors += half.notOk + half.errors;
    const burst = count(
      await load(server.url, server.reviewerToken, {
        duration: DURATION,
        connections: 32,
        overallRate: TARGET / 2,
      }),
    );
    await server.stop();
    let stored: number;
    if (store === 'pglite') {
      const db = await openPglite(join(dataDir, 'pglite'));
      stored = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports'))[0]!.n;
      await db.close();
    } else {
      const sql = postgres(env.DATABASE_URL!, { max: 1 });
      stored = (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reports`)[0]!.n;
      await sql.end();
    }
    return {
      store,
      maxRps: max['2xx'] / DURATION,
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
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

const loadBefore = loadavg()[0]!;

function section(rows: Figures[], skippedPostgres: boolean): string {
  const date = new Date().toISOString().slice(0, 10);
  const ok = (cond: boolean) => (cond ? 'yes' : '**NO**');
  const lines = [
    '## API report intake',
    '',
    `Machine: 2-core Node 20 sandbox (shared with other jobs). Date: ${date}. Command: \`pnpm --filter @counterweight/api bench\`.`,
    `Real server (\`src/index.ts\`) in a child process, autocannon on loopback in another; \`POST /v1/reports\` with the OpenAPI example body (${body.length} bytes).`,
    `Max: the best of ${CONNECTIONS.join(', ')} connections, ${DURATION} s each (autocannon, closed loop). Half rate: ${TARGET / 2} requests/s offered evenly spaced for ${DURATION} s after 2 s at that rate not counted (\`bench/open-loop.ts\`, up to 64 keep-alive connections), each latency counted from when the request was due, so stalls count in full.`,
    `"autocannon -R" is autocannon's \`overallRate\` at the same rate over 32 connections, shown for comparison with earlier figures: it sends each second's quota in a burst at the start of the second, and corrects for coordinated omission as if requests were due every millisecond, so its tail is a burst's, not a steady rate's.`,
    '"Stored" counts the rows after the server stopped; every acknowledged (2xx) report must be there (it is higher by the uncounted warm-up requests and those still in flight when counting stopped).',
    `Load average (1 min) before / after the run: ${loadBefore.toFixed(1)} / ${loadavg()[0]!.toFixed(1)} on 2 cores: other jobs were running; figures taken under load understate the server.`,
    'PGlite runs in a worker thread of the server (`src/db/pglite-worker.ts`), so the database has its own core; PGlite runs with `fsync=off` (its build default): an acknowledged report survives a crash of the process (tested by `src/log/crash.test.ts`), not a power cut.',
    '',
    '| store | max acknowledged reports/s (connections) | p50 / p99 at max (ms) | ≥ 3,000/s | reports/s at half rate | p50 / p99 / p99.9 at half rate (ms) | p99 < 25 ms | autocannon -R p50 / p99 (ms) | acknowledged | stored | errors |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.store} | ${Math.round(r.maxRps)} (${r.maxConnections}) | ${r.maxP50} / ${r.maxP99} | ${ok(r.maxRps >= TARGET)} | ${Math.round(r.halfRps)} | ${r.halfP50} / ${r.halfP99} / ${r.halfP999} | ${ok(r.halfP99 < 25)} | ${r.burstP50} / ${r.burstP99} | ${r.acknowledged} | ${r.stored} | ${r.errors} |`,
    ),
  ];
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

/** `BENCH_STORES=pglite` or `=postgres` measures one store only (A/B runs while tuning). */
const only = process.env.BENCH_STORES?.split(',');
const stores = (
  process.env.DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const)
).filter((store) => !only || only.includes(store));
if (!process.env.DATABASE_URL)
  console.warn('*** DATABASE_URL is not set: PostgreSQL is NOT measured ***');
const rows: Figures[] = [];
for (const [i, store] of stores.entries()) {
  console.log(`benchmarking report intake on ${store}…`);
  const figures = await benchStore(store, Number(process.env.BENCH_PORT ?? 4150) + i);
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
