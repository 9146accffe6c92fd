import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../testing/chromium';
import { createTestApp, type TestApp } from '../testing/test-app';

const PORT = 41900 + Math.floor(Math.random() * 90);
let t: TestApp;
let server: Server;
let browser: Browser;

beforeAll(async () => {
  t = await createTestApp();
  server = serve({ fetch: t.app.fetch, port: PORT, hostname: '127.0.0.1' }) as Server;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

describe('GET /docs in Chromium', () => {
  it('renders the API reference under its CSP, loading nothing from other hosts', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on(
      'console',
      (m) =>
        m.type() === 'error' &&
        /Content Security Policy|Refused/.test(m.text()) &&
        problems.push(m.text()),
    );
    page.on(
      'request',
      (r) =>
        !r.url().startsWith(`http://127.0.0.1:${PORT}/`) &&
        !r.url().startsWith('data:') &&
        foreign.push(r.url()),
    );
    await page.goto(`http://127.0.0.1:${PORT}/docs`);
    // The reference rendered: the spec's title, and the operations of the first tag group (the
    // others are collapsed, so which operation shows depends on the tags' order).
    await page.getByText('Counterweight API').first().waitFor({ timeout: 60_000 });
    await page.getByText('HTTP METHOD:').first().waitFor({ timeout: 60_000 });
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  }, 120_000);
});
