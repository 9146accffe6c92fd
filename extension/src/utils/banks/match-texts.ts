import { textSignal } from '@counterweight/shared/text-signal';
import { matchTextSignal, type BankCopy } from './bank-copy';
import type { LocalMatch } from './image-messages';

/**
 * The nearest bank match of each text (null for none, or for a text of fewer than five words,
 * which has no signal): its text signal is computed here, in the background, and compared with
 * the local copy's text signals only. A negative bank's signal suppresses the match.
 */
export function matchTexts(texts: readonly string[], copy: BankCopy): (LocalMatch | null)[] {
  if (!copy.signals.some((s) => s.type === 'text')) return texts.map(() => null);
  return texts.map((text) => {
    const signal = textSignal(text);
    return signal ? (matchTextSignal(copy, signal)[0] ?? null) : null;
  });
}
