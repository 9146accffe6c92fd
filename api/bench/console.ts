/**
 * Console benchmark (`pnpm --filter @counterweight/api bench:console`): the real app on
 * loopback over PGlite in memory with 1,000 waiting reports, and the system Chromium. Measures,
 * each five times in a fresh browser context, timed inside the page (cold browser cache; the
 * server has bundled the scripts already, as it does at start-up): the first load of `/console`
 * with a signed-in tab to an interactive queue (the summary says 1,000 waiting; the first page of
 * 100 rows is on screen, more on demand), and opening the next case (`n`; the queue row is the
 * whole report) until the case and its decision form are on screen, and until its claim is
 * confirmed. Also the JavaScript the console loads first, raw, gzipped and as served with brotli.
 * Prints the results as Markdown for BENCHMARKS.md.
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
// the console's scripts as its page loads them (entries and the chunks they import), as a
// browser gets them with and without compression
const shell = await (await fetch(`${base}/console`)).text();
const scriptPaths = [
  ...shell.matchAll(/<(?:script type="module" src|link rel="modulepreload" href)="([^"]+)"/g),
].map((m) => m[1]!);
const sizes = { raw: 0, gzip: 0, brotli: 0 };
for (const path of scriptPaths) {
  const raw = new Uint8Array(await (await fetch(`${base}${path}`)).arrayBuffer());
  sizes.raw += raw.length;
  sizes.gzip += gzipSync(raw).length;
  const served = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'br' } });
  sizes.brotli += Number(served.headers.get('content-length'));
}
const browser = await launchChromium();

const firstLoads: number[] = [];
const nextCases: number[] = [];
const claimsConfirmed: number[] = [];
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
    const w = window as unknown as {
      __queueReadyAt?: number;
      __caseOpenedAt?: number;
      __claimedAt?: number;
    };
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
        document.querySelector('#case-title') &&
        document.querySelector('form.decision-form')
      )
        w.__caseOpenedAt = performance.now();
      if (w.__claimedAt === undefined && document.querySelector('[data-testid=lease]'))
        w.__claimedAt = performance.now();
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
  await page.waitForFunction(() => (window as { __claimedAt?: number }).__claimedAt, null, {
    timeout: 30_000,
  });
  const [opened, claimed] = await page.evaluate(() => {
    const w = window as { __caseOpenedAt?: number; __claimedAt?: number; __keyAt?: number };
    return [w.__caseOpenedAt! - w.__keyAt!, w.__claimedAt! - w.__keyAt!];
  });
  nextCases.push(opened!);
  claimsConfirmed.push(claimed!);
  // give the case back for the next run
  await page.keyboard.press('s');
  await page.waitForSelector('[data-testid=lease]', { state: 'detached' });
  await context.close();
}
await browser.close();
await new Promise((resolve) => server.close(resolve));
await t.close();

const ms = (x: number) => `${Math.round(x)} ms`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
console.log(`## Review console

Machine: 2-core Node 20 sandbox, shared with other jobs (load average ${load} before the run), ${new Date().toISOString().slice(0, 10)}.
Command: \`pnpm --filter @counterweight/api bench:console\` (PGlite in memory, Chromium ${browser.version()}, 1280×800, loopback).
Targets (issue 15): first load to an interactive queue of ${CASES.toLocaleString('en')} waiting cases < 1 s; next case < 150 ms; JavaScript < 250 kB gzipped.

| measure | median of ${RUNS} | all runs |
| --- | --- | --- |
| first load of /console, cold browser cache, to the queue (${CASES.toLocaleString('en')} waiting, first 100 rows) | ${ms(median(firstLoads))} | ${firstLoads.map(ms).join(', ')} |
| next case (\`n\`: case and decision form on screen) | ${ms(median(nextCases))} | ${nextCases.map(ms).join(', ')} |
| next case, its claim confirmed (lease shown) | ${ms(median(claimsConfirmed))} | ${claimsConfirmed.map(ms).join(', ')} |

Console JavaScript loaded first (${scriptPaths.length} files under \`/scripts/\`, React and zod included; the other desks load when opened): ${kB(sizes.raw)} raw, ${kB(sizes.gzip)} gzipped, ${kB(sizes.brotli)} as served with brotli.
`);
