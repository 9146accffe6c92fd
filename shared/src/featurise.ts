import { tokenize, type Token } from './text';

/** Id 0 pads a sequence, id 1 stands for a word the vocabulary does not know. */
export const PAD_ID = 0;
export const UNKNOWN_ID = 1;
/** Padding positions that always follow the last token of a window (see sequenceLength). */
export const PAD_MARGIN = 4;
const REPAIR_CACHE_SIZE = 10_000;

/** Featuriser settings, stored in the model's metadata.json. */
export interface FeaturiserSettings {
  /**
   * Ids per sequence. A window holds at most sequenceLength - PAD_MARGIN tokens, so every
   * sequence ends in padding and the model's output does not depend on how much padding follows.
   */
  sequenceLength: number;
  /** Vocabulary; index i + 2 is the id of vocabulary[i] (0 and 1 are reserved). */
  vocabulary: string[];
}

/** A featurised window: token ids (padded to sequenceLength) and the tokens they came from. */
export interface FeaturisedWindow {
  ids: Int32Array;
  tokens: Token[];
}

/**
 * Maps tokens to vocabulary ids the same way in training and in the browser. A word the
 * vocabulary lacks is repaired where that is unambiguous: a run-together word is split into
 * known words (ihatejews -> i hate jews), a word with two letters swapped or one letter added
 * or dropped is mapped to the known word (muslmis -> muslims); otherwise it is UNKNOWN_ID.
 */
export class Featuriser {
  readonly settings: FeaturiserSettings;
  private readonly ids = new Map<string, number>();
  private fuzzyIndex: Map<string, number> | null = null;
  /** Unknown words already repaired (or found unrepairable), with their ids. */
  private readonly repaired = new Map<string, readonly number[]>();

  constructor(settings: FeaturiserSettings) {
    this.settings = settings;
    settings.vocabulary.forEach((word, i) => this.ids.set(word, i + 2));
  }

  /** The typo index, built on the first unknown word (it costs more than the rest of loading). */
  private get fuzzy(): Map<string, number> {
    if (this.fuzzyIndex) return this.fuzzyIndex;
    const index = new Map<string, number>();
    // Vocabulary is ordered by frequency: the first word to claim a key keeps it.
    this.settings.vocabulary.forEach((word, i) => {
      if (word.length < 4 || !/^\p{L}+$/u.test(word)) return;
      for (const key of fuzzyKeys(word)) if (!index.has(key)) index.set(key, i + 2);
    });
    this.fuzzyIndex = index;
    return index;
  }

  /** Ids for one token, possibly several (a run-together word). Never empty. */
  idsOf(word: string): readonly number[] {
    const known = this.ids.get(word);
    if (known !== undefined) return [known];
    const cached = this.repaired.get(word);
    if (cached) return cached;
    const ids = this.repair(word);
    // Bounded: a page's names and typos recur, but a long session must not grow without end.
    if (this.repaired.size >= REPAIR_CACHE_SIZE) this.repaired.clear();
    this.repaired.set(word, ids);
    return ids;
  }

  private repair(word: string): readonly number[] {
    if (word.length >= 4 && /^\p{L}+$/u.test(word)) {
      const fuzzy = this.fuzzy;
      for (const key of fuzzyKeys(word)) {
        const near = fuzzy.get(key);
        if (near !== undefined) return [near];
      }
      const parts = this.segment(word);
      if (parts) return parts;
    }
    return [UNKNOWN_ID];
  }

  /** Splits a run-together word into the fewest known words of two or more letters (or a, i). */
  private segment(word: string): number[] | null {
    if (word.length > 40) return null;
    const best: (number[] | null)[] = new Array(word.length + 1).fill(null);
    best[0] = [];
    for (let end = 1; end <= word.length; end++) {
      for (let start = Math.max(0, end - 20); start < end; start++) {
        const before = best[start];
        if (!before) continue;
        const piece = word.slice(start, end);
        if (piece.length === 1 && piece !== 'a' && piece !== 'i') continue;
        const id = this.ids.get(piece);
        if (id === undefined) continue;
        const current = best[end];
        if (!current || current.length > before.length + 1) best[end] = [...before, id];
      }
    }
    const result = best[word.length];
    return result && result.length > 1 ? result : null;
  }

  /**
   * Featurises a text into windows of sequenceLength ids (at least one window; long texts
   * give several, each scored on its own and the maximum taken).
   */
  featurise(text: string): FeaturisedWindow[] {
    const { sequenceLength } = this.settings;
    const size = sequenceLength - PAD_MARGIN;
    const ids: number[] = [];
    const tokens: Token[] = [];
    for (const token of tokenize(text)) {
      const known = this.ids.get(token.norm);
      if (known !== undefined) {
        ids.push(known);
        tokens.push(token);
        continue;
      }
      for (const id of this.idsOf(token.norm)) {
        ids.push(id);
        tokens.push(token);
      }
    }
    const windows: FeaturisedWindow[] = [];
    const stride = Math.max(1, Math.floor((size * 3) / 4));
    for (let start = 0; ; start += stride) {
      const window = new Int32Array(sequenceLength);
      window.set(ids.slice(start, start + size));
      windows.push({ ids: window, tokens: tokens.slice(start, start + size) });
      if (start + size >= ids.length) break;
    }
    return windows;
  }
}

/**
 * Keys shared by words one swap, insertion or deletion apart, most telling first (a lookup takes
 * the first key found): the word itself as a deletion key (a known word missing one letter, as
 * when a masking star is dropped: p*kistanis), its sorted letters (a swap), then the word less
 * each letter (one letter added, or, against a known word's own deletion, one replaced).
 */
function fuzzyKeys(word: string): string[] {
  const keys = ['d:' + word, 's:' + [...word].sort().join('')];
  for (let i = 0; i < word.length; i++) keys.push('d:' + word.slice(0, i) + word.slice(i + 1));
  return keys;
}
