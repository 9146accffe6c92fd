/**
 * The /transparency page in the browser: figures and charts from the public report, a log
 * browser that decodes entries from the exact hashed bytes, and a verify button running the
 * shared auditor functions (signature, inclusion proofs, recomputed figures) on WebCrypto.
 * Everything from the server is written with `textContent`; the CSP forbids HTML parsing.
 */
import './transparency-jitless';
import { parseCheckpoint } from '@counterweight/shared/checkpoint';
import type { LogEntry } from '@counterweight/shared/log-entry';
import {
  TransparencyReport,
  type DurationSummary,
  type TransparencyFigures,
} from '@counterweight/shared/transparency';
import {
  auditReport,
  fetchEntries,
  fetchLogClient,
  verifyCheckpointSample,
} from '@counterweight/shared/transparency-audit';
import { TransparencySeries } from '@counterweight/shared/transparency-series';
import { barChart, formatNumber } from './transparency-charts';
import './transparency-false-flags';

const client = fetchLogClient(location.origin);
const PAGE = 25;
let report: TransparencyReport | null = null;
let logEnd = 0;

function $(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node;
}

function el(tag: string, text?: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const hours = (ms: number | null) => (ms === null ? null : ms / 3_600_000);
const duration = (d: DurationSummary) =>
  d.count === 0
    ? 'no cases'
    : `median ${formatNumber(hours(d.medianMs)!)} h, 90th percentile ${formatNumber(hours(d.p90Ms)!)} h (${d.count} cases)`;

function defaultPeriod(): { from: string; to: string } {
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

async function loadPeriod(): Promise<void> {
  const form = $('period') as HTMLFormElement;
  const data = new FormData(form);
  const query = `from=${encodeURIComponent(String(data.get('from')))}&to=${encodeURIComponent(String(data.get('to')))}`;
  $('period-error').textContent = '';
  try {
    report = TransparencyReport.parse(await client.json(`/v1/transparency/report?${query}`));
    const series = TransparencySeries.parse(
      await client.json(
        `/v1/transparency/series?${query}&bucket=${encodeURIComponent(String(data.get('bucket')))}`,
      ),
    );
    $('checkpoint').textContent =
      `Computed at the log checkpoint of tree size ${report.checkpoint.treeSize}, root ${report.checkpoint.rootHash}, on ${report.generatedAt}.`;
    renderHeadline(report.figures);
    renderBreakdowns(report.figures);
    renderCharts(series);
    logEnd = report.checkpoint.treeSize;
    await loadLog();
  } catch (error) {
    $('period-error').textContent = `Could not load the report: ${message(error)}`;
  }
}

function renderHeadline(f: TransparencyFigures): void {
  const rows: [string, string][] = [
    ['Reports received', String(f.reports.received)],
    ['Decisions', String(f.decisions.total)],
    ['Items actioned', String(f.decisions.actioned)],
    ['Removed or disabled', String(f.decisions.removedOrDisabled)],
    ['Art. 1(3) exemption applied', String(f.decisions.exemptionApplied)],
    ['Appeals received', String(f.appeals.received)],
    ['Appeals decided', String(f.appeals.decided)],
    ['Reinstatements', String(f.reinstatements)],
    ['Appeals decided by the original decider', String(f.appeals.decidedByOriginalDecider)],
    ['Appeals decided late (over 14 days)', String(f.appeals.decidedLate)],
    ['Content purged (retention)', String(f.contentPurged)],
    ['Report to decision', duration(f.timings.reportToDecision)],
    ['Appeal to outcome', duration(f.timings.appealToOutcome)],
  ];
  const list = $('headline');
  list.replaceChildren();
  for (const [term, value] of rows) {
    const row = el('div', undefined, 'figure');
    row.append(el('dt', term), el('dd', value));
    list.append(row);
  }
}

function breakdown(title: string, counts: Record<string, number>): HTMLElement {
  const table = el('table', undefined, 'breakdown');
  table.append(el('caption', title));
  const body = el('tbody');
  for (const [key, value] of Object.entries(counts)) {
    const tr = el('tr');
    tr.append(el('th', key.replaceAll('_', ' ')), el('td', String(value)));
    body.append(tr);
  }
  if (Object.keys(counts).length === 0) body.append(el('tr', 'none'));
  table.append(body);
  return table;
}

function renderBreakdowns(f: TransparencyFigures): void {
  $('breakdowns').replaceChildren(
    breakdown('Decisions by category', f.decisions.byCategory),
    breakdown('Terrorist content by TCO Art. 2(7) type', f.decisions.byTcoType),
    breakdown('Decisions by action', f.decisions.byAction),
    breakdown('Actioned items by territory', f.decisions.byTerritory),
    breakdown('Decisions by ground', f.decisions.byGround),
    breakdown('Decisions by detection source', f.decisions.byDetection),
    breakdown('Decisions by automation', f.decisions.byAutomation),
    breakdown('Art. 1(3) exemptions named', f.decisions.byExemption),
    breakdown('Reports by detection source', f.reports.byDetection),
    breakdown('Appeals by appellant', f.appeals.byAppellant),
    breakdown('Appeal outcomes', f.appeals.outcomes),
  );
}

function renderCharts(series: TransparencySeries): void {
  const label = (from: string) =>
    series.bucket === 'month' ? from.slice(0, 7) : from.slice(5, 10);
  const of = (pick: (f: TransparencyFigures) => number | null) =>
    series.points.map((p) => ({ label: label(p.period.from), value: pick(p.figures) }));
  $('charts').replaceChildren(
    barChart(
      'Decisions',
      of((f) => f.decisions.total),
    ),
    barChart(
      'Items actioned',
      of((f) => f.decisions.actioned),
    ),
    barChart(
      'Flagged by the classifier (decisions)',
      of((f) => f.decisions.byDetection.classifier),
    ),
    barChart(
      'Appeals received',
      of((f) => f.appeals.received),
    ),
    barChart(
      'Reinstatements',
      of((f) => f.reinstatements),
    ),
    barChart(
      'Median hours, report to decision',
      of((f) => hours(f.timings.reportToDecision.medianMs)),
      ' h',
    ),
  );
}

async function loadLog(): Promise<void> {
  const start = Math.max(0, logEnd - PAGE);
  $('log-error').textContent = '';
  const body = $('log').querySelector('tbody')!;
  try {
    const entries = await fetchEntries(client, start, logEnd);
    body.replaceChildren(...entries.reverse().map((e) => logRow(e.index, e.entry)));
    $('log-range').textContent =
      logEnd === 0 ? 'the log is empty' : `entries ${start} to ${logEnd - 1} (newest first)`;
  } catch (error) {
    $('log-error').textContent = `Could not load log entries: ${message(error)}`;
  }
}

function logRow(index: number, entry: LogEntry): HTMLElement {
  const tr = el('tr');
  tr.dataset.index = String(index);
  const details = {
    ...entry.details,
    ...(entry.exemptions?.length ? { exemptions: entry.exemptions } : {}),
    ...(entry.excerptSha256 ? { excerptSha256: entry.excerptSha256 } : {}),
  };
  tr.append(
    el('td', String(index)),
    el('td', entry.at),
    el('td', entry.type),
    el('td', entry.caseNumber ?? ''),
    el('td', [entry.category, entry.tcoType].filter(Boolean).join(' / ')),
    el('td', entry.action ?? ''),
    el('td', entry.actor ?? ''),
    el('td', JSON.stringify(details), 'details'),
  );
  return tr;
}

async function verify(): Promise<void> {
  const status = $('verify-status');
  const results = $('verify-results');
  const form = new FormData($('verify-form') as HTMLFormElement);
  const key = String(form.get('key') ?? '').trim();
  const sample = Math.min(200, Math.max(1, Number(form.get('sample')) || 16));
  results.replaceChildren();
  status.dataset.state = 'running';
  status.textContent = 'Verifying…';
  const add = (ok: boolean, text: string) =>
    results.append(el('li', `${ok ? '✔' : '✘'} ${text}`, ok ? 'ok' : 'failed'));
  try {
    const checked = await verifyCheckpointSample(client, key, sample);
    add(
      true,
      `Checkpoint signature valid: ${checked.checkpoint.origin}, tree size ${checked.checkpoint.size}`,
    );
    for (const check of checked.checks) add(check.ok, check.message);
    let ok = checked.ok;
    if (report) {
      if (report.checkpoint.treeSize > checked.checkpoint.size)
        throw new Error('the report names a tree larger than the signed checkpoint');
      status.textContent = `Recomputing the figures from ${report.checkpoint.treeSize} log entries…`;
      const audit = await auditReport(client, report, { signed: checked.checkpoint });
      add(
        audit.rootMatches,
        `Report root ${audit.rootMatches ? 'matches' : 'does NOT match'} the entries (tree size ${report.checkpoint.treeSize})`,
      );
      add(
        audit.consistentWithSigned === true,
        `Report tree ${audit.consistentWithSigned ? 'is' : 'is NOT'} a prefix of the signed tree (consistency proof)`,
      );
      for (const m of audit.mismatches)
        add(
          false,
          `${m.path}: the report says ${JSON.stringify(m.published)}, the log gives ${JSON.stringify(m.recomputed)}`,
        );
      if (audit.mismatches.length === 0)
        add(true, 'Every figure of the report matches the log entries');
      ok &&= audit.ok;
    }
    status.dataset.state = ok ? 'ok' : 'failed';
    status.textContent = ok
      ? 'Verified: the log and the report check out.'
      : 'Verification FAILED: see the items marked ✘.';
  } catch (error) {
    status.dataset.state = 'failed';
    status.textContent = `Verification FAILED: ${message(error)}`;
  }
}

async function start(): Promise<void> {
  const form = $('period') as HTMLFormElement;
  const period = defaultPeriod();
  (form.elements.namedItem('from') as HTMLInputElement).value = period.from;
  (form.elements.namedItem('to') as HTMLInputElement).value = period.to;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void loadPeriod();
  });
  ($('verify-form') as HTMLFormElement).addEventListener('submit', (event) => {
    event.preventDefault();
    void verify();
  });
  $('older').addEventListener('click', () => {
    logEnd = Math.max(Math.min(PAGE, report?.checkpoint.treeSize ?? 0), logEnd - PAGE);
    void loadLog();
  });
  $('newer').addEventListener('click', () => {
    logEnd = Math.min(report?.checkpoint.treeSize ?? 0, logEnd + PAGE);
    void loadLog();
  });
  try {
    ($('verifier-key') as HTMLInputElement).value = (await client.text('/v1/log/key')).trim();
    const note = await client.text('/v1/log/checkpoint');
    parseCheckpoint(note.slice(0, note.indexOf('\n\n') + 1)); // fail early on a malformed note
  } catch (error) {
    $('verify-status').textContent =
      `Could not read the log's key or checkpoint: ${message(error)}`;
  }
  await loadPeriod();
  document.body.dataset.ready = 'true';
}

void start();
