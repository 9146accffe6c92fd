import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Order } from '@counterweight/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchForProblems } from '../testing/chromium';
import { withTestApp } from '../testing/app-fixture';
import type { TestApp } from '../testing/test-app';
import { ORDER_EXAMPLE, ORDER_NOT_EXECUTED_EXAMPLE } from './order-examples';

const PORT = 42100 + Math.floor(Math.random() * 90);
let t: TestApp;
let server: Server;
let browser: Browser;

withTestApp('pglite', (app) => {
  t = app;
  server = serve({ fetch: t.app.fetch, port: PORT, hostname: '127.0.0.1' }) as Server;
});
beforeAll(async () => {
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** An order received now and decided with `decision` by a reviewer. */
async function decidedOrder(reference: string, decision: unknown) {
  const received = await t.call('POST', '/v1/orders', {
    token: t.tokens.liaison,
    body: { ...ORDER_EXAMPLE, reference },
  });
  const order = Order.parse(await received.json());
  const decided = await t.call('POST', `/v1/orders/${order.id}/decision`, { body: decision });
  expect(decided.status).toBe(200);
  return Order.parse(await decided.json());
}

describe('the printable Annex II and III pages in Chromium', () => {
  it('shows the Annex II answer with the reference and times, styled, under the CSP, in print', async () => {
    const order = await decidedOrder('PRINT-II-1', {
      outcome: 'removed',
      effectiveAt: new Date().toISOString(),
    });
    const page = await browser.newPage();
    const problems = watchForProblems(page);
    await page.setExtraHTTPHeaders({ authorization: `Bearer ${t.tokens.liaison.token}` });
    await page.emulateMedia({ media: 'print' });
    const response = await page.goto(`http://127.0.0.1:${PORT}/v1/orders/${order.id}/annex-ii`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe('Feedback following removal of terrorist content or disabling of access to it');
    const text = await page.locator('main').innerText();
    expect(text).toContain('PRINT-II-1');
    expect(text).toContain(ORDER_EXAMPLE.issuingAuthority);
    const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
    expect(text).toContain(utc(order.receivedAt));
    expect(text).toContain(utc(order.deadline));
    expect(text).toContain(utc(order.decision!.effectiveAt!));
    expect(text).toMatch(/Within one hour of receipt\s+Yes/);
    // The shared stylesheet applied (same-origin, allowed by the CSP).
    const font = await page.evaluate(() => getComputedStyle(document.documentElement).fontFamily);
    expect(font).toContain('system-ui');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows the Annex III reason and explanation', async () => {
    const order = await decidedOrder('PRINT-III-1', ORDER_NOT_EXECUTED_EXAMPLE);
    const page = await browser.newPage();
    const problems = watchForProblems(page);
    await page.setExtraHTTPHeaders({ authorization: `Bearer ${t.tokens.reviewer.token}` });
    await page.goto(`http://127.0.0.1:${PORT}/v1/orders/${order.id}/annex-iii`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('PRINT-III-1');
    expect(text).toContain('does not contain sufficient information');
    expect(text).toContain(ORDER_NOT_EXECUTED_EXAMPLE.explanation);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
