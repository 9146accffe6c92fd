import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Vectors from facebook/ThreatExchange `pdq/data/` with the reference C++ hasher's output. */
export const VECTORS_DIR = join(import.meta.dirname, '../../../../shared/pdq-vectors');

/** The lines of `expected.csv`: what the reference hasher printed for each vector. */
export function expectedVectors(): { hash: string; quality: number; file: string }[] {
  return readFileSync(join(VECTORS_DIR, 'expected.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [hash, quality, file] = line.split(',');
      return { hash: hash!, quality: Number(quality), file: file! };
    });
}
