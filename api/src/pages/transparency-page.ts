import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { Hono, type Context } from 'hono';
import { PAGE_BASE_CSS } from './page-base';
import { PAGE_CSP, securePage } from './page-csp';

/** The page's Content-Security-Policy: the one all of the API's pages share. */
export const TRANSPARENCY_CSP = PAGE_CSP;

const here = (file: string) => fileURLToPath(new URL(`./${file}`, import.meta.url));

/** zod's error messages in English only: the other locales would triple the bundle. */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * Bundles the page's script (`transparency-app.ts` with the shared verification code it
 * imports) for the browser with esbuild, once per process.
 */
export async function bundleTransparencyScript(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [here('transparency-app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [zodEnglishOnly],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output for the transparency page');
  return output.contents;
}

/** The page's HTML: structure only; the script fetches and renders every figure and entry. */
export const TRANSPARENCY_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Counterweight: transparency</title>
<link rel="stylesheet" href="${PAGE_BASE_CSS}">
<link rel="stylesheet" href="/transparency/transparency.css">
<script type="module" src="/transparency/transparency.js"></script>
</head>
<body>
<header>
  <h1>Counterweight <span class="muted">transparency</span></h1>
  <p class="lede">Every step a report goes through is written to an append-only log that anyone can verify. Every figure below is computed from that log alone, and this page can check the log's signature, inclusion proofs and the figures themselves in your browser. You do not have to trust us.</p>
</header>
<main>
<section class="card" aria-labelledby="period-title">
  <h2 id="period-title">Reporting period</h2>
  <form id="period" class="filters">
    <label>From <input name="from" type="date" required></label>
    <label>To (exclusive) <input name="to" type="date" required></label>
    <label>Charts by <select name="bucket"><option value="month">month</option><option value="week">week</option><option value="day">day</option></select></label>
    <button type="submit">Show</button>
  </form>
  <p id="period-error" class="error" role="alert"></p>
  <p id="checkpoint" class="hint"></p>
</section>
<section class="card" aria-labelledby="figures-title">
  <h2 id="figures-title">Figures (TCO Art. 7, Santa Clara Principles)</h2>
  <dl id="headline" class="headline"></dl>
  <div id="charts" class="charts"></div>
  <div id="breakdowns" class="breakdowns"></div>
</section>
<section class="card" id="false-flags" aria-labelledby="false-flags-title">
  <h2 id="false-flags-title">False flags per model version</h2>
  <p class="hint">Of the flags that reviewers who share feedback dismissed or confirmed, the share they dismissed. Daily counts the extension sends when a reviewer opts in: no text, address, site or person. Not from the log, so not verifiable like the figures above.</p>
  <table class="log"><thead><tr><th>model version</th><th>dismissed</th><th>confirmed</th><th>false-flag rate</th><th>days</th></tr></thead><tbody></tbody></table>
  <p id="false-flags-status" class="hint" role="status"></p>
</section>
<section class="card" aria-labelledby="verify-title">
  <h2 id="verify-title">Verify</h2>
  <p class="hint">Checks, in this browser, the signature of the log's latest checkpoint with the key below, the inclusion proofs of a random sample of entries, and recomputes the figures of the report shown above from the log entries. For a real audit, paste the key you obtained from us out of band.</p>
  <form id="verify-form" class="filters">
    <label class="wide">Verifier key <input name="key" id="verifier-key" size="60" spellcheck="false" autocomplete="off" required></label>
    <label>Sample <input name="sample" type="number" min="1" max="200" value="16"></label>
    <button type="submit" id="verify">Verify</button>
  </form>
  <p id="verify-status" class="status" role="status" aria-live="polite"></p>
  <ul id="verify-results" class="results"></ul>
</section>
<section class="card" aria-labelledby="log-title">
  <h2 id="log-title">Log browser</h2>
  <p class="hint">Entries decoded in this browser from the exact bytes that were hashed. They hold no personal data: opaque ids, hashes of the excerpt and URL, and keyed pseudonyms of reviewers.</p>
  <div class="pager"><button type="button" id="newer">Newer</button> <span id="log-range" class="hint"></span> <button type="button" id="older">Older</button></div>
  <p id="log-error" class="error" role="alert"></p>
  <table id="log" class="log">
    <thead><tr><th>#</th><th>time</th><th>event</th><th>case</th><th>category</th><th>action</th><th>actor</th><th>details</th></tr></thead>
    <tbody></tbody>
  </table>
</section>
</main>
</body>
</html>
`;

const STYLE = here('transparency.css');

/** `GET /transparency`, its script (bundled at first request) and its style, under the CSP. */
export function transparencyPageRoutes() {
  const router = new Hono();
  let script: Promise<Uint8Array> | null = null;
  let style: Promise<Buffer> | null = null;
  const secure = (c: Context) => securePage(c, 'no-cache');
  router.get('/transparency', (c) => {
    secure(c);
    return c.html(TRANSPARENCY_HTML);
  });
  router.get('/transparency/transparency.js', async (c) => {
    script ??= bundleTransparencyScript().catch((error) => {
      script = null;
      throw error;
    });
    secure(c);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(new Uint8Array(await script));
  });
  router.get('/transparency/transparency.css', async (c) => {
    style ??= readFile(STYLE);
    secure(c);
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(new Uint8Array(await style));
  });
  return router;
}
