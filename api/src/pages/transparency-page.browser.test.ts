import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { toBase64, type TransparencyReport } from '@counterweight/shared';
import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchForProblems } from '../testing/chromium';
import { decideCases } from '../testing/decided-cases';
import { createTestApp, type TestApp } from '../testing/test-app';
import { TRANSPARENCY_CSP } from './transparency-page';

const PORT = 44_500 + Math.floor(Math.random() * 400);
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

let t: TestApp;
let browser: Browser;
const servers: ServerType[] = [];
let honest = '';
let lyingReport = '';
let tamperedEntries = '';

const listen = (fetch: (req: Request) => Response | Promise<Response>, port: number) =>
  new Promise<string>((resolve) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
    servers.push(server);
  });

/** A server in front of the honest one that rewrites one kind of answer. */
function proxy(rewrite: (path: string, res: Response) => Promise<Response>) {
  return new Hono().all('*', async (c) => {
    const url = new URL(c.req.url);
    const res = await fetch(`${honest}${url.pathname}${url.search}`);
    return rewrite(url.pathname, res);
  }).fetch;
}

beforeAll(async () => {
  t = await createTestApp();
  await decideCases(t, [
    { action: 'remove' },
    { action: 'no_action' },
    { action: 'label', appeal: { outcome: 'reversed', reasons: 'Satire.' } },
    { action: 'remove' },
  ]);
  await t.deps.log.waitForCheckpoint(t.deps.sequencer.size);
  honest = await listen(t.app.fetch, PORT);
  lyingReport = await listen(
    proxy(async (path, res) => {
      if (path !== '/v1/transparency/report') return res;
      const report = (await res.json()) as TransparencyReport;
      report.figures.decisions.byAction.remove = 1;
      return Response.json(report);
    }),
    PORT + 1,
  );
  tamperedEntries = await listen(
    proxy(async (path, res) => {
      if (path !== '/v1/log/entries') return res;
      const body = (await res.json()) as {
        entries: { index: number; data: string; entry: Record<string, unknown> }[];
      };
      for (const e of body.entries) {
        const entry = JSON.parse(
          new TextDecoder().decode(Uint8Array.from(atob(e.data), (ch) => ch.charCodeAt(0))),
        );
        entry.details = { ...entry.details, note: XSS };
        e.data = toBase64(new TextEncoder().encode(JSON.stringify(entry)));
      }
      return Response.json(body);
    }),
    PORT + 2,
  );
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await t?.close();
});

/** Opens the page on `base`, collecting page errors, console errors (CSP reports) and dialogs. */
async function open(base: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems = watchForProblems(page);
  await page.goto(`${base}/transparency`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
  return { page, problems };
}

/** Verifies with the key in the field, or, when it is empty, the log's real key, pasted in. */
async function verify(page: Page): Promise<{ state: string; results: string[] }> {
  if ((await page.inputValue('#verifier-key')) === '')
    await page.fill('#verifier-key', t.deps.log.verifierKey);
  await page.click('#verify');
  await page.waitForSelector('#verify-status[data-state=ok], #verify-status[data-state=failed]', {
    timeout: 30_000,
  });
  return {
    state: (await page.getAttribute('#verify-status', 'data-state')) ?? '',
    results: await page.locator('#verify-results li').allTextContents(),
  };
}

describe('/transparency in real Chromium', () => {
  it('is served under a strict CSP with no inline script', async () => {
    const res = await fetch(`${honest}/transparency`);
    expect(res.headers.get('content-security-policy')).toBe(TRANSPARENCY_CSP);
    const html = await res.text();
    expect(html).toMatch(/<script type="module" src="\/transparency\/transparency.js"><\/script>/);
    expect(html).not.toMatch(/<script>|<script type="module">|\son[a-z]+=/);
    const script = await fetch(`${honest}/transparency/transparency.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });

  it('shows the figures, charts and decoded log entries, and verifies everything in the browser', async () => {
    const { page, problems } = await open(honest);
    const headline = Object.fromEntries(
      (await page
        .locator('#headline .figure')
        .evaluateAll((nodes) =>
          nodes.map((n) => [
            n.querySelector('dt')!.textContent,
            n.querySelector('dd')!.textContent,
          ]),
        )) as [string, string][],
    );
    expect(headline).toMatchObject({
      'Reports received': '4',
      Decisions: '4',
      'Items actioned': '3',
      'Removed or disabled': '2',
      'Appeals received': '1',
      Reinstatements: '1',
    });
    expect(await page.locator('#charts figure svg').count()).toBe(6);
    expect(await page.locator('#breakdowns table').count()).toBe(11);
    const size = t.deps.log.size;
    expect(await page.locator('#log tbody tr').count()).toBe(Math.min(25, size));
    expect(await page.locator('#log tbody tr').first().getAttribute('data-index')).toBe(
      String(size - 1),
    );
    expect(await page.locator('#log tbody tr').first().locator('td').nth(2).textContent()).toBe(
      'statement_published',
    );
    // the page never fills in the key of the server it verifies: the auditor pastes it
    expect(await page.inputValue('#verifier-key')).toBe('');
    await page.fill('#verifier-key', t.deps.log.verifierKey);

    const { state, results } = await verify(page);
    expect(results.filter((r) => r.startsWith('✘'))).toEqual([]);
    expect(state).toBe('ok');
    expect(results[0]).toMatch(/^✔ Checkpoint signature valid: .*tree size \d+/);
    expect(results.filter((r) => / is in the tree of /.test(r)).length).toBe(Math.min(16, size));
    expect(results).toContain('✔ Every figure of the report matches the log entries');
    expect(problems).toEqual([]);
  });

  it('fails verification when the server publishes a figure the log does not support', async () => {
    const { page } = await open(lyingReport);
    const { state, results } = await verify(page);
    expect(state).toBe('failed');
    expect(results).toContain('✘ decisions.byAction.remove: the report says 1, the log gives 2');
  });

  it('fails verification with a key that did not sign the checkpoint', async () => {
    const { page } = await open(honest);
    await page.fill(
      '#verifier-key',
      'other.example/log+00000000+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=',
    );
    const { state } = await verify(page);
    expect(state).toBe('failed');
    expect(await page.textContent('#verify-status')).toMatch(/Verification FAILED/);
  });

  it('shows tampered entries as inert text and fails their inclusion proofs', async () => {
    const { page, problems } = await open(tamperedEntries);
    const details = await page.locator('#log tbody tr td.details').first().textContent();
    expect(details).toContain(JSON.stringify(XSS));
    expect(await page.locator('#log img, #log script').count()).toBe(0);
    const { state, results } = await verify(page);
    expect(state).toBe('failed');
    expect(results.some((r) => r.startsWith('✘ entry ') && /root|hash|match/i.test(r))).toBe(true);
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).toBeUndefined();
    expect(problems).toEqual([]);
  });
});
