import { randomBytes } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import { generateNoteKey } from '@counterweight/shared';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import type { AppDeps } from '../app-env';
import { createDeps } from '../deps';
import { testLogEntry } from '../log/test-log-entry';
import { openTestDb } from '../testing/test-db';
import { verifyLogCli } from './verify-log';

const ORIGIN = 'peer.test/log';
const PORTS = [42340, 42341, 42342, 42343];

interface Running {
  deps: AppDeps;
  server: ServerType;
  url: string;
  close: () => Promise<void>;
}

/** An API on its own in-memory database, signing with `signerKey`, serving `entries` entries. */
async function running(port: number, signerKey: string, from: number, count: number) {
  const { db, drop } = await openTestDb('pglite');
  const deps = await createDeps(db, {
    pseudonymKey: randomBytes(32),
    logger: pino({ level: 'silent' }),
    log: { signerKey, origin: ORIGIN },
  });
  await deps.sequencer.write(async (_tx, add) => {
    for (let i = 0; i < count; i++) add(testLogEntry(from + i));
  });
  await deps.log.waitForCheckpoint(count);
  const server = serve({ fetch: createApp(deps).fetch, port, hostname: '127.0.0.1' });
  return {
    deps,
    server,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.close();
      await deps.log.close();
      await drop();
    },
  } satisfies Running;
}

async function run(argv: string[]) {
  const lines: string[] = [];
  const code = await verifyLogCli(argv, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

describe('verify-log --peer', () => {
  let key: { signerKey: string; verifierKey: string };
  const apps: Running[] = [];

  beforeAll(async () => {
    key = await generateNoteKey(ORIGIN);
    // a: 30 entries; b: the same first 20 (a peer that lags); c: a fork with the same key
    apps.push(await running(PORTS[0]!, key.signerKey, 0, 30));
    apps.push(await running(PORTS[1]!, key.signerKey, 0, 20));
    apps.push(await running(PORTS[2]!, key.signerKey, 100, 25));
  }, 120_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('passes for a peer serving the same log, behind or ahead', async () => {
    const [a, b] = apps as [Running, Running];
    const behind = await run([a.url, '--key', key.verifierKey, '--peer', b.url]);
    expect(behind.code, behind.out).toBe(0);
    expect(behind.out).toContain(`peer ${b.url}: checkpoint of size 20, consistent with size 30`);
    const ahead = await run([b.url, '--key', key.verifierKey, '--peer', a.url]);
    expect(ahead.code, ahead.out).toBe(0);
    expect(ahead.out).toContain('checkpoint of size 30, consistent with size 20');
  });

  it('fails naming the peer when it serves another log under the same key', async () => {
    const [a, , c] = apps as [Running, Running, Running];
    const forked = await run([a.url, '--key', key.verifierKey, '--peer', c.url]);
    expect(forked.code).toBe(1);
    expect(forked.out).toContain(`MISMATCH: ${c.url} signed root`);
    expect(forked.out).toContain('the two instances serve different logs');
    const ahead = await run([c.url, '--key', key.verifierKey, '--peer', a.url]);
    expect(ahead.code).toBe(1);
    expect(ahead.out).toContain('cannot prove it extends the verified size 25');
  });

  it('fails when the peer signs with another key', async () => {
    const other = await generateNoteKey(ORIGIN);
    const d = await running(PORTS[3]!, other.signerKey, 0, 30);
    apps.push(d);
    const result = await run([apps[0]!.url, '--key', key.verifierKey, '--peer', d.url]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`the checkpoint of ${d.url} does not verify with`);
  });
});
