import type { OutboxEntry } from '../outbox/outbox-entry';

/** Where the report of a flag stands, as its card says it. */
export type FlagStatus =
  | { state: 'none' }
  | { state: 'queued' }
  | { state: 'reported'; reference: string; decision: string | null }
  | { state: 'refused'; status: number; message: string };

const PROGRESS_TEXT: Record<string, string> = {
  waiting: 'waiting for a reviewer',
  claimed: 'under review',
  decided: 'decided',
  appealed: 'appealed',
  appeal_decided: 'appeal decided',
};

/**
 * What the API has said about a report, when the outbox entry carries it. `progress` is added by
 * status polling (the console issue); it is read defensively because older entries lack it.
 */
function decisionOf(entry: OutboxEntry): string | null {
  const progress = (entry as { progress?: unknown }).progress;
  if (typeof progress !== 'object' || progress === null) return null;
  const { state, action } = progress as { state?: unknown; action?: unknown };
  if (typeof state !== 'string' || !(state in PROGRESS_TEXT)) return null;
  const text = PROGRESS_TEXT[state]!;
  return typeof action === 'string' && action ? `${text}: ${action.replace(/_/g, ' ')}` : text;
}

function excerptOfEntry(entry: OutboxEntry): string | null {
  const body = entry.body as { content?: { excerpt?: unknown } } | null;
  const excerpt = body?.content?.excerpt;
  return typeof excerpt === 'string' ? excerpt : null;
}

/**
 * The reports in the outbox by excerpt, newest last: the card of a flag shows "Queued" until the
 * API acknowledges its report, then "Reported CW-…", then the decision once there is one.
 */
export function reportStatuses(entries: readonly OutboxEntry[]): Map<string, FlagStatus> {
  const out = new Map<string, FlagStatus>();
  for (const entry of entries) {
    if (entry.kind !== 'report') continue;
    const excerpt = excerptOfEntry(entry);
    if (excerpt === null) continue;
    if (entry.state === 'sent' && entry.receipt)
      out.set(excerpt, {
        state: 'reported',
        reference: entry.receipt.reference,
        decision: decisionOf(entry),
      });
    else if (entry.state === 'refused' && entry.refusal)
      out.set(excerpt, {
        state: 'refused',
        status: entry.refusal.status,
        message: entry.refusal.message,
      });
    else out.set(excerpt, { state: 'queued' });
  }
  return out;
}

/** Refusals a retry cannot change: every 4xx but 408, 425 and 429 (those the outbox retries). */
export function isPermanentRefusal(status: number): boolean {
  return status >= 400 && status < 500 && ![408, 425, 429].includes(status);
}
