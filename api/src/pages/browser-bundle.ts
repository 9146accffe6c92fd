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

/** One file of {@link bundleUiPages}: its name (content-hashed) and its bytes. */
export interface BundledFile {
  name: string;
  contents: Uint8Array;
}

/** What {@link bundleUiPages} built: every file, and per entry its file and the chunks it imports. */
export interface BundledPages {
  files: BundledFile[];
  entries: Record<string, { file: string; imports: string[] }>;
}

/**
 * Bundles several pages of `@counterweight/ui` together (`entries`: name → entry relative to its
 * `src/`), as {@link bundleUiPage} does, but split: code shared by entries goes into chunks, and
 * code an entry loads with `import()` into chunks of their own, so that a page evaluates only what
 * it shows first. Every file is named by its content's hash (`name-HASH.js`, `chunk-HASH.js`) and
 * imports the others by relative path, so they are served from one folder, cached forever.
 */
export async function bundleUiPages(entries: Record<string, string>): Promise<BundledPages> {
  const result = await build({
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([name, entry]) => [name, join(UI_DIR, 'src', entry)]),
    ),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    write: false,
    outdir: '/bundle',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [zodEnglishOnly],
  });
  const name = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const built: BundledPages['entries'] = {};
  for (const [path, output] of Object.entries(result.metafile.outputs)) {
    if (!output.entryPoint) continue;
    const entry = Object.keys(entries).find((key) =>
      new RegExp(`^${key}-[A-Z0-9]+\\.js$`).test(name(path)),
    );
    if (!entry) continue;
    built[entry] = {
      file: name(path),
      imports: output.imports.filter((i) => i.kind === 'import-statement').map((i) => name(i.path)),
    };
  }
  for (const key of Object.keys(entries))
    if (!built[key]) throw new Error(`esbuild produced no output for ${key}`);
  return {
    files: result.outputFiles.map((f) => ({ name: name(f.path), contents: f.contents })),
    entries: built,
  };
}
