import type { z } from 'zod';
import type { SignalQuery } from '@counterweight/shared/bank';
import { MAX_EXCERPT_CHARS, type ReportedTextMatch } from '@counterweight/shared/report';
import { textSignal } from '@counterweight/shared/text-signal';
import type { TextOnPage } from '../messaging/page-protocol';

/**
 * A text block of the page whose text signal matched a bank, as a reviewer reports it: the report
 * quotes the text as the excerpt, carries the excerpt's text signal (a removal banks it) and the
 * match that found it (bank, distance in MinHash slots), and says `detectedBy: "hash_match"`.
 */
export interface MatchedText {
  kind: 'text';
  text: string;
  /** The page the text was seen on. */
  url: string;
  capturedAt: string;
  match: z.infer<typeof TextOnPage>;
}

/** The review subject for a matched text seen on the page at `pageUrl`. */
export function matchedText(
  match: z.infer<typeof TextOnPage>,
  pageUrl: string,
  capturedAt: string,
): MatchedText {
  return { kind: 'text', text: match.text, url: pageUrl, capturedAt, match };
}

/**
 * The text signal a report on the text carries: the one of the excerpt the reviewer reads (the
 * block's own, but for a block cut to the excerpt limit), which the API checks against the excerpt.
 */
export function textSignals(subject: MatchedText): SignalQuery[] {
  const value = textSignal(subject.text.slice(0, MAX_EXCERPT_CHARS));
  return value ? [{ type: 'text', value }] : [];
}

/** The match that found the text: its bank and distance. */
export function textMatchOf(subject: MatchedText): ReportedTextMatch {
  return { bank: subject.match.bank, distance: subject.match.distance };
}
