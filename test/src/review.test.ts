import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withE2E, type E2E } from './harness/e2e-setup';
import { openFeed } from './harness/feed';
import { PORTS } from './harness/paths';
import { fillTerroristReview, flagCard, outboxCard, reportsInApi } from './harness/review-flow';

let rig: E2E;
withE2E(PORTS.review, (started) => {
  rig = started;
});

const REPORTED =
  'Join the fighters of the caliphate, take up arms and slaughter the unbelievers wherever you find them.';
/** A flag this file neither dismisses nor reports. */
const DISMISSED_NOT =
  'Muslims are vermin and they should all be driven out of this country by force.';
const DISMISSED =
  'Immigrants are filthy animals, every last one of them deserves to be beaten and thrown out.';

describe('review in the side panel (real API)', () => {
  it('a dismissal takes the flag off, is remembered for the site and counted as feedback', async () => {
    const { page, panel } = await openFeed(rig);
    await flagCard(panel, DISMISSED).getByRole('button', { name: 'Dismiss' }).click();
    await page.waitForFunction(
      () => !document.getElementById('v-hate-2')!.hasAttribute('data-counterweight'),
    );
    await expect.poll(() => flagCard(panel, DISMISSED).count()).toBe(0);
    await page.reload();
    await page.waitForFunction(
      () => document.querySelectorAll('#violating [data-counterweight]').length >= 3,
      null,
      { timeout: 30_000 },
    );
    await page.waitForTimeout(500);
    expect(await page.getAttribute('#v-hate-2', 'data-counterweight')).toBeNull();
    const options = await rig.browser.context.newPage();
    await options.goto(rig.browser.extensionUrl('options.html'));
    // One dismissal counted, under whichever label the model gave it. The options page renders
    // the counts after reading storage: poll rather than read once (a loaded CI machine lost that race).
    const counts = async () =>
      (await options.getByText(/^hate \d+, extremist \d+$/).allTextContents()).map((t) =>
        [...t.matchAll(/\d+/g)].reduce((sum, m) => sum + Number(m[0]), 0),
      );
    await expect.poll(counts, { timeout: 10_000 }).toEqual([0, 1]);
    await Promise.all([options.close(), panel.close(), page.close()]);
  });

  it('confirm → form from the taxonomy → preview of exactly what is sent → the report lands in the API', async () => {
    const { page, panel } = await openFeed(rig);
    await flagCard(panel, REPORTED).getByRole('button', { name: 'Confirm and review' }).click();
    // The form refuses to go on without the Art. 1(3) question answered.
    await panel.getByRole('button', { name: 'Preview report' }).click();
    await expect(panel.getByRole('alert').textContent()).resolves.toContain(
      'Say whether an Art. 1(3) exemption applies',
    );
    // The form comes from the shared taxonomy: all five TCO types once terrorist content is picked.
    await panel.getByRole('radio', { name: 'Terrorist content', exact: true }).check();
    await expect(
      panel.getByRole('radio', { name: /^Art\. 2\(7\)\([a-e]\)/ }).count(),
    ).resolves.toBe(5);
    // An exemption rules out removal.
    await panel.getByRole('radio', { name: 'An exemption applies' }).check();
    await expect(
      panel.getByRole('radio', { name: 'Remove', exact: true }).isDisabled(),
    ).resolves.toBe(true);
    await fillTerroristReview(panel);

    const sha = createHash('sha256').update(REPORTED, 'utf8').digest('hex');
    await expect(panel.getByTestId('excerpt-sha256').textContent()).resolves.toBe(sha);
    await page.bringToFront();
    await panel.getByRole('button', { name: 'Capture screenshot as evidence' }).click();
    await panel.getByRole('img', { name: /Screenshot of the visible tab/ }).waitFor();

    await panel.getByRole('button', { name: 'Preview report' }).click();
    const preview = JSON.parse((await panel.getByTestId('preview-json').textContent()) ?? '');
    expect(preview.content).toMatchObject({
      excerpt: REPORTED,
      excerptSha256: sha,
      url: rig.fixtures.url('/feed.html'),
      language: 'en',
      site: '127.0.0.1',
    });
    expect(preview.attestation.humanReviewed).toBe(true);
    expect(preview.assessment).toMatchObject({
      category: 'terrorist_content',
      tcoType: 'incitement',
      suggestedAction: 'remove',
      exemption: { applies: false },
    });
    await panel.getByRole('button', { name: 'Send report' }).click();

    const card = outboxCard(panel, REPORTED.slice(0, 40));
    await card.getByText(/^Case /).waitFor({ timeout: 30_000 });
    const caseText = (await card.getByText(/^Case /).textContent())!;
    const stored = await reportsInApi(rig.api, rig.token, REPORTED);
    expect(stored).toHaveLength(1);
    expect(caseText).toBe(`Case ${stored[0]!.caseNumber}`);
    // The flag's own card follows the report: "Reported CW-…" once the API acknowledged it.
    await flagCard(panel, REPORTED)
      .getByText(`Reported ${stored[0]!.caseNumber}`, { exact: true })
      .waitFor();
    expect(stored[0]!.content).toMatchObject({ excerpt: REPORTED, excerptSha256: sha });
    // The sent body is byte for byte what the preview showed.
    const posts = rig.proxy.requests.filter(
      (r) => r.method === 'POST' && r.url.endsWith('/v1/reports'),
    );
    expect(posts).toHaveLength(1);
    // Besides the previewed body, the kept screenshot travels with the report (issue 15):
    // a PNG whose SHA-256 is that of its bytes (the API checks it too).
    const { screenshot, ...posted } = JSON.parse(posts[0]!.body);
    expect(posted).toEqual(preview);
    expect(screenshot.mediaType).toBe('image/png');
    expect(createHash('sha256').update(Buffer.from(screenshot.data, 'base64')).digest('hex')).toBe(
      screenshot.sha256,
    );
    // The marker on the page now says reported.
    await page.waitForFunction(() =>
      document
        .querySelector('#v-ext-1 counterweight-marker')
        ?.shadowRoot?.querySelector('button')
        ?.getAttribute('aria-label')
        ?.includes('Reported'),
    );
    await Promise.all([panel.close(), page.close()]);
  });

  it('the review form at 320 px: plain messages by their fields, the first focused, each gone once its field is right, nothing wider than the panel', async () => {
    const { page, panel } = await openFeed(rig);
    await panel.setViewportSize({ width: 320, height: 800 });
    await flagCard(panel, DISMISSED_NOT)
      .getByRole('button', { name: 'Confirm and review' })
      .click();
    await panel.getByRole('button', { name: 'Preview report' }).click();
    const alert = (await panel.getByRole('alert').textContent()) ?? '';
    expect(alert).toContain('Choose the category this content falls under.');
    expect(alert).not.toMatch(/assessment\.|content\.|Invalid|expected/);
    // The first field in error (the category) has the focus.
    await expect
      .poll(() =>
        panel.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? null),
      )
      .toBe('category');
    const category = panel.locator('fieldset[aria-invalid="true"]').first();
    await expect(category.locator('.issues').textContent()).resolves.toBe(
      'Choose the category this content falls under.',
    );
    await panel.getByRole('radio', { name: 'Hate speech', exact: true }).check();
    await expect
      .poll(() => panel.getByText('Choose the category this content falls under.').count())
      .toBe(0);
    expect(
      await panel.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await Promise.all([panel.close(), page.close()]);
  });

  it('a page full of XSS payloads runs none of them in the side panel', async () => {
    const page = await rig.browser.context.newPage();
    await page.goto(rig.fixtures.url('/xss.html'));
    await page.waitForFunction(
      () => document.querySelectorAll('[data-counterweight]').length >= 2,
      null,
      { timeout: 30_000 },
    );
    const panel = await rig.browser.openSidePanel(await rig.browser.tabIdOf(page));
    await panel.getByRole('heading', { name: /Flags on this page \([1-9]/ }).waitFor();
    const cards = panel.getByRole('list', { name: 'Flags' }).getByRole('listitem');
    const n = await cards.count();
    expect(n).toBeGreaterThanOrEqual(2);
    // The payloads are shown as the text they are.
    await expect(
      panel.getByText('<img src=x onerror=', { exact: false }).count(),
    ).resolves.toBeGreaterThan(0);
    // Open the review and the preview of a payload-carrying flag too.
    await cards.first().getByRole('button', { name: 'Confirm and review' }).click();
    await fillTerroristReview(panel);
    await panel.getByRole('button', { name: 'Preview report' }).click();
    await panel.getByTestId('preview-json').waitFor();
    // Open every marker's evidence on the page as well (each closed again: an open one lies above
    // the markers below it).
    for (const marker of await page.locator('counterweight-marker button').all()) {
      await marker.click();
      await marker.press('Escape');
    }
    await page.waitForTimeout(1_000);
    const injected = await panel.evaluate(
      () =>
        document.querySelectorAll('img, script:not([src]), svg, iframe, a[href^="javascript"]')
          .length,
    );
    expect(injected).toBe(0);
    expect(rig.fixtures.xssHits).toEqual([]);
    await Promise.all([panel.close(), page.close()]);
  });

  it('no request left the browser with page text except the one report the reviewer sent', () => {
    const reported = rig.proxy.carrying(REPORTED);
    expect(reported.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /v1/reports',
    ]);
    for (const text of [
      'Muslims are vermin',
      DISMISSED,
      'martyrdom operation',
      'I am a gay Muslim woman',
      'Immigrants are filthy animals',
    ])
      expect(rig.proxy.carrying(text), text).toEqual([]);
  });
});
