/**
 * Diagnostic: traces the first (cold) page load with the extension and prints the main-thread
 * tasks over 20 ms of the page's renderer with what ran in them (script URLs, functions).
 * `pnpm --filter @counterweight/e2e exec tsx bench/trace-cold.ts [n]`
 */
import { writeFileSync } from 'node:fs';
import { ensureExtensionBuilt } from '../src/harness/build-extension';
import { ExtensionBrowser } from '../src/harness/browser';
import { FixtureServer } from '../src/harness/fixture-server';
import { freePort } from '../src/harness/free-port';
import { PORTS } from '../src/harness/paths';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; functionName?: string; frame?: string } };
}

const n = Number(process.argv[2] ?? 2000);
ensureExtensionBuilt();
const fixtures = new FixtureServer(await freePort(PORTS.bench.fixtures + 50, new Set()));
await fixtures.start();
const browser = new ExtensionBrowser(null);
await browser.launch();
try {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,toplevel',
    transferMode: 'ReportEvents',
  });
  await page.goto(fixtures.url(`/large.html?n=${n}`), { waitUntil: 'load' });
  await page.waitForFunction(
    (k) => document.querySelectorAll('[data-counterweight]').length >= k,
    n / 10,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(1500);
  await cdp.send('Tracing.end');
  await done;
  writeFileSync('/tmp/cw-ext/trace.json', JSON.stringify(events));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) > 20_000);
  for (const t of tasks) {
    const inside = events.filter(
      (e) =>
        e.pid === t.pid &&
        e.tid === t.tid &&
        e.ts >= t.ts &&
        e.ts < t.ts + (t.dur ?? 0) &&
        e.ph === 'X' &&
        e !== t &&
        (e.dur ?? 0) > 3_000,
    );
    console.log(`task ${(t.dur! / 1000).toFixed(1)} ms pid ${t.pid} tid ${t.tid}`);
    for (const e of inside)
      console.log(
        `   ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms ${e.args?.data?.url ?? ''} ${e.args?.data?.functionName ?? ''}`,
      );
  }
} finally {
  await browser.close();
  await fixtures.stop();
}
