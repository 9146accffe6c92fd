import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { addWeeks, weekStart } from '@counterweight/shared/trends';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchForProblems } from '../testing/chromium';
import { createTestApp, type TestApp } from '../testing/test-app';
import { TARGET_EXAMPLE } from '../targets/target-examples';

/** Markup that would run script if the page ever parsed data as HTML. Each sets a flag. */
const XSS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload="window.__xss=3"></svg>',
  '</blockquote><iframe srcdoc="<script>parent.__xss=4</script>"></iframe>',
  '<a href="javascript:window.__xss=5">click</a>',
  '{{constructor.constructor("window.__xss=6")()}}',
].join('\n');

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const PORT = 45_100 + Math.floor(Math.random() * 800);

let t: TestApp;
let server: ServerType;
let base: string;
let browser: Browser;

async function seed(patch: Record<string, unknown>) {
  const excerpt = String(patch.excerpt ?? TARGET_EXAMPLE.excerpt);
  const res = await t.call('POST', '/v1/targets', {
    token: t.tokens.cso,
    body: { ...TARGET_EXAMPLE, ...patch, excerpt, excerptSha256: sha(excerpt) },
  });
  expect(res.status).toBe(201);
}

async function signIn(page: Page, token: string) {
  await page.goto(`${base}/cso`);
  await page.fill('#token', token);
  await page.click('#signin-form button[type=submit]');
}

