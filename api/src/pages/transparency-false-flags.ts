/**
 * The /transparency page's false-flag rates per model version, from the feedback reviewers
 * choose to share (`GET /v1/transparency/false-flags`). Written with `textContent` only, into
 * the page's `#false-flags` section; imported by transparency-app.ts.
 */
import { FalseFlagRates } from '@counterweight/shared/feedback';

const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)} %`);

function cell(row: HTMLTableRowElement, text: string, header = false): void {
  const node = document.createElement(header ? 'th' : 'td');
  node.textContent = text;
  row.append(node);
}

/** Fetches the rates and fills the section's table (or says why it cannot). */
export async function renderFalseFlags(): Promise<void> {
  const body = document.querySelector<HTMLTableSectionElement>('#false-flags tbody');
  const status = document.getElementById('false-flags-status');
  if (!body || !status) return;
  try {
    const response = await fetch('/v1/transparency/false-flags', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { models } = FalseFlagRates.parse(await response.json());
    body.replaceChildren();
    for (const m of models) {
      const row = body.insertRow();
      cell(row, m.modelVersion, true);
      cell(row, String(m.dismissed));
      cell(row, String(m.confirmed));
      cell(row, percent(m.falseFlagRate));
      cell(row, m.firstDay === m.lastDay ? m.firstDay : `${m.firstDay} to ${m.lastDay}`);
    }
    status.textContent = models.length === 0 ? 'No reviewer has shared feedback yet.' : '';
  } catch (error) {
    status.textContent = `Could not load the false-flag rates: ${error instanceof Error ? error.message : String(error)}`;
  }
}

void renderFalseFlags();
