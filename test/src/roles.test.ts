import { describe, expect, it } from 'vitest';
import { withE2E, type E2E } from './harness/e2e-setup';
import { openFeed } from './harness/feed';
import { PORTS } from './harness/paths';
import { flagCard, reportFlag } from './harness/review-flow';

let rig: E2E;
const tokens = { cso: '', auditor: '' };
withE2E(
  PORTS.roles,
  (started) => {
    rig = started;
    tokens.cso = rig.tokens.cso!;
    tokens.auditor = rig.tokens.auditor!;
  },
  { tokens: ['cso', 'auditor'] },
);

const TEXT =
  'Join the fighters of the caliphate, take up arms and slaughter the unbelievers wherever you find them.';

/** Replaces the stored token behind the extension's back (as if an admin changed its role). */
async function swapStoredToken(token: string): Promise<void> {
  await rig.browser.worker.evaluate(async (t) => {
    const local = (
      globalThis as unknown as {
        chrome: {
          storage: {
            local: {
              get(k: string): Promise<Record<string, Record<string, unknown>>>;
              set(v: object): Promise<void>;
            };
          };
        };
      }
    ).chrome.storage.local;
    const { connection } = await local.get('connection');
    await local.set({ connection: { ...connection, token: t } });
  }, token);
}

describe('what each role is offered, and how refusals show (real API)', () => {
  it('a report made offline shows "Queued" on its card; a 403 then shows it refused with the reason, and no retry', async () => {
    const { page, panel } = await openFeed(rig);
    await rig.api.stop();
    await reportFlag(panel, TEXT);
    const card = flagCard(panel, TEXT);
    await card.getByText('Queued', { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: 'Confirm and review' }).isDisabled()).toBe(true);
    // The token loses the reviewer role while the report waits: the API refuses it for good.
    await swapStoredToken(tokens.cso);
    await rig.api.start();
    await card.getByText(/^Refused: /).waitFor({ timeout: 60_000 });
    expect(await card.getByText(/^Refused: /).textContent()).toMatch(/role|reviewer|forbidden/i);
    expect(await card.getByRole('button', { name: /retry/i }).count()).toBe(0);
    await Promise.all([panel.close(), page.close()]);
  });

  it('a CSO token never sees "Confirm and review", and can mark targets', async () => {
    expect(await rig.browser.configure(rig.api.baseUrl, tokens.cso)).toContain('cso');
    const { page, panel } = await openFeed(rig);
    const cards = panel.getByRole('list', { name: 'Flags' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    expect(await panel.getByRole('button', { name: /Confirm and review/ }).count()).toBe(0);
    expect(
      await panel.getByRole('button', { name: 'Mark as counter-narrative target' }).count(),
    ).toBeGreaterThan(0);
    // Enter on the selected flag shows it on the page instead of opening a review.
    await panel.locator('h1').click();
    await panel.keyboard.press('Enter');
    await panel.waitForTimeout(300);
    expect(await panel.getByRole('heading', { name: 'Review this flag' }).count()).toBe(0);
    await Promise.all([panel.close(), page.close()]);
  });

  it('an auditor token sees the flags only', async () => {
    expect(await rig.browser.configure(rig.api.baseUrl, tokens.auditor)).toContain('auditor');
    const { page, panel } = await openFeed(rig);
    await panel.getByText(/This role sees the flags only\./).waitFor();
    expect(await panel.getByRole('button', { name: /Confirm and review/ }).count()).toBe(0);
    expect(
      await panel.getByRole('button', { name: 'Mark as counter-narrative target' }).count(),
    ).toBe(0);
    await Promise.all([panel.close(), page.close()]);
  });
});
