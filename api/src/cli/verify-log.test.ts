import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { generateNoteKey } from '@counterweight/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLogEntry } from '../log/sequence';
import { testLogEntry } from '../log/test-log-entry';
import { createTestApp, type TestApp } from '../testing/test-app';
import { verifyLogCli } from './verify-log';
import type { VerifyLogMode } from './verify-log-modes';

const PORT = 42310;
let proxyPort = 42311; // one port per proxy: no waiting for a closed one to be released

let t: TestApp;
let server: ServerType;
let dir: string;
const url = `http://127.0.0.1:${PORT}`;

async function append(from: number, count: number): Promise<void> {
  await t.deps.sequencer.write(async (_tx, add) => {
    for (let i = 0; i < count; i++) add(testLogEntry(from + i));
  });
  await t.deps.log.waitForCheckpoint(from + count);
}

async function run(argv: string[], modes?: VerifyLogMode[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await verifyLogCli(
    argv,
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    modes,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A man in the middle between the CLI and the server that rewrites `/v1/log/entries` pages. */
async function withProxy<T>(
  rewrite: (body: any) => void,
  fn: (proxyUrl: string) => Promise<T>,
): Promise<T> {
  const proxy: Server = createServer(async (req, res) => {
    const upstream = await fetch(`${url}${req.url}`);
    let body = Buffer.from(await upstream.arrayBuffer());
    if (req.url?.startsWith('/v1/log/entries') && upstream.ok) {
      const json = JSON.parse(body.toString('utf8'));
      rewrite(json);
      body = Buffer.from(JSON.stringify(json));
    }
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'text/plain',
    });
    res.end(body);
  });
  const port = proxyPort++;
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(port, '127.0.0.1', resolve);
  });
  try {
    return await fn(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
  } finally {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cw-verify-log-'));
  t = await createTestApp('pglite');
  server = serve({ fetch: t.app.fetch, port: PORT, hostname: '127.0.0.1' });
  await append(0, 2345); // three pages of entries
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.deps.log.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('verify-log against a live server', () => {
  it('verifies the log with the pinned key, records the checkpoint, then checks consistency with it', async () => {
    const state = join(dir, 'state.json');
    const first = await run([url, '--key', t.deps.log.verifierKey, '--state', state]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('entries: all 2345 fetched and recomputed to the signed root');
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({
      size: 2345,
      verifierKey: t.deps.log.verifierKey,
    });

    await append(2345, 10);
    const second = await run([url, '--state', state]); // the key pinned in the state file is used
    expect(second.code).toBe(0);
    expect(second.out).toContain('consistency: the log extends the checkpoint of size 2345');
    expect(JSON.parse(readFileSync(state, 'utf8')).size).toBe(2355);
  });

  it('without --key trusts the server’s key on first use and says so', async () => {
    const result = await run([url]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /WARNING: no --key given: trusting the key the server serves on first use/,
    );
  });

  it('fails on a checkpoint signed by another key', async () => {
    const other = await generateNoteKey(t.deps.log.verifierKey.split('+')[0]!);
    const result = await run([url, '--key', other.verifierKey]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/FAILED: the checkpoint does not verify/);
  });

  it('fails when a proxy alters one entry (bytes and decoding alike)', async () => {
    const result = await withProxy(
      (page) => {
        const e = page.entries.find((x: { index: number }) => x.index === 1500);
        if (!e) return;
        const forged = { ...testLogEntry(1500), caseNumber: 'CW-FORGED' };
        e.entry = forged;
        e.data = encodeLogEntry(forged).toString('base64');
      },
      (proxyUrl) => run([proxyUrl, '--key', t.deps.log.verifierKey]),
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /FAILED: the \d+ entries served recompute to root .* but the signed checkpoint says/,
    );
  });

  it('fails when the decoded entry shown differs from the hashed bytes', async () => {
    const result = await withProxy(
      (page) => {
        if (page.entries[0]) page.entries[0].entry.caseNumber = 'CW-SHOWN-ONLY';
      },
      (proxyUrl) => run([proxyUrl, '--key', t.deps.log.verifierKey]),
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/differs from the bytes it hashed/);
  });

  it('fails when an entry is dropped from a page', async () => {
    const result = await withProxy(
      (page) => page.entries.splice(3, 1),
      (proxyUrl) => run([proxyUrl, '--key', t.deps.log.verifierKey]),
    );
    expect(result.code).toBe(1);
  });

  it('fails when the history no longer matches the checkpoint in the state file', async () => {
    const state = join(dir, 'rewritten.json');
    expect((await run([url, '--state', state])).code).toBe(0);
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    writeFileSync(
      state,
      JSON.stringify({
        ...saved,
        size: 100,
        rootHash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      }),
    );
    const result = await run([url, '--state', state]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/FAILED: history rewritten: the first 100 entries now give root/);
    writeFileSync(state, JSON.stringify({ ...saved, size: saved.size + 1000 }));
    expect((await run([url, '--state', state])).err).toMatch(/FAILED: the log shrank/);
  });

  it('runs extra modes such as --report FROM TO on the verified entries', async () => {
    const seen: { args: string[]; count: number }[] = [];
    const mode: VerifyLogMode = {
      flag: '--report',
      arity: 2,
      usage: '--report FROM TO',
      async run(input) {
        seen.push({ args: input.args, count: input.entries.length });
        return { ok: input.args[0] === '2026-01-01', lines: ['report checked'] };
      },
    };
    const ok = await run([url, '--report', '2026-01-01', '2026-02-01'], [mode]);
    expect(ok.code).toBe(0);
    expect(seen[0]!.args).toEqual(['2026-01-01', '2026-02-01']);
    expect(seen[0]!.count).toBe(t.deps.log.size);
    expect((await run([url, '--report', '2025-01-01', '2026-02-01'], [mode])).code).toBe(1);
    expect((await run([url, '--report', '2026-01-01'], [mode])).code).toBe(2);
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['not a url'])).code).toBe(2);
    expect((await run([url, '--key'])).code).toBe(2);
    expect((await run([url, '--bogus'])).code).toBe(2);
    const unreachable = await run(['http://127.0.0.1:42399']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.err).toMatch(
      /ERROR: cannot reach http:\/\/127\.0\.0\.1:42399 \(ECONNREFUSED\)/,
    );
  });

  it('as a real process: exit 0 on the honest server, 1 behind a tampering proxy', async () => {
    const exec = promisify(execFile);
    const cli = join(import.meta.dirname, 'verify-log.ts');
    const tsx = ['--import', 'tsx', cli];
    const ok = await exec(process.execPath, [...tsx, url, '--key', t.deps.log.verifierKey]);
    expect(ok.stdout).toMatch(/^OK: the log at .* verifies at tree size \d+$/m);
    const failed = await withProxy(
      (page) => {
        const e = page.entries[7];
        if (!e) return;
        e.entry.caseNumber = 'X';
        e.data = encodeLogEntry(e.entry).toString('base64');
      },
      (proxyUrl) =>
        exec(process.execPath, [...tsx, proxyUrl, '--key', t.deps.log.verifierKey]).catch(
          (error) => error,
        ),
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^FAILED: /m);
  }, 60_000);
});
