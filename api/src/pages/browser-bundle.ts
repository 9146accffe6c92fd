import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** zod's error messages in English only: the other locales would triple a bundle. */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/** The folder of the `@counterweight/ui` package, whose pages the API serves. */
export const UI_DIR = dirname(
  createRequire(import.meta.url).resolve('@counterweight/ui/package.json'),
);

/**
 * Bundles one React page of `@counterweight/ui` (`entry`, relative to its `src/`) for the
 * browser with esbuild: minified, React's production build, zod in English only. Nothing is
 * written to disk and nothing is fetched: the API builds its pages at run time, offline.
 */
export async function bundleUiPage(entry: string): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [join(UI_DIR, 'src', entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [zodEnglishOnly],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.contents;
}
