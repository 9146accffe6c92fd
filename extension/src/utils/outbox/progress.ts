import { z } from 'zod';
import type { OutboxEntry } from './outbox-entry';

/**
 * How often the outbox asks the API where a sent report stands: a quarter of the report's age,
 * at least a minute and at most six hours (a fresh report is checked often, an old one rarely),
 * and never again once its appeal is decided (final).
 */
export const PROGRESS_MIN_MS = 60_000;
export const PROGRESS_MAX_MS = 6 * 3_600_000;

/** When a sent report's progress is next due to be checked, or null when it never is. */
export function progressDueAt(entry: OutboxEntry): number | null {
  if (entry.kind !== 'report' || entry.state !== 'sent' || !entry.receipt || !entry.sentAt)
    return null;
  if (entry.progress?.state === 'appeal_decided') return null;
  const sentAt = Date.parse(entry.sentAt);
  const last = entry.progressAskedAt ? Date.parse(entry.progressAskedAt) : sentAt;
  const interval = Math.min(PROGRESS_MAX_MS, Math.max(PROGRESS_MIN_MS, (last - sentAt) / 4));
  return last + interval;
}

/** Sent reports whose progress is due now (at most 200: one request of the bulk endpoint). */
export function progressDue(entries: readonly OutboxEntry[], now: number): OutboxEntry[] {
  return entries
    .filter((e) => {
      const due = progressDueAt(e);
      return due !== null && due <= now;
    })
    .slice(0, 200);
}

/** The earliest time a progress check is due, or null. */
export function nextProgressAt(entries: readonly OutboxEntry[]): number | null {
  const times = entries.map(progressDueAt).filter((t): t is number => t !== null);
  return times.length === 0 ? null : Math.min(...times);
}

const StatusAnswer = z.object({
  reports: z.array(
    z.object({
      id: z.string(),
      state: z.enum(['waiting', 'claimed', 'decided', 'appealed', 'appeal_decided']),
      action: z.string().optional(),
      statementUrl: z.string().optional(),
    }),
  ),
});
export type ProgressLine = z.infer<typeof StatusAnswer>['reports'][number];

/**
 * Asks `POST /v1/reports/status` where the reports `ids` stand: their ids only, never any page
 * text. Resolves to the lines the API gave (its own reports only), or null when it could not be
 * asked (network, non-2xx): the next check then comes later, as scheduled.
 */
export async function fetchProgress(
  ids: readonly string[],
  connection: { apiBaseUrl: string; token: string },
  fetchImpl: typeof fetch = fetch,
): Promise<ProgressLine[] | null> {
  if (!connection.token || ids.length === 0) return null;
  try {
    const response = await fetchImpl(new URL('/v1/reports/status', connection.apiBaseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${connection.token}`,
      },
      body: JSON.stringify({ ids }),
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!response.ok) return null;
    const parsed = StatusAnswer.safeParse(await response.json());
    return parsed.success ? parsed.data.reports : null;
  } catch {
    return null;
  }
}

/** The entry with the progress the API gave; `statementUrl` made absolute on the API's origin. */
export function withProgress(
  entry: OutboxEntry,
  line: ProgressLine,
  apiBaseUrl: string,
  now: number,
): OutboxEntry {
  return {
    ...entry,
    progressAskedAt: new Date(now).toISOString(),
    progress: {
      state: line.state,
      ...(line.action ? { action: line.action } : {}),
      ...(line.statementUrl
        ? { statementUrl: new URL(line.statementUrl, apiBaseUrl).toString() }
        : {}),
      checkedAt: new Date(now).toISOString(),
    },
  };
}
