/**
 * Side panel benchmark (`pnpm --filter @counterweight/e2e bench:side-panel`): a 10,000-paragraph
 * page with 1,000 flags, each its own group (the list's worst case). Once every flag is on the
 * page, the side panel is opened: the time until its list shows the thousand flags, the longest
 * main-thread task while it opens, and the longest while the list is scrolled from top to
 * bottom and the selection walked with j. Printed as JSON; copied into BENCHMARKS.md by hand.
 */
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { ensureExtensionBuilt } from '../src/harness/build-extension';
import { ExtensionBrowser } from '../src/harness/browser';
import { FixtureServer } from '../src/harness/fixture-server';
import { freePort } from '../src/harness/free-port';
import { PORTS } from '../src/harness/paths';

const N = 10_000;
const FLAGS = N / 10;
const RUNS = 3;

const LONG_TASKS = () => {
  const w = window as unknown as { __tasks: { start: number; duration: number }[] };
  w.__tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

const tasksSince = (panel: Page, since: number) =>
  panel.evaluate(
    (t) =>
      (window as unknown as { __tasks: { start: number; duration: number }[] }).__tasks
        .filter((x) => x.start >= t)
        .map((x) => x.duration),
    since,
  );

async function openOnce(browser: ExtensionBrowser, tabId: number, flags = FLAGS) {
  const panel = await browser.context.newPage();
  await panel.addInitScript(LONG_TASKS);
  await panel.goto(browser.extensionUrl(`sidepanel.html?tabId=${tabId}`));
  // Polled every animation frame: the time is that of the first frame showing the list.
  const shown = await panel.waitForFunction(
    (n) =>
      document.getElementById('flags-heading')?.textContent === `Flags on this page (${n})` &&
      (n === 0 || document.querySelector('li.card') !== null) &&
      performance.now(),
    flags,
    { polling: 'raf', timeout: 60_000 },
  );
  const openMs = (await shown.jsonValue()) as number;
  const openTasks = await tasksSince(panel, 0);
  const measures = await panel.evaluate(() =>
    Object.fromEntries(
      performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('cw:'))
        .map((m) => [m.name.slice(3), Math.round(m.duration)]),
    ),
  );
  // Scroll the list from top to bottom, a screen at a time, one frame each.
  const scrollStart = await panel.evaluate(() => performance.now());
  let steps = 0;
  for (;;) {
    const more = await panel.evaluate(() => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="flag-scroller"]');
      if (!scroller || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1)
        return false;
      scroller.scrollTop += scroller.clientHeight;
      return new Promise<boolean>((r) => requestAnimationFrame(() => setTimeout(() => r(true), 0)));
    });
    if (!more) break;
    steps++;
  }
  for (let i = 0; i < 100; i++) await panel.keyboard.press('j');
  await panel.waitForTimeout(500);
  const scrollTasks = await tasksSince(panel, scrollStart);
  const inDom = await panel.locator('li.card').count();
  await panel.close();
  return {
    openMs: Math.round(openMs),
    openLongestTaskMs: Math.round(Math.max(0, ...openTasks)),
    /** The last getPageFlags round trip (with parsing) and grouping, in ms. */
    measures,
    scrollSteps: steps,
    scrollLongestTaskMs: Math.round(Math.max(0, ...scrollTasks)),
    scrollTasksOver50: scrollTasks.filter((d) => d > 50).length,
    cardsInDocument: inDom,
  };
}

async function main(): Promise<void> {
  ensureExtensionBuilt();
  const fixtures = new FixtureServer(await freePort(PORTS.bench.fixtures, new Set()));
  await fixtures.start();
  const browser = new ExtensionBrowser(null);
  await browser.launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(fixtures.url(`/distinct.html?n=${N}`), { waitUntil: 'load' });
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-counterweight]').length >= n,
      FLAGS,
      { timeout: 180_000, polling: 200 },
    );
    const tabId = await browser.tabIdOf(page);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await openOnce(browser, tabId));
    // The same panel on a page with nothing flagged: what opening costs without the list.
    const empty = await browser.context.newPage();
    await empty.goto(fixtures.url('/distinct.html?n=9'), { waitUntil: 'load' });
    await empty.waitForTimeout(3_000);
    const emptyTab = await browser.tabIdOf(empty);
    const baseline = [];
    for (let i = 0; i < RUNS; i++) baseline.push(await openOnce(browser, emptyTab, 0));
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})`,
          loadAverage1m: loadavg()[0]!.toFixed(2),
          page: `${N} paragraphs, ${FLAGS} flags in ${FLAGS} groups`,
          runs,
          baselineNoFlags: baseline,
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await fixtures.stop();
  }
}

void main();
