/**
 * Extension performance benchmark (`pnpm --filter @counterweight/e2e bench`):
 * - 2,000-paragraph page: time until every flag is on the page, after load, cold (first page
 *   after browser start, model not loaded yet) and warm; longest main-thread task after
 *   DOMContentLoaded (PerformanceObserver longtask), with and without the extension;
 * - 10,000-paragraph page: memory the extension adds (PSS of all Chromium processes, with the
 *   extension minus without it, after the page has settled).
 * Results are printed and written to BENCHMARKS.md under "## Extension".
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureExtensionBuilt } from '../src/harness/build-extension';
import { ExtensionBrowser } from '../src/harness/browser';
import { FixtureServer } from '../src/harness/fixture-server';
import { freePort } from '../src/harness/free-port';
import { PORTS, REPO } from '../src/harness/paths';
import { chromiumPssMiB } from './process-memory';

const FLAG_EVERY = 10;
const SETTLE_MS = 40_000;

// Runs in the page's main world before any of its HTML is parsed.
const PROBE = () => {
  const w = window as unknown as {
    __cw: { longTasks: { start: number; duration: number }[]; flagged: number; lastFlagAt: number };
  };
  w.__cw = { longTasks: [], flagged: 0, lastFlagAt: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      w.__cw.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    for (const r of records)
      if (
        r.attributeName === 'data-counterweight' &&
        r.oldValue === null &&
        (r.target as Element).hasAttribute('data-counterweight')
      ) {
        w.__cw.flagged++;
        w.__cw.lastFlagAt = performance.now();
      }
  }).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ['data-counterweight'],
    attributeOldValue: true,
  });
};

interface PageRun {
  allFlagsAfterLoadMs: number | null;
  allFlagsAfterNavMs: number | null;
  flagged: number;
  longestTaskMs: number;
  tasksOver50: number;
}

async function measure(
  page: Page,
  url: string,
  expected: number,
  withExtension: boolean,
): Promise<PageRun> {
  await page.goto(url, { waitUntil: 'load' });
  if (withExtension)
    await page.waitForFunction(
      (n) =>
        (window as any).__cw.flagged >= n &&
        document.querySelectorAll('[data-counterweight] > counterweight-marker').length >= n,
      expected,
      { timeout: 60_000, polling: 50 },
    );
  await page.waitForTimeout(1_500);
  return page.evaluate(() => {
    const cw = (window as any).__cw as {
      longTasks: { start: number; duration: number }[];
      flagged: number;
      lastFlagAt: number;
    };
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const after = cw.longTasks.filter((t) => t.start >= nav.domContentLoadedEventEnd);
    return {
      allFlagsAfterLoadMs: cw.flagged ? cw.lastFlagAt - nav.loadEventEnd : null,
      allFlagsAfterNavMs: cw.flagged ? cw.lastFlagAt : null,
      flagged: cw.flagged,
      longestTaskMs: Math.max(0, ...after.map((t) => t.duration)),
      tasksOver50: after.filter((t) => t.duration > 50).length,
    };
  });
}

interface MemoryRun {
  /** Settled PSS (MiB), median of three samples. */
  mib: number;
  /** Working PSS (MiB), 5 s after the last flag. */
  beforeGcMib: number;
  processes: number;
  flagged: number;
  workingByKind: Record<string, number>;
  settledByKind: Record<string, number>;
}

const rounded = (byKind: Record<string, number>) =>
  Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, Math.round(v)]));

