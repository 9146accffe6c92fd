/**
 * Hash matching on a page of 200 images (`pnpm --filter @counterweight/e2e bench:hash-match`):
 * the built extension in Chromium against the real API with a bank holding the PDQ of every
 * twentieth image. Measures, in the page's main thread (where the content script runs), the
 * PerformanceObserver `longtask` entries after DOMContentLoaded until every banked image is
 * marked, and the time from the load event until the last mark; from a CDP trace of the same
 * run, the main-thread tasks in which the content script ran (target, issue 17: none over 50
 * ms); then the same page without the extension, for the page's own tasks.
 * Prints the figures (three rounds); BENCHMARKS.md records them by hand with the load average.
 */
import { cpus, loadavg } from 'node:os';
import { pdqHashPhoto } from '@counterweight/shared';
import jpeg from 'jpeg-js';
import type { Page } from 'playwright-core';
import { ensureExtensionBuilt } from '../src/harness/build-extension';
import { ExtensionBrowser } from '../src/harness/browser';
import { startE2E } from '../src/harness/e2e-setup';
import { PORTS } from '../src/harness/paths';
import { texture } from '../src/harness/test-images';

const IMAGES = 200;
const BANK_EVERY = 20;
const ROUNDS = 3;

const PROBE = () => {
  const w = window as unknown as { __cw: { longTasks: { start: number; duration: number }[] } };
  w.__cw = { longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      w.__cw.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string } };
}

/**
 * From a CDP trace: the main-thread tasks (`RunTask`) in which the content script ran (an event
 * inside them names `/content-scripts/` of the extension), the longest and how many over 50 ms.
 */
function contentScriptTasks(events: TraceEvent[]): {
  longestMs: number;
  over50: number;
  count: number;
} {
  const threads = new Map<string, TraceEvent[]>();
  for (const e of events)
    if (e.args?.data?.url?.includes('/content-scripts/')) {
      const key = `${e.pid}:${e.tid}`;
      threads.set(key, [...(threads.get(key) ?? []), e]);
    }
  const durations: number[] = [];
  for (const t of events) {
    if (t.name !== 'RunTask' || t.ph !== 'X') continue;
    const inside = threads.get(`${t.pid}:${t.tid}`);
    if (inside?.some((e) => e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0)))
      durations.push((t.dur ?? 0) / 1000);
  }
  return {
    longestMs: Math.max(0, ...durations),
    over50: durations.filter((d) => d > 50).length,
    count: durations.length,
  };
}

interface Run {
  lastMarkAfterLoadMs: number | null;
  marked: number;
  longestTaskMs: number;
  tasksOver50: number;
  /** From the trace: the longest main-thread task the content script ran in, and the count. */
  contentScript?: { longestMs: number; over50: number; count: number };
}

async function measure(page: Page, url: string, bankedIds: string[]): Promise<Run> {
  await page.goto(url, { waitUntil: 'load' });
  const loadedAt = await page.evaluate(
    () =>
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
  );
  let lastMarkAt: number | null = null;
  if (bankedIds.length > 0) {
    await page.waitForFunction(
      (ids) => ids.every((id) => document.getElementById(id)?.dataset.counterweight === 'match'),
      bankedIds,
      { timeout: 300_000, polling: 100 },
    );
    lastMarkAt = await page.evaluate(() => performance.now());
  }
  await page.waitForTimeout(2_000);
  return page.evaluate(
    ({ loadedAt, lastMarkAt }) => {
      const cw = (window as any).__cw as { longTasks: { start: number; duration: number }[] };
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const after = cw.longTasks.filter((t) => t.start >= nav.domContentLoadedEventEnd);
      return {
        lastMarkAfterLoadMs: lastMarkAt === null ? null : lastMarkAt - loadedAt,
        marked: document.querySelectorAll('img[data-counterweight="match"]').length,
        longestTaskMs: Math.max(0, ...after.map((t) => t.duration)),
        tasksOver50: after.filter((t) => t.duration > 50).length,
      };
    },
    { loadedAt, lastMarkAt },
  );
}

