import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Report, StatementOfReasons, type IssuedToken } from '@counterweight/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../auth/tokens';
import { REPORT_EXAMPLE } from '../routes/examples';
import { ReportWithProgress } from '../routes/reports';
import { launchChromium, watchForProblems } from '../testing/chromium';
import { createTestApp, type TestApp } from '../testing/test-app';
import { requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';

requirePostgresOrWarn('console in Chromium');

/** Markup that would run script if a page ever parsed data as HTML. Each sets a flag. */
const XSS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload="window.__xss=3"></svg>',
  '<a href="javascript:window.__xss=5">click</a>',
].join(' ');

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
/** A 1×1 grey PNG (see routes/screenshot.test.ts). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==',
  'base64',
);

/** The report of the test: every free-text field carries the payloads; a screenshot is kept. */
const excerpt = `They were heroes. ${XSS}`;
const HOSTILE_REPORT = {
  ...REPORT_EXAMPLE,
  content: {
    ...REPORT_EXAMPLE.content,
    url: 'https://evil.example/p?q=%3Cscript%3Ewindow.__xss=7%3C/script%3E',
    excerpt,
    excerptSha256: sha(excerpt),
    site: 'evil.example',
  },
  classifier: { ...REPORT_EXAMPLE.classifier, evidence: [XSS.slice(0, 40)] },
  assessment: {
    ...REPORT_EXAMPLE.assessment,
    rationale: `Glorifies an attack. ${XSS}`,
    exemption: { ...REPORT_EXAMPLE.assessment.exemption, reasoning: `No purpose. ${XSS}` },
  },
  screenshot: { mediaType: 'image/png', sha256: sha(PNG), data: PNG.toString('base64') },
};

/** Browser noise that is expected: refused API calls the page handles (404 orders, 409 claims). */
const expectedNoise = (problem: string) => /Failed to load resource.*(404|409)/.test(problem);

