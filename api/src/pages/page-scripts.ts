import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context } from 'hono';
import { bundleUiPages } from './browser-bundle';
import { securePage } from './page-csp';

/** Where the pages' scripts are served from; their names carry their content's hash. */
export const SCRIPTS_PATH = '/scripts';

/** The pages bundled together: name → entry under `@counterweight/ui`'s `src/`. */
const PAGE_ENTRIES = {
  console: 'console/main.tsx',
  'first-requests': 'console/first-requests.ts',
  appeal: 'appeal/main.tsx',
};
export type PageEntry = keyof typeof PAGE_ENTRIES;

/** One script as served: raw, gzip and brotli, with its strong ETag. */
interface ServedScript {
  raw: Uint8Array;
  gzip: Uint8Array;
  brotli: Uint8Array;
  etag: string;
}

/** The built scripts: by file name, and per entry the addresses a page loads first. */
export interface PageScripts {
  files: Map<string, ServedScript>;
  /** The entry's script, then the chunks it imports statically (for `modulepreload`). */
  entry: (name: PageEntry) => { src: string; preload: string[] };
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

async function buildPageScripts(): Promise<PageScripts> {
  const bundled = await bundleUiPages(PAGE_ENTRIES);
  const files = new Map<string, ServedScript>();
  await Promise.all(
    bundled.files.map(async ({ name, contents }) => {
      const [gz, br] = await Promise.all([
        gzipAsync(contents, { level: 9 }),
        brotliAsync(contents, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 10,
            [constants.BROTLI_PARAM_SIZE_HINT]: contents.length,
          },
        }),
      ]);
      // the name holds the content hash already
      files.set(name, { raw: contents, gzip: gz, brotli: br, etag: `"${name}"` });
    }),
  );
  return {
    files,
    entry: (name) => {
      const { file, imports } = bundled.entries[name]!;
      return {
        src: `${SCRIPTS_PATH}/${file}`,
        preload: imports.map((chunk) => `${SCRIPTS_PATH}/${chunk}`),
      };
    },
  };
}

let built: Promise<PageScripts> | undefined;

/**
 * The pages' scripts, built (bundled, then compressed with gzip and brotli) once per process: the
 * server starts the build at start-up (`src/index.ts`), tests at their first page request. A
 * failed build is tried again at the next call.
 */
export function pageScripts(): Promise<PageScripts> {
  if (!built) {
    built = buildPageScripts();
    built.catch(() => (built = undefined));
  }
  return built;
}

/** A year: the scripts' names change with their content, so a cached copy is never stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /scripts/:file`: one built script under the pages' CSP, cached forever (strong ETag, 304
 * on a match), brotli or gzip when the browser accepts it.
 */
export async function serveScript(c: Context): Promise<Response> {
  const script = (await pageScripts()).files.get(c.req.param('file') ?? '');
  if (!script) return c.notFound();
  securePage(c, 'no-cache');
  c.header('Cache-Control', IMMUTABLE);
  c.header('ETag', script.etag);
  c.header('Vary', 'Accept-Encoding');
  if (c.req.header('if-none-match') === script.etag) return c.body(null, 304);
  c.header('Content-Type', 'text/javascript; charset=utf-8');
  const accepts = c.req.header('accept-encoding') ?? '';
  const [encoding, body] = /\bbr\b/.test(accepts)
    ? ['br', script.brotli]
    : /\bgzip\b/.test(accepts)
      ? ['gzip', script.gzip]
      : [null, script.raw];
  if (encoding) c.header('Content-Encoding', encoding);
  return c.body(new Uint8Array(body));
}
