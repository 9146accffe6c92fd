import { readFile } from 'node:fs/promises';
import { pdqHashPhoto } from '@counterweight/shared/pdq/index';
import { decodeImage } from '../pdq/decode-image';

/**
 * `pnpm pdq FILE…`: prints `HASH_HEX,QUALITY,FILE` for each image, the reference
 * `pdq-photo-hasher`'s format. Files it cannot read or decode are named on stderr, and the
 * exit status is then 1; the others are still hashed.
 */
export async function runPdq(
  files: string[],
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  if (files.length === 0) {
    err('usage: pnpm pdq FILE…');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const { hash, quality } = pdqHashPhoto(decodeImage(await readFile(file)));
      out(`${hash},${quality},${file}`);
    } catch (error) {
      failed++;
      err(`${file}: could not decode (${(error as Error).message})`);
    }
  }
  return failed > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runPdq(
    process.argv.slice(2),
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
}