describe.each(storesUnderTest())('console, appeal page and landing page on %s', (kind) => {
  let t: TestApp;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let secondSenior: IssuedToken;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    secondSenior = await createToken(t.db, 'senior_reviewer', 'Senior G');
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  /** A fresh browser context (its own session storage) on the console, signed in with `token`. */
  async function signedIn(token: IssuedToken | string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${base}/console`);
    await page.getByLabel('Token').fill(typeof token === 'string' ? token : token.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return { page, problems };
  }
  const noXss = async (page: Page) =>
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBe(
      undefined,
    );
  const progressOf = async (id: string) =>
    ReportWithProgress.parse(await (await t.call('GET', `/v1/reports/${id}`)).json()).progress;

  it('answers / with a landing page linking the console, /transparency, /appeal and /docs', async () => {
    const page = await browser.newPage();
    const answer = await page.goto(`${base}/`);
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
    const links = await page
      .locator('a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(links).toEqual(['/console', '/appeal', '/transparency', '/docs']);
    await page.close();
  });

  it('signs in each role to its own desks, and refuses a bad token next to the field', async () => {
    const desks: [IssuedToken, string[]][] = [
      [t.tokens.reviewer, ['Review']],
      [t.tokens.senior, ['Review', 'Appeals']],
      [t.tokens.admin, ['Administration']],
      [t.tokens.cso, ['Counter-narratives']],
      [t.tokens.auditor, []],
    ];
    for (const [token, names] of desks) {
      const { page, problems } = await signedIn(token);
      await expect.poll(() => page.getByTestId('signed-in').textContent()).toContain(token.name!);
      const nav = await page
        .getByRole('navigation', { name: 'Desks' })
        .getByRole('button')
        .allTextContents();
      expect(nav).toEqual(names);
      expect(problems.filter((p) => !expectedNoise(p))).toEqual([]);
    }
    const { page } = await signedIn('cwt_not-a-token');
    await expect.poll(() => page.locator('#token-error').textContent()).toContain('refused');
    expect(await page.getByLabel('Token').getAttribute('aria-invalid')).toBe('true');
  });

  it('takes a case from the queue to a decision, an appeal and a reversal, all inert to XSS', async () => {
    const sent = await t.call('POST', '/v1/reports', { body: HOSTILE_REPORT });
    expect(sent.status).toBe(201);
    const report = Report.parse(await sent.json());
    expect(await progressOf(report.id)).toEqual({ state: 'waiting' });

    // a senior reviewer sees the case in the queue, by its number
    const senior = await signedIn(t.tokens.senior);
    const row = senior.page.getByRole('row', { name: new RegExp(report.caseNumber) });
    await row.waitFor();
    await expect
      .poll(() => senior.page.getByTestId('queue-summary').textContent())
      .toMatch(/1 waiting · oldest \d+ min/);

    // a second reviewer sees it too, until the senior claims it with the keyboard
    const other = await signedIn(t.tokens.reviewer2);
    await other.page.getByRole('row', { name: new RegExp(report.caseNumber) }).waitFor();
    await senior.page.keyboard.press('n');
    await senior.page.getByTestId('lease').waitFor();
    expect(await progressOf(report.id)).toEqual({ state: 'claimed' });
    await other.page.reload();
    await other.page.getByTestId('queue-summary').waitFor();
    await expect
      .poll(() => other.page.getByTestId('queue-summary').textContent())
      .toContain('1 claimed');
    expect(await other.page.getByRole('row', { name: new RegExp(report.caseNumber) }).count()).toBe(
      0,
    );

    // the case view: text only, violent text behind "show", the screenshot blurred until clicked
    const page = senior.page;
    expect(await page.getByTestId('excerpt').count()).toBe(0);
    await page.getByRole('button', { name: 'Show text' }).click();
    expect(await page.getByTestId('excerpt').textContent()).toBe(excerpt);
    const image = page.locator('.screenshot img');
    await image.waitFor();
    expect(await image.evaluate((img) => getComputedStyle(img).filter)).toContain('blur');
    await page.getByRole('button', { name: /Show screenshot/ }).click();
    expect(await image.evaluate((img) => getComputedStyle(img).filter)).toBe('none');
    expect(
      await page.locator('.case img:not(.screenshot img), .case script, .case iframe').count(),
    ).toBe(0);

    // ? lists the shortcuts
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');

    // with an Art. 1(3) exemption, removal and disabling access cannot be chosen, and the form
    // says why; the suggested removal is cleared, to be chosen again once no exemption applies
    const action = page.getByLabel('Action', { exact: true });
    expect(await action.inputValue()).toBe('remove');
    const disabledActions = () =>
      action.evaluate((select: HTMLSelectElement) =>
        Array.from(select.options)
          .filter((o) => o.disabled)
          .map((o) => [o.value, o.textContent]),
      );
    expect(await disabledActions()).toEqual([]);
    await page.getByLabel('Exemption applies').selectOption('yes');
    expect(await action.inputValue()).toBe('');
    expect(await disabledActions()).toEqual([
      ['disable_in_territory', expect.stringContaining('an Art. 1(3) exemption applies')],
      ['remove', expect.stringContaining('an Art. 1(3) exemption applies')],
    ]);
    expect(await page.locator('#action-hint').textContent()).toContain(
      'Removal and disabling access are not available',
    );
    await expect(action.selectOption('remove', { timeout: 2000 })).rejects.toThrow();
    await page.getByLabel('Exemption applies').selectOption('no');
    expect(await disabledActions()).toEqual([]);
    await action.selectOption('remove');

    // d with the form half-filled: errors in words beside each field, focus on the first
    await page.keyboard.press('d');
    const reference = page.getByLabel('Legal reference');
    await expect
      .poll(() => page.locator('#reference-error').textContent())
      .toContain('Name the law');
    expect(await reference.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('#facts-error').textContent()).toContain('facts');
    await reference.fill('Art. 2(7)(a) Regulation (EU) 2021/784');
    await expect.poll(() => page.locator('#reference-error').count()).toBe(0);
    await page.getByLabel('Explanation').fill('Glorifies the attack and calls for a repeat.');
    await page.getByLabel('Facts').fill(`The post praises the perpetrators. ${XSS}`);
    expect(await page.getByLabel('Ground').inputValue()).toBe('illegal_content');
    expect(await page.getByLabel('Category', { exact: true }).inputValue()).toBe(
      'terrorist_content',
    );
    expect(await page.getByLabel('Action', { exact: true }).inputValue()).toBe('remove');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('d');
    const previewJson = page.getByTestId('statement-json');
    await previewJson.waitFor({ state: 'attached' });
    const preview = StatementOfReasons.parse(JSON.parse((await previewJson.textContent())!));
    await page.getByRole('button', { name: 'Publish decision' }).click();
    const link = await page.getByTestId('appeal-link').textContent();
    const appealToken = new URL(link!).searchParams.get('token')!;
    expect(appealToken).toMatch(/^cwa_/);

    // the preview is the stored statement, but for the decision id and the appeal deadline
    const decided = await progressOf(report.id);
    expect(decided).toMatchObject({ state: 'decided', action: 'remove' });
    const stored = StatementOfReasons.parse(
      await (await t.call('GET', decided.statementUrl!, { token: t.tokens.senior })).json(),
    );
    const comparable = (s: StatementOfReasons) => ({ ...s, x_decision_id: null, x_appeal: null });
    expect(comparable(stored)).toEqual(comparable(preview));
    expect(stored.decision_facts).toContain(XSS);

    // the content provider appeals on /appeal with the token, without an account
    const context = await browser.newContext();
    contexts.push(context);
    const provider = await context.newPage();
    const providerProblems = watchForProblems(provider);
    await provider.goto(`${base}/appeal?token=${appealToken}`);
    await provider.getByRole('heading', { name: 'The statement of reasons' }).waitFor();
    expect(provider.url()).toBe(`${base}/appeal`); // the token left the address bar
    expect(await provider.locator('[data-field=decision_facts]').textContent()).toBe(
      stored.decision_facts,
    );
    await provider.getByRole('button', { name: 'File appeal' }).click();
    await expect
      .poll(() => provider.locator('#grounds-error').textContent())
      .toContain('Write why');
    await provider.getByLabel('Grounds for appeal').fill(`It reports on the trial. ${XSS}`);
    await provider.getByRole('button', { name: 'File appeal' }).click();
    await provider.getByTestId('appeal-status').waitFor();
    expect(await progressOf(report.id)).toMatchObject({ state: 'appealed', action: 'remove' });

    // another senior reviewer reverses it from the appeals desk
    const second = await signedIn(secondSenior);
    await second.page.getByRole('button', { name: 'Appeals' }).click();
    await second.page
      .getByRole('row', { name: new RegExp(report.caseNumber) })
      .getByRole('button', { name: 'Open' })
      .click();
    await expect.poll(() => second.page.getByTestId('appeal-grounds').textContent()).toContain(XSS);
    await second.page.getByLabel('Outcome').selectOption('reversed');
    await second.page
      .getByRole('textbox', { name: 'Reasons' })
      .fill('Read with the thread, it reports on the trial.');
    await second.page.getByRole('button', { name: 'Decide appeal' }).click();
    await expect.poll(() => second.page.locator('.notice').textContent()).toContain('reversed');

    // the amended statement reads as one final outcome, with the appeal's reasons
    const amended = StatementOfReasons.parse(
      await (await t.call('GET', decided.statementUrl!, { token: t.tokens.senior })).json(),
    );
    expect(amended.x_action).toBe('no_action');
    expect(amended.decision_visibility).toEqual(['DECISION_VISIBILITY_OTHER']);
    expect(amended.illegal_content_explanation).toMatch(/^Reversed on appeal/);
    expect(amended.decision_facts).toContain('reports on the trial');
    expect(amended.x_original_statement).toMatchObject({ x_action: 'remove' });

    // the appellant's status page shows the outcome and its reasons
    await provider.reload();
    await provider.getByLabel('Token').fill(appealToken);
    await provider.getByRole('button', { name: 'Show the decision' }).click();
    await expect
      .poll(() => provider.getByTestId('appeal-reasons').textContent())
      .toBe('Read with the thread, it reports on the trial.');

    // the reporter's status went through every step
    expect(await progressOf(report.id)).toMatchObject({
      state: 'appeal_decided',
      action: 'no_action',
    });

    for (const p of [page, other.page, provider, second.page]) await noXss(p);
    for (const problems of [senior.problems, other.problems, providerProblems, second.problems])
      expect(problems.filter((p) => !expectedNoise(p))).toEqual([]);
  });
});