ensureExtensionBuilt();
const rig = await startE2E(PORTS.bench, { tokens: ['admin'] });
try {
  const admin = rig.tokens.admin!;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${rig.api.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  // 200 distinct photo-like JPEGs of 640×480 (quality 85); every twentieth banked.
  const banked: string[] = [];
  const bankedIds: string[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const pixels = texture(640, 480, 1 + (i % 7));
    // Every image its own: 8 × 8 cells, each inverted or not by the bits of a hash of i.
    let bits = Math.imul(i + 1, 2654435761) >>> 0;
    for (let cell = 0; cell < 64; cell++) {
      if (cell % 32 === 0) bits = Math.imul(bits ^ (bits >>> 15), 2246822519) >>> 0;
      if (!((bits >>> (cell % 32)) & 1)) continue;
      const [cx, cy] = [(cell % 8) * 80, Math.floor(cell / 8) * 60];
      for (let y = cy; y < cy + 60; y++)
        for (let x = cx; x < cx + 80; x++)
          for (let c = 0; c < 3; c++)
            pixels.data[(y * 640 + x) * 4 + c] = 255 - pixels.data[(y * 640 + x) * 4 + c]!;
    }
    const file = jpeg.encode({ ...pixels, data: Buffer.from(pixels.data) }, 85).data;
    rig.fixtures.generated.set(`/img/${i}.jpg`, { type: 'image/jpeg', body: file });
    if (i % BANK_EVERY === 0) {
      banked.push(pdqHashPhoto(pixels).hash);
      bankedIds.push(`i${i}`);
    }
  }
  await post('/v1/banks', { name: 'bench-bank', kind: 'positive', description: 'bench' });
  await post('/v1/banks/bench-bank/signals', {
    signals: banked.map((value) => ({
      type: 'pdq',
      value,
      label: { category: 'terrorist_content', source: 'bench' },
    })),
  });
  const html = (round: number) =>
    `<!doctype html><html lang="en"><body><h1>Gallery</h1>${Array.from(
      { length: IMAGES },
      (_, i) =>
        `<figure><img id="i${i}" src="/img/${i}.jpg?r=${round}" width="160" height="120" alt="photo ${i}"><figcaption>Photo ${i} of the gallery, taken on a walk.</figcaption></figure>`,
    ).join('')}</body></html>`;
  for (let r = 0; r < ROUNDS * 2; r++)
    rig.fixtures.generated.set(`/gallery-${r}.html`, { type: 'text/html', body: html(r) });

  const runs: { with: Run[]; without: Run[] } = { with: [], without: [] };
  const page = await rig.browser.context.newPage();
  await page.addInitScript(PROBE);
  const cdp = await rig.browser.context.newCDPSession(page);
  for (let r = 0; r < ROUNDS; r++) {
    const before = loadavg()[0]!.toFixed(1);
    const events: TraceEvent[] = [];
    const collect = (e: { value: object[] }) => void events.push(...(e.value as TraceEvent[]));
    cdp.on('Tracing.dataCollected', collect);
    const done = new Promise<void>((res) => cdp.once('Tracing.tracingComplete', () => res()));
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,toplevel',
      transferMode: 'ReportEvents',
    });
    const run = await measure(page, rig.fixtures.url(`/gallery-${r}.html`), bankedIds);
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', collect);
    run.contentScript = contentScriptTasks(events);
    console.log(`with the extension, round ${r + 1} (load ${before}):`, JSON.stringify(run));
    runs.with.push(run);
  }
  const plain = new ExtensionBrowser(rig.proxy.arg, false);
  await plain.launch();
  try {
    const bare = await plain.context.newPage();
    await bare.addInitScript(PROBE);
    for (let r = 0; r < ROUNDS; r++) {
      const run = await measure(bare, rig.fixtures.url(`/gallery-${ROUNDS + r}.html`), []);
      console.log(`without the extension, round ${r + 1}:`, JSON.stringify(run));
      runs.without.push(run);
    }
  } finally {
    await plain.close();
  }
  const fmt = (xs: (number | null)[]) =>
    xs.map((x) => (x === null ? 'n/a' : x.toFixed(0))).join(' / ');
  console.log(
    `\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model} · load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    '| run | every banked image marked, after load (ms) | images marked | longest task after DCL (ms) | tasks > 50 ms | longest task running the content script (ms) | such tasks > 50 ms (of all) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, list] of Object.entries(runs))
    console.log(
      `| ${name} the extension | ${fmt(list.map((x) => x.lastMarkAfterLoadMs))} | ${list.map((x) => x.marked).join(' / ')} | ${fmt(list.map((x) => x.longestTaskMs))} | ${list.map((x) => x.tasksOver50).join(' / ')} | ${fmt(list.map((x) => x.contentScript?.longestMs ?? null))} | ${list.map((x) => (x.contentScript ? `${x.contentScript.over50} (${x.contentScript.count})` : 'n/a')).join(' / ')} |`,
    );
} finally {
  await rig.dispose();
}