async function memoryOf(
  withExtension: boolean,
  fixtures: FixtureServer,
  n: number,
): Promise<MemoryRun> {
  const browser = new ExtensionBrowser(null, withExtension);
  await browser.launch();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(PROBE);
    await page.goto(fixtures.url(`/large.html?n=${n}`), { waitUntil: 'load' });
    if (withExtension)
      await page.waitForFunction((k) => (window as any).__cw.flagged >= k, n / FLAG_EVERY, {
        timeout: 120_000,
        polling: 200,
      });
    await page.waitForTimeout(5_000);
    const flagged = await page.evaluate(() => (window as any).__cw.flagged as number);
    const working = chromiumPssMiB(browser.profile);
    // Then the page is read, not scrolled: V8 and the allocator give back what they no longer
    // need on their own within half a minute.
    await page.waitForTimeout(SETTLE_MS);
    const samples: ReturnType<typeof chromiumPssMiB>[] = [];
    for (let i = 0; i < 3; i++) {
      samples.push(chromiumPssMiB(browser.profile));
      await page.waitForTimeout(1_000);
    }
    samples.sort((a, b) => a.total - b.total);
    const settled = samples[1]!;
    return {
      mib: settled.total,
      beforeGcMib: working.total,
      processes: settled.processes,
      flagged,
      workingByKind: rounded(working.byKind),
      settledByKind: rounded(settled.byKind),
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  ensureExtensionBuilt();
  const fixtures = new FixtureServer(await freePort(PORTS.bench.fixtures, new Set()));
  await fixtures.start();
  const results: Record<string, unknown> = {};
  // `--only=tasks` or `--only=memory` runs one half (for quick A/B runs; nothing is written).
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  try {
    if (only !== 'memory') results.page2000 = await pageRuns();
    if (only !== 'tasks') {
      const withExt = await memoryOf(true, fixtures, 10_000);
      const without = await memoryOf(false, fixtures, 10_000);
      results.memory10000 = {
        withExtension: withExt,
        withoutExtension: without,
        addedMiB: withExt.mib - without.mib,
        addedWorkingMiB: withExt.beforeGcMib - without.beforeGcMib,
      };
    }
  } finally {
    await fixtures.stop();
  }
  console.log(JSON.stringify(results, null, 2));
  if (only || process.argv.includes('--no-write')) return;
  writeSection(results as never);

  async function pageRuns(): Promise<Record<string, PageRun[]>> {
    const n = 2_000;
    const expected = n / FLAG_EVERY;
    const runs: Record<string, PageRun[]> = { cold: [], warm: [], without: [] };
    for (let round = 0; round < 3; round++) {
      const browser = new ExtensionBrowser(null);
      await browser.launch();
      try {
        const page = await browser.context.newPage();
        await page.addInitScript(PROBE);
        runs.cold!.push(
          await measure(page, fixtures.url(`/large.html?n=${n}&r=${round}`), expected, true),
        );
        runs.warm!.push(
          await measure(page, fixtures.url(`/large.html?n=${n}&r=${round}w`), expected, true),
        );
      } finally {
        await browser.close();
      }
      const plain = new ExtensionBrowser(null, false);
      await plain.launch();
      try {
        const page = await plain.context.newPage();
        await page.addInitScript(PROBE);
        runs.without!.push(
          await measure(page, fixtures.url(`/large.html?n=${n}&r=${round}p`), 0, false),
        );
      } finally {
        await plain.close();
      }
    }
    return runs;
  }
}

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(0));
const worst = (runs: PageRun[], key: 'allFlagsAfterLoadMs' | 'longestTaskMs') =>
  Math.max(...runs.map((r) => r[key] ?? Infinity));

function byKindRows(withExt: MemoryRun, without: MemoryRun): string {
  const kinds = [
    ...new Set([...Object.keys(withExt.workingByKind), ...Object.keys(withExt.settledByKind)]),
  ];
  const cell = (run: MemoryRun, kind: string) =>
    `${run.workingByKind[kind] ?? 0} / ${run.settledByKind[kind] ?? 0}`;
  return [
    '| process | with the extension | without |',
    '|---|---|---|',
    ...kinds.map((k) => `| ${k} | ${cell(withExt, k)} | ${cell(without, k)} |`),
  ].join('\n');
}

