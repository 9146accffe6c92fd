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

/** A fresh page at 1280×800 on `path` (the console, or the old board's address), signed in with `token`. */
async function signedIn(token: string, path = '/console', colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(`${base}${path}`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { page, problems, close: () => context.close() };
}

/** The series names in the chart's legend. */
const legend = (page: Page) => page.locator('#trend-legend li .series-name').allTextContents();

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
  // a second series with 4 targets this week after quiet weeks: 3σ above its baseline, but
  // under the default minimum count of 5, so no spike unless the minimum is lowered
  for (let k = 0; k < 4; k++)
    await seed({
      excerpt: `small burst ${k}`,
      theme: 'dehumanisation_us_vs_them',
      group: 'migrants',
      language: 'en',
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

describe('the CSO desk of /console in real Chromium', () => {
  it('keeps excerpts full of XSS payloads inert and shows them as text', async () => {
    const { page, problems, close } = await signedIn(t.tokens.cso.token);
    await page.waitForSelector('#board li.target');
    await page.selectOption('#filters select[name=group]', 'women');
    await page.click('#filters button[type=submit]');

    const card = page.locator('#board li.target', { hasText: 'window.__xss=1' });
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => page.locator('#board li.target').count()).toBe(1);
    expect(await card.locator('.excerpt').textContent()).toBe(XSS);
    expect(await card.locator('.url').textContent()).toContain('%3Cscript%3E');
    expect(await card.locator('.guidance li').first().textContent()).toBe(
      '<img src=x onerror="window.__xss=8">Do not tag the people targeted.',
    );
    // no element from the payloads exists anywhere in the board
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
    await close();
  }, 60_000);

  it('tells series apart without colour and marks a spike only from the minimum count on', async () => {
    const { page, problems, close } = await signedIn(t.tokens.cso.token);
    await page.waitForSelector('#trend-chart svg .spike-mark');

    // two series: the burst of 6 is a spike; the burst of 4 is 3σ up but under the minimum of 5
    expect(await legend(page)).toEqual([
      'Conspiracy theory targeting a group × Jews × de (17)',
      'Dehumanisation and us-vs-them × Migrants × en (4)',
    ]);
    expect(await page.locator('#trend-chart svg .spike-mark').count()).toBe(1);
    expect(await page.locator('#spikes li.spike').allTextContents()).toEqual([
      `Week of ${weekStart(new Date())}: Conspiracy theory targeting a group × Jews × de: 6 targets`,
    ]);
    // each series has its own dash pattern and marker shape, named in the legend's text
    const lines = page.locator('#trend-chart svg polyline.series');
    expect(await lines.count()).toBe(2);
    const dashes = await lines.evaluateAll((ls) =>
      ls.map((l) => l.getAttribute('stroke-dasharray')),
    );
    expect(dashes).toEqual([null, '8 4']);
    expect(await page.locator('#trend-chart svg .marker-circle').count()).toBeGreaterThan(0);
    expect(await page.locator('#trend-chart svg .marker-square').count()).toBeGreaterThan(0);
    expect(await page.locator('#trend-legend li .pattern').allTextContents()).toEqual([
      'solid line, circles',
      'dashed line, squares',
    ]);
    expect(
      await page.locator('#trend-legend li svg.sample line[stroke-dasharray="8 4"]').count(),
    ).toBe(1);

    // a lower minimum count makes the small burst a spike too; a higher one removes both
    await page.fill('#trend-controls input[name=minCount]', '3');
    await page.click('#trend-controls button[type=submit]');
    await expect.poll(() => page.locator('#trend-chart svg .spike-mark').count()).toBe(2);
    expect(await page.locator('#spikes li.spike').nth(1).textContent()).toContain(
      'Dehumanisation and us-vs-them × Migrants × en: 4 targets',
    );
    await page.fill('#trend-controls input[name=minCount]', '7');
    await page.click('#trend-controls button[type=submit]');
    await page.waitForSelector('#spikes li.none');
    expect(await page.textContent('#spikes li.none')).toContain('at least 7 targets');
    expect(await page.locator('#trend-chart svg .spike-mark').count()).toBe(0);

    // no horizontal scrolling at 1280×800, and the chart has its own colours in dark mode
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    const stroke = () =>
      page
        .locator('#trend-chart svg polyline.series')
        .first()
        .evaluate((l) => getComputedStyle(l).stroke);
    const light = await stroke();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(stroke).not.toBe(light);
    expect(problems).toEqual([]);
    await close();
  }, 60_000);

  it('asks for the date range, the period and the series the controls name', async () => {
    const { page, close } = await signedIn(t.tokens.cso.token);
    await page.waitForSelector('#trend-legend li');
    const requested = () =>
      page
        .waitForRequest((r) => r.url().includes('/v1/targets/trends?'))
        .then((r) => new URL(r.url()).searchParams);
    const from = addWeeks(weekStart(new Date()), -40);
    const to = new Date().toISOString().slice(0, 10);

    await page.selectOption('#trend-controls select[name=interval]', 'month');
    await page.uncheck('#trend-controls input[value=language]');
    await page.fill('#trend-controls input[name=from]', from);
    await page.fill('#trend-controls input[name=to]', to);
    let query = requested();
    await page.click('#trend-controls button[type=submit]');
    expect(Object.fromEntries(await query)).toEqual({
      from: `${from}T00:00:00Z`,
      to: `${to}T23:59:59Z`,
      interval: 'month',
      by: 'theme,group',
      minCount: '5',
    });
    // per month, by theme × group: the old target of another group is in range now
    await expect
      .poll(() => legend(page))
      .toEqual([
        'Conspiracy theory targeting a group × Jews × all languages (25)',
        'Dehumanisation and us-vs-them × Migrants × all languages (4)',
        'Gender-based hostility × Women × all languages (1)',
      ]);
    expect(await page.getByRole('img', { name: /^Targets per month/ }).count()).toBe(1);
    const ticks = await page.locator('#trend-chart svg .tick').allTextContents();
    expect(ticks.filter((t) => /^\d{4}-\d{2}$/.test(t)).length).toBeGreaterThan(0);

    await page.selectOption('#trend-controls select[name=interval]', 'day');
    await page.fill('#trend-controls input[name=from]', to);
    query = requested();
    await page.click('#trend-controls button[type=submit]');
    expect((await query).get('interval')).toBe('day');
    await expect.poll(() => page.getByRole('img', { name: /^Targets per day/ }).count()).toBe(1);
    await expect
      .poll(() => legend(page))
      .toEqual([
        'Conspiracy theory targeting a group × Jews × all languages (6)',
        'Dehumanisation and us-vs-them × Migrants × all languages (4)',
      ]);
    await close();
  }, 60_000);

  it('filters the board and records the team’s work: claim, response, outcome, close', async () => {
    const { page, problems, close } = await signedIn(t.tokens.cso.token);
    await page.waitForSelector('#board li.target');

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
    expect(await page.locator('#more').count()).toBe(0);

    const first = page.locator('#board li.target').first();
    const id = await first.getAttribute('data-target-id');
    const card = page.locator(`#board li.target[data-target-id="${id}"]`);
    // every control of a card has its label
    await card.getByLabel('Assignee').fill('Lea');
    await card.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('claimed');
    expect(await card.locator('.claim').textContent()).toContain('Claimed by Lea');

    await card.getByLabel('Response URL').fill('https://social.example/our-answer');
    await card.getByLabel('Kind').selectOption('counter');
    await card.getByRole('button', { name: 'Record response' }).click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('responded');
    // the recorded response is listed, and its form is empty for the next one
    expect(await card.locator('.responses li').textContent()).toContain(
      'https://social.example/our-answer',
    );
    expect(await card.getByLabel('Response URL').inputValue()).toBe('');

    await card.getByLabel('Views').fill('1200');
    await card.getByLabel('Constructive replies').fill('7');
    await card.getByRole('button', { name: 'Record outcome' }).click();
    await expect.poll(() => card.locator('.outcomes li').count()).toBe(1);
    expect(await card.locator('.outcomes li').textContent()).toContain(
      'views 1200, constructiveReplies 7',
    );

    // the keyboard reaches the close step: focus its reason, then Enter on the button
    await card.getByLabel('Reason').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getAttribute('data-status')).toBe('closed');
    expect(await card.locator('.claim-form').count()).toBe(0);
    expect(await card.locator('.closure').textContent()).toContain('answered');

    const stored = await (await t.call('GET', `/v1/targets/${id}`, { token: t.tokens.cso })).json();
    expect(stored).toMatchObject({
      status: 'closed',
      claim: { assignee: 'Lea' },
      responses: [{ kind: 'counter' }],
    });
    expect(problems).toEqual([]);
    await close();
  }, 90_000);

  it('lands on the desk from the old /cso address; other roles have no CSO desk', async () => {
    const auditor = await signedIn(t.tokens.auditor.token, '/cso');
    expect(auditor.page.url()).toBe(`${base}/console`);
    await expect
      .poll(() => auditor.page.getByTestId('signed-in').textContent())
      .toContain('auditor');
    expect(await auditor.page.getByRole('button', { name: 'Counter-narratives' }).count()).toBe(0);
    expect(await auditor.page.locator('#board, #trend-chart').count()).toBe(0);
    await auditor.close();

    // the old board's links keep their filters
    const { page, close } = await signedIn(t.tokens.cso.token, '/cso?group=women');
    expect(page.url()).toBe(`${base}/console?group=women`);
    await page.waitForSelector('#board li.target[data-status=open]');
    expect(await page.locator('#board li.target').count()).toBe(1);
    expect(await page.locator('#filters select[name=group]').inputValue()).toBe('women');
    expect(
      await page.getByRole('button', { name: 'Counter-narratives' }).getAttribute('aria-current'),
    ).toBe('page');
    const open = page.locator('#board li.target[data-status=open]').first();
    // no response form for an open target: the API would answer 409
    expect(await open.locator('.response-form').count()).toBe(0);
    // a step the API refuses shows its reason on the card
    await page.route('**/v1/targets/*/claim', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'conflict', message: 'already claimed', requestId: 'r' }),
      }),
    );
    await open.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => open.locator('.error').textContent()).toBe('already claimed');
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.getByLabel('Token').isVisible()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await close();
  }, 60_000);
});
