import { tokenize } from '@counterweight/shared/text';
import type { PageFlag } from '../page/page-flag';

/**
 * Near-duplicate flags of one page shown as one group: texts whose model tokens are the same
 * once numbers are left out (so "Post 12: …" and "Post 97: …" or the same sentence in other
 * case, spacing, quotes or leetspeak collapse). Every member stays its own flag: a group
 * dismissal dismisses each text, a group confirmation reports each text separately.
 */
export interface FlagGroup {
  key: string;
  /** The member with the highest score; its text stands for the group. */
  lead: PageFlag;
  members: PageFlag[];
  decision: 'flag' | 'uncertain';
  /** Highest score of the lead's label among the members. */
  score: number;
  /** Blocks on the page that show a member. */
  occurrences: number;
  /** Position of the group's first member in page order (0 first). */
  firstSeen: number;
}

export type FlagSort = 'score' | 'page';
export interface FlagFilter {
  decision: 'any' | 'flag' | 'uncertain';
  label: 'any' | 'hate' | 'extremist';
}
export const NO_FILTER: FlagFilter = { decision: 'any', label: 'any' };

const NUMBER = /^\p{N}+$/u;

const KEY_CACHE_SIZE = 20_000;
const keys = new Map<string, string>();

/**
 * What near-duplicates share: the tokens the model sees, without the numbers. Remembered per
 * text, as the side panel asks again after every batch the page classifies.
 */
export function groupKey(text: string): string {
  const known = keys.get(text);
  if (known !== undefined) return known;
  const words = tokenize(text)
    .map((t) => t.norm)
    .filter((w) => !NUMBER.test(w));
  const key = words.length > 0 ? words.join(' ') : text;
  if (keys.size >= KEY_CACHE_SIZE) keys.clear();
  keys.set(text, key);
  return key;
}

const scoreOf = (flag: PageFlag) => flag.scores[flag.label];

/** Groups the page's flags (given in page order) by {@link groupKey}. */
export function groupFlags(flags: readonly PageFlag[]): FlagGroup[] {
  const groups = new Map<string, FlagGroup>();
  flags.forEach((flag, index) => {
    const key = `${flag.label} ${groupKey(flag.text)}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        key,
        lead: flag,
        members: [flag],
        decision: flag.decision,
        score: scoreOf(flag),
        occurrences: flag.occurrences,
        firstSeen: index,
      });
      return;
    }
    group.members.push(flag);
    group.occurrences += flag.occurrences;
    if (flag.decision === 'flag') group.decision = 'flag';
    if (scoreOf(flag) > group.score) {
      group.score = scoreOf(flag);
      group.lead = flag;
    }
  });
  return [...groups.values()];
}

/** The groups the reviewer asked for, in the order asked for (ties keep page order). */
export function arrangeGroups(
  groups: readonly FlagGroup[],
  sort: FlagSort,
  filter: FlagFilter,
): FlagGroup[] {
  const kept = groups.filter(
    (g) =>
      (filter.decision === 'any' || g.decision === filter.decision) &&
      (filter.label === 'any' || g.lead.label === filter.label),
  );
  return kept.sort((a, b) =>
    sort === 'score' ? b.score - a.score || a.firstSeen - b.firstSeen : a.firstSeen - b.firstSeen,
  );
}
