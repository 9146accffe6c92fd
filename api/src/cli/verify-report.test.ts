import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import type { TransparencyReport } from '@counterweight/shared';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideCases } from '../testing/decided-cases';
import { createTestApp, type TestApp } from '../testing/test-app';
import { verifyLogCli } from './verify-log';
import { verifyReport } from './verify-report';

const run = promisify(execFile);
const PORT = 44_100 + Math.floor(Math.random() * 300);

let t: TestApp;
let honest: ServerType;
let lying: ServerType;
let honestUrl: string;
let lyingUrl: string;
let key: string;
const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

const listen = (fetch: (req: Request) => Response | Promise<Response>, port: number) =>
  new Promise<ServerType>((resolve) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(server));
  });
const urlOf = (server: ServerType) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  t = await createTestApp();
  await decideCases(t, [
    { action: 'remove', appeal: { outcome: 'upheld', reasons: 'Incitement.' } },
    { action: 'no_action' },
    { action: 'label' },
  ]);
  await t.deps.log.waitForCheckpoint(t.deps.sequencer.size);
  key = t.deps.log.verifierKey;
  honest = await listen(t.app.fetch, PORT);
  honestUrl = urlOf(honest);
  // A server that serves the real log but publishes one figure wrong.
  const proxy = new Hono().all('*', async (c) => {
    const url = new URL(c.req.url);
    const res = await fetch(`${honestUrl}${url.pathname}${url.search}`);
    if (url.pathname !== '/v1/transparency/report') return res;
    const report = (await res.json()) as TransparencyReport;
    report.figures.decisions.byAction.remove = 0;
    return c.json(report);
  });
  lying = await listen(proxy.fetch, PORT + 1);
  lyingUrl = urlOf(lying);
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => lying?.close(resolve));
  await new Promise((resolve) => honest?.close(resolve));
  await t?.close();
});

describe('verify-log --report', () => {
  it('recomputes every figure from the log entries and finds they match', async () => {
    const result = await verifyReport(honestUrl, from, to, { verifierKey: key });
    expect(result.lines.join('\n')).toMatch(/OK: the transparency report matches the log/);
    expect(result.ok).toBe(true);
    expect(result.lines.some((l) => l.startsWith('warning'))).toBe(false);
  });

  it('names a figure the server published wrong', async () => {
    const result = await verifyReport(lyingUrl, from, to, { verifierKey: key });
    expect(result.ok).toBe(false);
    expect(result.lines).toContain(
      'MISMATCH: decisions.byAction.remove: report says 0, the log gives 1',
    );
  });

  it('refuses a checkpoint signed by another key', async () => {
    const other = 'other.example/log+00000000+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=';
    await expect(verifyReport(honestUrl, from, to, { verifierKey: other })).rejects.toThrow();
  });

  it('is the --report mode of verify-log: exit 0 on a match, 1 naming the mismatch', async () => {
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
    };
    const good = io();
    expect(await verifyLogCli([honestUrl, '--key', key, '--report', from, to], good.io)).toBe(0);
    expect(good.out).toContain('OK: the transparency report matches the log');
    const bad = io();
    expect(await verifyLogCli([lyingUrl, '--key', key, '--report', from, to], bad.io)).toBe(1);
    expect(bad.err).toContain(
      'MISMATCH: decisions.byAction.remove: report says 0, the log gives 1',
    );
  });

  it('runs as a command: exit 0 on a match, 1 on a mismatch', async () => {
    const script = fileURLToPath(new URL('./verify-log.ts', import.meta.url));
    const ok = await run('npx', ['tsx', script, honestUrl, '--key', key, '--report', from, to], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    expect(ok.stdout).toMatch(/OK: the transparency report matches the log/);
    const failed = await run('npx', ['tsx', script, lyingUrl, '--key', key, '--report', from, to], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/MISMATCH: decisions\.byAction\.remove/);
  }, 60_000);
});
