import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from './harness/e2e-setup';
import { PORTS } from './harness/paths';
import { outboxCard, reportFlag, reportsInApi } from './harness/review-flow';

let rig: E2E;
beforeAll(async () => {
  rig = await startE2E(PORTS.outbox);
});
afterAll(async () => {
  await rig?.dispose();
});

const TEXTS = {
  outage: 'Muslims are vermin and they should all be driven out of this country by force.',
  dropped:
    'Brothers, the martyrdom operation in the city was glorious; strike the crusaders again and kill them all.',
  restart:
    'Immigrants are filthy animals, every last one of them deserves to be beaten and thrown out.',
};

async function openFeed(): Promise<{ page: Page; panel: Page }> {
  const page = await rig.browser.context.newPage();
  await page.goto(rig.fixtures.url('/feed.html'));
  await page.waitForFunction(
    () => document.querySelectorAll('#violating [data-counterweight]').length >= 3,
    null,
    { timeout: 30_000 },
  );
  const panel = await rig.browser.openSidePanel(await rig.browser.tabIdOf(page));
  await panel.getByRole('heading', { name: /Flags on this page \([1-9]/ }).waitFor();
  return { page, panel };
}

const postsOf = (text: string) =>
  rig.proxy
    .carrying(text)
    .filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/v1/reports');

describe('the outbox never loses a report', () => {
  it('with the API down the report waits (queued, retried with one key) and is delivered exactly once when it returns', async () => {
    const { page, panel } = await openFeed();
    await rig.api.stop();
    await reportFlag(panel, TEXTS.outage);
    const card = outboxCard(panel, TEXTS.outage.slice(0, 40));
    await card.getByText(/Attempt 2 failed/).waitFor({ timeout: 30_000 });
    expect(await card.getAttribute('data-outbox-state')).toBe('queued');
    await rig.api.start();
    await card.getByText(/^Case /).waitFor({ timeout: 60_000 });
    expect(await card.getAttribute('data-outbox-state')).toBe('sent');
    expect(await reportsInApi(rig.api, rig.token, TEXTS.outage)).toHaveLength(1);
    const posts = postsOf(TEXTS.outage);
    expect(posts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).toBe(1);
    expect(posts.at(-1)!.outcome).toBe(201);
    await Promise.all([panel.close(), page.close()]);
  });

  it('an answer lost on the way back is retried with the same Idempotency-Key and the API stores the report once', async () => {
    const { page, panel } = await openFeed();
    rig.proxy.dropReportAnswers = 1;
    await reportFlag(panel, TEXTS.dropped);
    const card = outboxCard(panel, TEXTS.dropped.slice(0, 40));
    await card.getByText(/^Case /).waitFor({ timeout: 60_000 });
    const posts = postsOf(TEXTS.dropped);
    expect(posts.map((p) => p.outcome)).toEqual(['dropped', expect.any(Number)]);
    expect(posts[0]!.headers['idempotency-key']).toBe(posts[1]!.headers['idempotency-key']);
    expect(await reportsInApi(rig.api, rig.token, TEXTS.dropped)).toHaveLength(1);
    await Promise.all([panel.close(), page.close()]);
  });

  it('a queued report survives a browser restart and is delivered once after it', async () => {
    const { page, panel } = await openFeed();
    await rig.api.stop();
    await reportFlag(panel, TEXTS.restart);
    await outboxCard(panel, TEXTS.restart.slice(0, 40))
      .getByText(/Attempt 1 failed/)
      .waitFor({ timeout: 30_000 });
    await rig.browser.restart();
    await rig.api.start();
    const panel2 = await rig.browser.openSidePanel(-1);
    const card = outboxCard(panel2, TEXTS.restart.slice(0, 40));
    await card.getByText(/^Case /).waitFor({ timeout: 60_000 });
    expect(await reportsInApi(rig.api, rig.token, TEXTS.restart)).toHaveLength(1);
    expect(new Set(postsOf(TEXTS.restart).map((p) => p.headers['idempotency-key'])).size).toBe(1);
    // Nothing else was sent twice either.
    expect(await reportsInApi(rig.api, rig.token, TEXTS.outage)).toHaveLength(1);
    expect(await reportsInApi(rig.api, rig.token, TEXTS.dropped)).toHaveLength(1);
    await panel2.close();
  });
});