beforeAll(async () => {
  t = await createTestApp();
  const now = new Date();
  // a quiet baseline of one target a week, then a burst this week: a spike
  for (let i = 19; i >= 1; i--)
    await seed({
      excerpt: `baseline ${i}`,
      theme: 'conspiracy_against_group',
      group: 'jews',
      language: 'de',
      capturedAt: `${addWeeks(weekStart(now), -i)}T12:00:00Z`,
    });
  for (let k = 0; k < 6; k++)
    await seed({
      excerpt: `burst ${k}`,
      theme: 'conspiracy_against_group',
      group: 'jews',
      language: 'de',
      capturedAt: new Date(now.getTime() - k * 60_000).toISOString(),
    });
  await seed({
    excerpt: XSS,
    url: 'https://evil.example/p?q=%3Cscript%3Ewindow.__xss=7%3C/script%3E',
    group: 'women',
    theme: 'gender_based_hostility',
    capturedAt: `${addWeeks(weekStart(now), -30)}T09:00:00Z`,
  });
  await t.call('PUT', '/v1/guidance/gender_based_hostility', {
    token: t.tokens.admin,
    body: { points: ['<img src=x onerror="window.__xss=8">Do not tag the people targeted.'] },
  });

  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: PORT, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

describe('/cso in real Chromium', () => {
  it('keeps excerpts full of XSS payloads inert and shows them as text', async () => {
    const page = await browser.newPage();
    const problems = watchForProblems(page);
    await signIn(page, t.tokens.cso.token);
    await page.waitForSelector('#board li.target');
    await page.selectOption('#filters select[name=group]', 'women');
    await page.click('#filters button[type=submit]');

    const card = page.locator('#board li.target', { hasText: 'window.__xss=1' });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator('.excerpt').textContent()).toBe(XSS);
    expect(await card.locator('.url').textContent()).toContain('%3Cscript%3E');
    expect(await card.locator('.guidance li').first().textContent()).toBe(
      '<img src=x onerror="window.__xss=8">Do not tag the people targeted.',
    );
    // no element from the payloads exists anywhere in the document
    expect(
      await page
        .locator(
          '#board img, #board script, #board svg, #board iframe, #board a[href^="javascript"]',
        )
        .count(),
    ).toBe(0);
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).toBeUndefined();
    expect(problems).toEqual([]);

    // the CSV export carries the same filter and the token, never the page's cookies
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#export-csv'),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^reference,id,captured_at,status,theme,targeted_group/);
    expect(csv).toContain('gender_based_hostility,women');
    expect(csv).not.toContain('jews');
    await page.close();
  }, 60_000);

  it('filters the board, marks the spike on the trend chart, and records the team’s work', async () => {
    const page = await browser.newPage();
    await signIn(page, t.tokens.cso.token);
    await page.waitForSelector('#board li.target');

    // the trend chart marks this week's burst as a spike, and lists it
    await page.waitForSelector('#trend-chart svg .spike-mark');
    expect(await page.locator('#trend-chart svg .spike-mark').count()).toBe(1);
    expect(await page.locator('#trend-chart svg polyline.series').count()).toBe(1);
    expect(await page.locator('#trend-legend li').allTextContents()).toEqual([
      'Conspiracy theory targeting a group × Jews × de (17)',
    ]);
    const spike = await page.locator('#spikes li.spike').textContent();
    expect(spike).toContain('Conspiracy theory targeting a group × Jews × de: 6 targets');
    // each series has a pattern and a marker besides its colour, shown in the legend too
    expect(await page.locator('#trend-chart svg .marker').count()).toBeGreaterThan(0);
    expect(await page.locator('#trend-legend li svg.sample line').count()).toBe(1);
    // a higher minimum count removes the spike; grouping and the date range are controls
    await page.fill('#trend-controls input[name=minCount]', '7');
    await page.click('#trend-controls button[type=submit]');
    await page.waitForSelector('#spikes li.none');
    expect(await page.textContent('#spikes li.none')).toContain('at least 7 targets');
    expect(await page.locator('#trend-chart svg .spike-mark').count()).toBe(0);
    await page.fill('#trend-controls input[name=minCount]', '5');
    await page.uncheck('#trend-controls input[value=language]');
    await page.fill('#trend-controls input[name=from]', addWeeks(weekStart(new Date()), -40));
    await page.click('#trend-controls button[type=submit]');
    await expect.poll(() => page.locator('#trend-chart svg polyline.series').count()).toBe(2); // the old target of another group is in range now
    expect(await page.locator('#trend-legend li').first().textContent()).not.toContain('× de');

    await page.selectOption('#filters select[name=group]', 'women');
    await page.click('#filters button[type=submit]');
    await expect.poll(() => page.locator('#board li.target').count()).toBe(1);

    await page.selectOption('#filters select[name=group]', 'jews');
    await page.click('#filters button[type=submit]');
    await expect.poll(() => page.locator('#board li.target').count()).toBe(20);
    expect(await page.locator('#board-count').textContent()).toBe(
      '20 targets shown (more available)',
    );
    await page.click('#more');
    await expect.poll(() => page.locator('#board li.target').count()).toBe(25);
    expect(await page.locator('#more').isHidden()).toBe(true);

    const first = page.locator('#board li.target').first();
    const id = await first.getAttribute('data-target-id');
    const card = page.locator(`#board li.target[data-target-id="${id}"]`);
    await card.locator('.claim-form input[name=assignee]').fill('Lea');
    await card.locator('.claim-form button').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('claimed');
    expect(await card.locator('.claim').textContent()).toContain('Claimed by Lea');

    await card.locator('.response-form input[name=url]').fill('https://social.example/our-answer');
    await card.locator('.response-form select[name=kind]').selectOption('counter');
    await card.locator('.response-form button').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('responded');

    await card.locator('.outcome-form input[name=views]').fill('1200');
    await card.locator('.outcome-form input[name=constructiveReplies]').fill('7');
    await card.locator('.outcome-form button').click();
    await expect.poll(() => card.locator('.outcomes li').count()).toBe(1);
    expect(await card.locator('.outcomes li').textContent()).toContain(
      'views 1200, constructiveReplies 7',
    );

    await card.locator('.close-form button').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('closed');
    expect(await card.locator('.claim-form').isHidden()).toBe(true);

    const stored = await (await t.call('GET', `/v1/targets/${id}`, { token: t.tokens.cso })).json();
    expect(stored).toMatchObject({
      status: 'closed',
      claim: { assignee: 'Lea' },
      responses: [{ kind: 'counter' }],
    });
    await page.close();
  }, 90_000);

  it('refuses other roles at sign-in and shows the API’s reason for a bad step', async () => {
    const page = await browser.newPage();
    await signIn(page, t.tokens.auditor.token);
    await expect
      .poll(() => page.locator('#signin-error').textContent())
      .toContain("this token's role is auditor");
    expect(await page.locator('#app').isHidden()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await signIn(page, t.tokens.cso.token);
    await page.waitForSelector('#board li.target[data-status=open]');
    const open = page.locator('#board li.target[data-status=open]').first();
    // a response form hidden for an open target cannot be sent: the API would answer 409
    expect(await open.locator('.response-form').isHidden()).toBe(true);
    await page.click('#signout');
    expect(await page.locator('#signin').isVisible()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.close();
  }, 60_000);
});
