import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadClassifier } from '@counterweight/models/load-node';
import { startE2E, type E2E } from './harness/e2e-setup';
import { PORTS } from './harness/paths';

let rig: E2E;
const BROWSER_OWN_HOSTS = /(^|\.)(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)(:443)?$/;
beforeAll(async () => {
  rig = await startE2E(PORTS.flags);
});
afterAll(async () => {
  await rig?.dispose();
});

/** Waits until the content script has had every expected block classified. */
async function waitForFlags(page: Page, selector: string, count: number): Promise<void> {
  await page.waitForFunction(
    ([sel, n]) => document.querySelectorAll(`${sel}[data-counterweight]`).length >= n,
    [selector, count] as const,
    { timeout: 30_000 },
  );
}

const ATTRS = (page: Page) =>
  page.$$eval('[data-expect]', (els) =>
    els.map((el) => ({
      id: el.id,
      text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      expect: el.getAttribute('data-expect'),
      decision: el.getAttribute('data-counterweight'),
      label: el.getAttribute('data-counterweight-label'),
      score: el.getAttribute('data-counterweight-score'),
    })),
  );

describe('flags on the page (real model, real Chromium)', () => {
  describe('on a feed of violating posts, counter-speech, news and neutral identity mentions', () => {
    let blocks: Awaited<ReturnType<typeof ATTRS>>;
    beforeAll(async () => {
      const page = await rig.browser.context.newPage();
      await page.goto(rig.fixtures.url('/feed.html'));
      await waitForFlags(page, '#violating p', 4);
      await page.waitForTimeout(1_000);
      blocks = await ATTRS(page);
      // Inputs and hidden elements are never read, and so never flagged.
      expect(await page.$eval('#hidden-1', (el) => el.hasAttribute('data-counterweight'))).toBe(
        false,
      );
      expect(await page.$eval('#draft', (el) => el.hasAttribute('data-counterweight'))).toBe(false);
      await page.close();
    });
    const section = (prefix: string) => blocks.filter((b) => b.id.startsWith(prefix));

    it('violating paragraphs carry data-counterweight, the label and the score', () => {
      expect(section('v-')).toHaveLength(4);
      for (const b of section('v-')) {
        expect(['flag', 'uncertain'], `${b.id} decision`).toContain(b.decision);
        expect(b.label, `${b.id} label`).toBe(b.expect);
        expect(b.score, `${b.id} score`).toMatch(/^(0|1)\.\d{3}$/);
      }
    });

    // The extension must show exactly what the shipped model decides, block by block: the same
    // model run here in Node (wasm backend) on the same text gives the expected attributes.
    it('every block carries exactly the decision, label and score of the shipped model', async () => {
      const classifier = await loadClassifier();
      const results = await classifier.classify(
        blocks.map((b) => b.text),
        { evidence: false },
      );
      blocks.forEach((b, i) => {
        const r = results[i]!;
        const expected =
          r.decision === 'clear' || r.decision === 'abstain'
            ? { decision: null, label: null, score: null }
            : { decision: r.decision, label: r.label, score: r.scores[r.label!].toFixed(3) };
        expect(b, `${b.id}: ${b.text}`).toMatchObject(expected);
      });
    });

    /**
     * Model defects the evaluation also reports (models/EVALUATION.md): paragraphs flagged by the
     * current model although they are lawful, declared as expected failures, so the suite turns
     * red the day the model gets them right and the list must shrink. The model of 2026-11-22
     * 22:26 leaves all of them unflagged (the previous one flagged c-2, counter-speech).
     */
    const KNOWN_MODEL_DEFECTS = new Set<string>([]);
    for (const [id, what] of [
      ['c-1', 'counter-speech'],
      ['c-2', 'counter-speech'],
      ['n-1', 'news'],
      ['n-2', 'news'],
      ['i-1', 'a neutral identity mention'],
      ['i-2', 'a neutral identity mention'],
      ['l-1', 'an ordinary list item'],
    ] as const) {
      const known = KNOWN_MODEL_DEFECTS.has(id);
      (known ? it.fails : it)(
        `${known ? 'KNOWN MODEL DEFECT, expected to fail: ' : ''}${id}, ${what}, carries no attribute`,
        () => {
          const b = blocks.find((x) => x.id === id);
          expect(b, `${id} is on the page`).toBeDefined();
          expect(b, `${id} should carry no attribute`).toMatchObject({
            decision: null,
            label: null,
            score: null,
          });
        },
      );
    }
  });

  it('the marker survives hostile page CSS, is a keyboard-reachable button with a spoken label, and opens the evidence', async () => {
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/feed.html'));
    await waitForFlags(page, '#violating p', 4);
    const marker = page.locator('#v-hate-1 counterweight-marker button');
    await expect(marker.isVisible()).resolves.toBe(true);
    const label = (await marker.getAttribute('aria-label')) ?? '';
    expect(label).toMatch(
      /^Counterweight: (flagged as likely|possibly) hate speech, score [01]\.\d\d\./,
    );
    // Keyboard: Tab from the top of the page reaches a marker.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.tagName.toLowerCase());
    expect(focused).toBe('counterweight-marker');
    await marker.click();
    const evidence = page.locator('#v-hate-1 counterweight-marker .evidence');
    await expect(evidence.isVisible()).resolves.toBe(true);
    expect(await evidence.textContent()).toMatch(/Scores: hate [01]\.\d\d/);
    expect(await marker.getAttribute('aria-expanded')).toBe('true');
    // The open evidence lies above everything, the next paragraph's marker included.
    const onTop = await page.evaluate(() => {
      const host = document.querySelector('#v-hate-1 counterweight-marker')!;
      const box = host.shadowRoot!.querySelector('.evidence')!.getBoundingClientRect();
      const points = [
        [box.left + 4, box.top + 4],
        [box.left + box.width / 2, box.top + box.height / 2],
        [box.left + 4, box.bottom - 4],
      ] as const;
      return points.map(([x, y]) => document.elementFromPoint(x, y) === host);
    });
    expect(onTop).toEqual([true, true, true]);
    await page.keyboard.press('Escape');
    await expect(evidence.isVisible()).resolves.toBe(false);
    await page.close();
  });

  it('classifies what infinite scroll adds, and leaves what was there alone', async () => {
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/infinite-scroll.html'));
    await page.waitForTimeout(1_000);
    const state = () => page.$eval('#first', (el) => el.outerHTML);
    const firstHtml = await state();
    await page.$eval('#first', (el) => ((el as HTMLElement & { __seen?: number }).__seen = 1));
    await page.evaluate(() => (window as unknown as { loadMore(): boolean }).loadMore());
    await page.waitForSelector('#b1-1[data-counterweight]', { timeout: 15_000 });
    expect(await page.getAttribute('#b1-1', 'data-counterweight-label')).toBe('extremist');
    expect(await page.getAttribute('#b1-0', 'data-counterweight')).toBeNull();
    await page.evaluate(() => (window as unknown as { loadMore(): boolean }).loadMore());
    await page.waitForSelector('#b2-0[data-counterweight]', { timeout: 15_000 });
    expect(await page.getAttribute('#b2-0', 'data-counterweight-label')).toBe('hate');
    expect(await page.getAttribute('#b2-1', 'data-counterweight')).toBeNull();
    // The block that was already there is the same node in the same state.
    expect(await state()).toBe(firstHtml);
    expect(
      await page.$eval('#first', (el) => (el as HTMLElement & { __seen?: number }).__seen),
    ).toBe(1);
    await page.close();
  });

  it('the popup turns a site off (flags go) and on again, and pauses everywhere', async () => {
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/feed.html'));
    await waitForFlags(page, '#violating p', 4);
    const tabId = await rig.browser.tabIdOf(page);
    const popup = await rig.browser.context.newPage();
    await popup.goto(rig.browser.extensionUrl(`popup.html?tabId=${tabId}`));
    const siteToggle = popup.getByLabel('Flag content on 127.0.0.1');
    await siteToggle.uncheck();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-counterweight], counterweight-marker').length === 0,
    );
    await siteToggle.check();
    await waitForFlags(page, '#violating p', 4);
    await popup.getByLabel('Pause on all sites').check();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-counterweight]').length === 0,
    );
    await popup.getByLabel('Pause on all sites').uncheck();
    await waitForFlags(page, '#violating p', 4);
    await popup.close();
    await page.close();
  });

  it('no request left the browser with page text', () => {
    const texts = [
      'Muslims are vermin',
      'Join the fighters of the caliphate',
      'I am a gay Muslim woman',
      'martyrdom operation',
    ];
    for (const t of texts) expect(rig.proxy.carrying(t), t).toEqual([]);
    // The extension talked only to the fixture pages and the API; anything else is Chromium's
    // own update and account traffic, which carries no page text either (checked above).
    const hosts = new Set(
      rig.proxy.requests.map((r) => (r.method === 'CONNECT' ? r.url : new URL(r.url).host)),
    );
    const ours = [`127.0.0.1:${rig.fixtures.port}`, `127.0.0.1:${rig.api.port}`];
    for (const host of hosts) if (!ours.includes(host)) expect(host).toMatch(BROWSER_OWN_HOSTS);
    expect(hosts).toContain(ours[0]);
  });
});
