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
      // The lie a reversal invites: the reversed label still counted as a label after appeal.
      report.figures.afterAppeal.byAction.label = 1;
      report.figures.afterAppeal.byAction.no_action = 1;
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
async function open(
  base: string,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, ...options });
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
    // The reversed label: a label among first decisions, no restriction after appeal.
    const rows = async (table: string) =>
      page.locator(`#${table} tbody tr`).evaluateAll((trs) =>
        trs.map((tr) =>
          Array.from(tr.children)
            .map((cell) => cell.textContent)
            .join('|'),
        ),
      );
    expect(await rows('after-appeal-by-action')).toEqual([
      'no action|1|2',
      'label|1|0',
      'demote|0|0',
      'restrict interaction|0|0',
      'age restrict|0|0',
      'disable in territory|0|0',
      'remove|2|2',
    ]);
    expect(await rows('after-appeal-by-territory')).toEqual(['worldwide|3|2']);
    // The removal order figures (none here), review proceedings and reinstatements per path.
    expect(await rows('orders-review-proceedings')).toContain('pending|0');
    expect(await rows('orders-reinstatements')).toEqual([
      'after complaints|0',
      'after review proceedings|0',
      'in all|0',
    ]);
    expect(await page.getByTestId('changed-on-appeal').textContent()).toBe(
      '1 first decision was changed on appeal.',
    );
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
    expect(results).toContain(
      '✔ Every figure of the report matches the log entries, first decisions and outcomes after appeal included',
    );
    expect(problems).toEqual([]);
  });

  it("keeps a pinned key in this browser only, and says why it never fills in the server's", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${honest}/transparency`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
    const key = page.getByLabel('Verifier key');
    expect(await key.inputValue()).toBe('');
    expect(await key.getAttribute('aria-describedby')).toBe('verify-why');
    expect(await page.textContent('#verify-why')).toContain(
      'a key fetched from the server being verified proves nothing',
    );
    await key.fill(t.deps.log.verifierKey);
    await page.getByLabel('Pin this key in this browser').check();
    await page.click('#verify');
    await page.waitForSelector('#verify-status[data-state=ok]', { timeout: 30_000 });
    await page.reload();
    await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
    expect(await page.getByLabel('Verifier key').inputValue()).toBe(t.deps.log.verifierKey);
    await page.getByLabel('Pin this key in this browser').uncheck();
    await page.click('#verify');
    await page.waitForSelector('#verify-status[data-state=ok]', { timeout: 30_000 });
    await page.reload();
    await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
    expect(await page.getByLabel('Verifier key').inputValue()).toBe('');
    await context.close();
  });

  it('follows a dark system theme, fits 1280×800 without horizontal scroll, and is keyboard reachable', async () => {
    const { page, problems } = await open(honest, { colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(3 * 80);
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      ),
    ).toBe(true);
    // Every input has a label, and Tab reaches the key, then the Verify button.
    expect(
      await page
        .locator('input, select')
        .evaluateAll(
          (inputs) => inputs.filter((i) => (i as HTMLInputElement).labels?.length === 0).length,
        ),
    ).toBe(0);
    const reached: string[] = [];
    for (let i = 0; i < 40 && !reached.includes('verify'); i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(reached).toContain('verifier-key');
    expect(reached.indexOf('verify')).toBeGreaterThan(reached.indexOf('verifier-key'));
    expect(problems).toEqual([]);
  });

  it('fails verification when the server publishes a figure the log does not support', async () => {
    const { page } = await open(lyingReport);
    const { state, results } = await verify(page);
    expect(state).toBe('failed');
    expect(results).toContain('✘ decisions.byAction.remove: the report says 1, the log gives 2');
    expect(results).toContain('✘ afterAppeal.byAction.label: the report says 1, the log gives 0');
    expect(results).toContain(
      '✘ afterAppeal.byAction.no_action: the report says 1, the log gives 2',
    );
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
