import type { OutboxEntry } from '../outbox/outbox-entry';
import { targetExcerpt } from '../targets/target-draft';

/**
 * Texts already marked as counter-narrative targets from this browser, by excerpt: the target's
 * reference once the API acknowledged it, "queued" before. A card whose text is already a target
 * says so instead of offering to mark it twice.
 */
export function markedTargets(entries: readonly OutboxEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of entries) {
    if (entry.kind !== 'target' || entry.state === 'refused') continue;
    const excerpt = (entry.body as { excerpt?: unknown } | null)?.excerpt;
    if (typeof excerpt === 'string') out.set(excerpt, entry.receipt?.reference ?? 'queued');
  }
  return out;
}

/** The target reference a text already has, if any. */
export function targetOf(marks: Map<string, string>, text: string): string | null {
  return marks.get(targetExcerpt(text)) ?? null;
}
