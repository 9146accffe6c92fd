import { createHash } from 'node:crypto';
import { logEntry, type LogEntry, type SignalType } from '@counterweight/shared';
import canonicalize from 'canonicalize';

/** A signal as the log and the exchange formats see it: hash and label, nothing else. */
export interface LoggedSignal {
  type: SignalType;
  value: string;
  category: string;
  source: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * SHA-256 of the canonical JSON of the signals sorted by type and value: what a log entry
 * commits to for a batch, so that anyone with the bank's export can check which signals a
 * change added or removed without the log repeating thousands of hashes.
 */
export function signalsDigest(signals: LoggedSignal[]): string {
  const sorted = [...signals]
    .map(({ type, value, category, source }) => ({ type, value, category, source }))
    .sort((a, b) => (a.type + a.value < b.type + b.value ? -1 : 1));
  return sha256(canonicalize(sorted) ?? '[]');
}

/**
 * The log entry of a change to a bank: the bank, how many signals, their digest, and the
 * distinct categories and sources of their labels. No content and no person (the actor is a
 * pseudonym, null when the change follows a decision or an appeal, which are logged themselves).
 */
export function bankChangeEntry(
  type: 'bank_signals_added' | 'bank_signals_removed' | 'bank_signal_held' | 'bank_signal_disputed',
  at: string,
  bank: string,
  signals: LoggedSignal[],
  actor: string | null,
  extra: LogEntry['details'] = {},
): LogEntry {
  return logEntry(type, at, {
    actor,
    details: {
      bank,
      count: signals.length,
      signalsSha256: signalsDigest(signals),
      types: [...new Set(signals.map((s) => s.type))].sort(),
      categories: [...new Set(signals.map((s) => s.category))].sort(),
      sources: [...new Set(signals.map((s) => s.source))].sort(),
      ...extra,
    },
  });
}
