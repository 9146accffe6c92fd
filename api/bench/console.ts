/**
 * Console benchmark (`pnpm --filter @counterweight/api bench:console`): the real app on
 * loopback over PGlite in memory with 1,000 waiting reports, and the system Chromium. Measures,
 * each five times in a fresh browser context, timed inside the page (cold browser cache; the server has bundled the
 * console once already, as after its first visitor): the first load of `/console` with a signed-in
 * tab to an interactive queue (the summary says 1,000 waiting; the first page of 100 rows is on
 * screen, more on demand), and opening the next case (`n`: claimed; the queue row is the whole
 * report) until the case, its claim and its decision form are on screen. Also the console's JavaScript, raw and
 * gzipped. Prints the results as Markdown for BENCHMARKS.md.
 */
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { launchChromium } from '../src/testing/chromium';
import { createTestApp } from '../src/testing/test-app';
import { REPORT_EXAMPLE } from '../src/routes/examples';

const CASES = 1000;
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const load = loadavg()[0]!.toFixed(1);
const t = await createTestApp();
await Promise.all(
  Array.from({ length: CASES }, () => t.call('POST', '/v1/reports', { body: REPORT_EXAMPLE })),
);
const server = await new Promise<ServerType>((resolve) => {
  const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const script = new Uint8Array(await (await fetch(`${base}/console/console.js`)).arrayBuffer());
const browser = await launchChromium();

const firstLoads: number[] = [];
const nextCases: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // signed in already (the token is in the tab's session storage), as on a reload
  await context.addInitScript(
    (token) => sessionStorage.setItem('counterweight.console.token', token),
    t.tokens.senior.token,
  );
  // times are taken in the page (performance.now(), from the start of navigation), so that the
  // test driver's own round trips are not counted
  await context.addInitScript((n) => {
    const w = window as unknown as { __queueReadyAt?: number; __caseOpenedAt?: number };
    new MutationObserver(() => {
      if (
        w.__queueReadyAt === undefined &&
        document.querySelectorAll('table.queue tbody tr').length === 100 &&
        (document.querySelector('[data-testid=queue-summary]')?.textContent ?? '').startsWith(
          `${n} waiting`,
        )
      )
        w.__queueReadyAt = performance.now();
      if (
        w.__caseOpenedAt === undefined &&
        document.querySelector('[data-testid=lease]') &&
        document.querySelector('form.decision-form')
      )
        w.__caseOpenedAt = performance.now();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, String(CASES));
  const page = await context.newPage();
  await page.goto(`${base}/console`);
  await page.waitForFunction(() => (window as { __queueReadyAt?: number }).__queueReadyAt, null, {
    timeout: 30_000,
  });
  firstLoads.push(
    await page.evaluate(() => (window as { __queueReadyAt?: number }).__queueReadyAt!),
  );

  await page.evaluate(() =>
    document.addEventListener(
      'keydown',
      () => ((window as { __keyAt?: number }).__keyAt = performance.now()),
      { capture: true, once: true },
    ),
  );
  await page.keyboard.press('n');
  await page.waitForFunction(() => (window as { __caseOpenedAt?: number }).__caseOpenedAt, null, {
    timeout: 30_000,
  });
  nextCases.push(
    await page.evaluate(() => {
      const w = window as { __caseOpenedAt?: number; __keyAt?: number };
      return w.__caseOpenedAt! - w.__keyAt!;
    }),
  );
  // give the case back for the next run
  await page.keyboard.press('s');
  await page.waitForSelector('[data-testid=lease]', { state: 'detached' });
  await context.close();
}
await browser.close();
await new Promise((resolve) => server.close(resolve));
await t.close();

const ms = (x: number) => `${Math.round(x)} ms`;
console.log(`## Review console

Machine: 2-core Node 20 sandbox, shared with other jobs (load average ${load} before the run), ${new Date().toISOString().slice(0, 10)}.
Command: \`pnpm --filter @counterweight/api bench:console\` (PGlite in memory, Chromium ${browser.version()}, 1280×800, loopback).
Targets (issue 15): first load to an interactive queue of ${CASES.toLocaleString('en')} waiting cases < 1 s; next case < 150 ms; JavaScript < 250 kB gzipped.

| measure | median of ${RUNS} | all runs |
| --- | --- | --- |
| first load of /console, cold browser cache, to the queue (${CASES.toLocaleString('en')} waiting, first 100 rows) | ${ms(median(firstLoads))} | ${firstLoads.map(ms).join(', ')} |
| next case (\`n\`: claimed, case and form on screen) | ${ms(median(nextCases))} | ${nextCases.map(ms).join(', ')} |

Console JavaScript (\`/console/console.js\`, React and zod included): ${(script.length / 1000).toFixed(0)} kB, ${(gzipSync(script).length / 1000).toFixed(0)} kB gzipped.
`);