function writeSection(r: {
  page2000: Record<'cold' | 'warm' | 'without', PageRun[]>;
  memory10000: {
    withExtension: MemoryRun;
    withoutExtension: MemoryRun;
    addedMiB: number;
  };
}): void {
  const date = new Date().toISOString().slice(0, 10);
  const row = (name: string, runs: PageRun[]) =>
    `| ${name} | ${runs.map((x) => fmt(x.allFlagsAfterLoadMs)).join(' / ')} | ${runs.map((x) => fmt(x.allFlagsAfterNavMs)).join(' / ')} | ${runs.map((x) => x.flagged).join(' / ')} | ${runs.map((x) => fmt(x.longestTaskMs)).join(' / ')} | ${runs.map((x) => x.tasksOver50).join(' / ')} |`;
  const section = `## Extension

Machine: 2-core Node 20 sandbox (${cpus()[0]?.model ?? 'cpu'}), shared with other jobs; Chromium ${'(system /usr/bin/chromium, --headless=new)'}; ${date}.
Command: \`pnpm --filter @counterweight/e2e bench\` (test/bench/extension.ts). Three rounds each; values per round.

2,000-paragraph page (${r.page2000.cold[0]?.flagged ?? 0} flagged, one in ten). "All flags" is when the last \`data-counterweight\` attribute
appeared (main-world MutationObserver), measured from the load event and from navigation start. Long tasks are
PerformanceObserver \`longtask\` entries after DOMContentLoaded (HTML parsing of the page itself comes before).

| run | all flags after load (ms) | after navigation (ms) | flags | longest task after DCL (ms) | tasks > 50 ms |
|---|---|---|---|---|---|
${row('cold (first page, model loads)', r.page2000.cold)}
${row('warm (second page)', r.page2000.warm)}
${row('without the extension', r.page2000.without)}

Targets: every flag within 1,500 ms of load (worst warm ${fmt(worst(r.page2000.warm, 'allFlagsAfterLoadMs'))} ms, worst cold ${fmt(worst(r.page2000.cold, 'allFlagsAfterLoadMs'))} ms);
no content-script task over 50 ms (longest with the extension ${fmt(Math.max(worst(r.page2000.cold, 'longestTaskMs'), worst(r.page2000.warm, 'longestTaskMs')))} ms).

10,000-paragraph page, memory: PSS summed over every Chromium process (browser, renderers, GPU, utilities and the
extension's process: its service worker and the offscreen document that runs the model, which closes 15 s after its
last request), 5 s after the last flag ("working": the model has just classified 10,000 texts and is finding the
evidence for the flags) and 40 s later, nothing touched ("settled": median of 3 samples 1 s apart).
The extension's share is the difference to the same page in the same browser without the extension.

| | with the extension | without | added by the extension |
|---|---|---|---|
| working | ${r.memory10000.withExtension.beforeGcMib.toFixed(0)} MiB | ${r.memory10000.withoutExtension.beforeGcMib.toFixed(0)} MiB | ${(r.memory10000.withExtension.beforeGcMib - r.memory10000.withoutExtension.beforeGcMib).toFixed(0)} MiB |
| settled | ${r.memory10000.withExtension.mib.toFixed(0)} MiB | ${r.memory10000.withoutExtension.mib.toFixed(0)} MiB | **${r.memory10000.addedMiB.toFixed(0)} MiB** |

(${r.memory10000.withExtension.flagged} flags on the page, ${r.memory10000.withExtension.processes} processes with the extension.) Target: at most 80 MB added.

By kind of process, working / settled (MiB), with the extension and without:
${byKindRows(r.memory10000.withExtension, r.memory10000.withoutExtension)}
`;
  const file = join(REPO, 'BENCHMARKS.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf('## Extension\n');
  let next: string;
  if (start < 0) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const end = current.indexOf('\n## ', start + 1);
    next = current.slice(0, start) + section + (end < 0 ? '' : current.slice(end + 1));
  }
  writeFileSync(file, next);
  console.log(`wrote the "## Extension" section of ${file}`);
}

await main();
