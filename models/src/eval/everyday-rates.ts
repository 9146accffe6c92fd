import type { ClassifierResult } from '@counterweight/shared';
import type { Example } from '../data/corpus';

export interface EverydayRates {
  source: string;
  n: number;
  /** Share flagged with either label: what a reviewer sees on an ordinary page. */
  flagRate: number;
  hateFlagRate: number;
  extremistFlagRate: number;
  /** Share flagged or marked uncertain. */
  raisedRate: number;
}

/**
 * False-flag rates on real lawful text per source (held-out WordNet examples, held-out
 * speech sentences): none of it is terrorist content; hate counts only where the row is
 * labelled not hateful (rows naming a group carry no hate label).
 */
export function everydayRates(rows: Example[], scored: Map<Example, ClassifierResult>) {
  const sources = [...new Set(rows.map((r) => r.source))];
  return sources.map((source): EverydayRates => {
    const own = rows.filter((r) => r.source === source);
    const share = (pick: (r: Example, c: ClassifierResult) => boolean) =>
      own.filter((r) => pick(r, scored.get(r)!)).length / Math.max(1, own.length);
    return {
      source,
      n: own.length,
      flagRate: share((r, c) => c.decision === 'flag' && (c.label !== 'hate' || r.hate === 0)),
      hateFlagRate: share((r, c) => c.decision === 'flag' && c.label === 'hate' && r.hate === 0),
      extremistFlagRate: share((_, c) => c.decision === 'flag' && c.label === 'extremist'),
      raisedRate: share((_, c) => c.decision === 'flag' || c.decision === 'uncertain'),
    };
  });
}
