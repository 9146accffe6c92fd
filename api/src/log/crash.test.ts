import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fromBase64,
  hashLeaf,
  openCheckpoint,
  rootHash,
  toBase64,
  verifyConsistency,
  type Checkpoint,
} from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { REPORT_EXAMPLE } from '../routes/examples';
import { openTestDb, requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';

requirePostgresOrWarn('log crash test');

const API_DIR = join(import.meta.dirname, '..', '..');
const PORTS = { pglite: 42410, postgres: 42411 };

interface Server {
  child: ChildProcess;
  url: string;
  stdout: () => string;
}

/** Starts the real API (`src/index.ts`) as a child process and waits until it listens. */
async function startServer(env: Record<string, string>, port: number): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: API_DIR,
    env: {
      ...withoutDatabaseUrl(process.env),
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      // The start-up lines are printed together; first tokens come right after the listening line.
      if (out.includes('Counterweight API listening')) {
        clearTimeout(timer);
        setTimeout(resolve, 300);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, stdout: () => out };
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _, ...rest } = env;
  return rest;
}

async function allEntries(
  url: string,
  size: number,
): Promise<{ data: Uint8Array; entry: { type: string; reportId: string | null } }[]> {
  const out = [];
  for (let start = 0; start < size; start += 1000) {
    const res = await fetch(
      `${url}/v1/log/entries?start=${start}&end=${Math.min(size, start + 1000)}`,
    );
    const body = (await res.json()) as {
      entries: { data: string; entry: { type: string; reportId: string | null } }[];
    };
    out.push(...body.entries.map((e) => ({ data: fromBase64(e.data), entry: e.entry })));
  }
  return out;
}

describe.each(storesUnderTest())('SIGKILL in the middle of a stream of reports (%s)', (kind) => {
  it('keeps every acknowledged report and entry, and the log verifies against every earlier checkpoint', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cw-crash-'));
    const env: Record<string, string> = {
      COUNTERWEIGHT_DATA_DIR: dataDir,
      COUNTERWEIGHT_LOG_ORIGIN: 'crash.test/log',
    };
    let dropDb: (() => Promise<void>) | undefined;
    if (kind === 'postgres') {
      const { db, url, drop } = await openTestDb('postgres');
      await db.query('SELECT 1');
      env.DATABASE_URL = url!;
      dropDb = drop;
    }
    let server: Server | undefined;
    try {
      server = await startServer(env, PORTS[kind]);
      const token = /First reviewer token \(shown once, keep it safe\): (\S+)/.exec(
        server.stdout(),
      )?.[1];
      expect(token, server.stdout()).toBeDefined();
      const verifierKey = (await (await fetch(`${server.url}/v1/log/key`)).text()).trim();

      // Stream reports with 8 clients while collecting every checkpoint the server publishes.
      const acknowledged: string[] = [];
      const checkpoints = new Map<number, Checkpoint>();
      const statuses = new Map<number, number>();
      const firstErrors: string[] = [];
      let streaming = true;
      const client = async () => {
        while (streaming) {
          const res = await fetch(`${server!.url}/v1/reports`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(REPORT_EXAMPLE),
          }).catch(() => null);
          if (!res) return; // the server is gone
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
          else if (statuses.get(res.status) === 1) firstErrors.push(await res.text());
        }
      };
      const watcher = async () => {
        while (streaming) {
          const note = await fetch(`${server!.url}/v1/log/checkpoint`)
            .then((r) => r.text())
            .catch(() => null);
          if (note === null) return;
          const cp = await openCheckpoint(note, verifierKey);
          checkpoints.set(cp.size, cp);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      };
      const clients = [...Array.from({ length: 8 }, client), watcher()];
      const deadline = Date.now() + 90_000;
      while (acknowledged.length < 300 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(
        acknowledged.length,
        `answers ${JSON.stringify([...statuses])} ${firstErrors.join('\n')}`,
      ).toBeGreaterThanOrEqual(300);
      server.child.kill('SIGKILL');
      streaming = false;
      await Promise.all(clients);
      const dead = server.child;
      if (dead.exitCode === null && dead.signalCode === null)
        await new Promise((resolve) => dead.once('exit', resolve));
      expect(checkpoints.size).toBeGreaterThan(2);

      server = await startServer(env, PORTS[kind]);
      expect((await (await fetch(`${server.url}/v1/log/key`)).text()).trim()).toBe(verifierKey);
      // On PostgreSQL the killed process's integration lease must expire first (5 s by default)
      // before the restarted one signs a checkpoint covering the entries committed since the last.
      for (const deadline = Date.now() + 20_000; ;) {
        const health = (await (await fetch(`${server.url}/health`)).json()) as {
          logSize: number;
          checkpointSize: number;
        };
        if (health.checkpointSize === health.logSize) break;
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const now = await openCheckpoint(
        await (await fetch(`${server.url}/v1/log/checkpoint`)).text(),
        verifierKey,
      );

      // Every acknowledged report is stored, and has its report_received entry in the log.
      for (const id of acknowledged) {
        const res = await fetch(`${server.url}/v1/reports/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status, id).toBe(200);
      }
      const entries = await allEntries(server.url, now.size);
      const logged = new Set(
        entries.filter((e) => e.entry.type === 'report_received').map((e) => e.entry.reportId),
      );
      for (const id of acknowledged) expect(logged.has(id), id).toBe(true);

      // The entries recompute to the new checkpoint, and every checkpoint seen before the crash is
      // a prefix of it: by recomputation and by the server's consistency proofs.
      const leaves = await Promise.all(entries.map((e) => hashLeaf(e.data)));
      expect(toBase64(await rootHash(leaves))).toBe(toBase64(now.rootHash));
      for (const cp of checkpoints.values()) {
        expect(now.size).toBeGreaterThanOrEqual(cp.size);
        expect(toBase64(await rootHash(leaves.slice(0, cp.size)))).toBe(toBase64(cp.rootHash));
        const proof = (await (
          await fetch(`${server.url}/v1/log/proof/consistency?from=${cp.size}&to=${now.size}`)
        ).json()) as { hashes: string[] };
        await verifyConsistency(
          cp.size,
          now.size,
          proof.hashes.map(fromBase64),
          cp.rootHash,
          now.rootHash,
        );
      }
    } finally {
      server?.child.kill('SIGKILL');
      await dropDb?.();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
