import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { UI_DIR } from './browser-bundle';
import { PAGE_BASE_CSS } from './page-base';
import { securePage } from './page-csp';
import { pageScripts, SCRIPTS_PATH, serveScript, type PageEntry } from './page-scripts';

/** Where the console and the appeal page link their stylesheet. */
const UI_CSS = '/ui/pages.css';
/** The stylesheet of the console's CSO desk, after {@link UI_CSS}. */
const CSO_DESK_CSS = '/ui/cso-desk.css';

/** The stylesheets `@counterweight/ui` serves, by address: their files under its `src/`. */
const UI_STYLES: Record<string, string[]> = {
  [UI_CSS]: ['common', 'pages.css'],
  [CSO_DESK_CSS]: ['console', 'cso', 'cso-desk.css'],
};

/**
 * The HTML shell of a React page: its title, its scripts (module scripts, run in this order), the
 * chunks they import (preloaded, so that they load beside the scripts rather than after them), its
 * stylesheets after the shared ones, and the root React renders into.
 */
export function shellHtml(
  title: string,
  script: string | string[],
  styles: string[] = [],
  preload: string[] = [],
): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="${PAGE_BASE_CSS}">
<link rel="stylesheet" href="${UI_CSS}">
${styles.map((href) => `<link rel="stylesheet" href="${href}">\n`).join('')}${[script]
    .flat()
    .map((src) => `<script type="module" src="${src}"></script>\n`)
    .join('')}${preload.map((href) => `<link rel="modulepreload" href="${href}">\n`).join('')}
</head>
<body>
<div id="root"></div>
<noscript><p>This page needs JavaScript.</p></noscript>
</body>
</html>
`;
}

/** `/`: what this server is, and where each kind of visitor goes. */
export const LANDING_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:,">
<title>Counterweight</title>
<link rel="stylesheet" href="${PAGE_BASE_CSS}">
<link rel="stylesheet" href="${UI_CSS}">
</head>
<body>
<header class="site"><h1>Counterweight</h1></header>
<main>
<p class="lede">Human-reviewed reports of terrorist, violent-extremist and hate content, decided by people, with a statement of reasons for every decision, an appeal for everyone affected, and a public log anyone can verify.</p>
<ul class="landing">
  <li><a href="/console">Review console</a>: reviewers, senior reviewers, CSO teams and administrators sign in with their token.</li>
  <li><a href="/appeal">Appeal a decision</a>: for the content provider who received a statement of reasons, or a reporter whose report was left without action. No account needed.</li>
  <li><a href="/transparency">Transparency</a>: figures, the verifiable log and its checks, for auditors and anyone else.</li>
  <li><a href="/docs">API documentation</a> (OpenAPI).</li>
</ul>
</main>
</body>
</html>
`;

/**
 * `/` (the landing page), `/console` (the review console, also for CSO teams: `/cso` redirects
 * there) and `/appeal` (the public appeal page), with their scripts under `/scripts/` (bundled
 * from `@counterweight/ui` once per process, named by content hash and cached forever) and
 * stylesheets, under the pages' CSP. The pages hold no data: their scripts fetch it with the
 * visitor's token. The console's first script only starts its first requests, so that they run
 * while the browser loads and evaluates the rest.
 */
export function consolePageRoutes() {
  const router = new Hono();
  const styles = new Map<string, Promise<Buffer>>();
  const secure = (c: Context) => securePage(c, 'no-cache');
  const reactPage =
    (title: string, entries: PageEntry[], sheets: string[] = []) =>
    async (c: Context) => {
      const scripts = await pageScripts();
      const loaded = entries.map((name) => scripts.entry(name));
      const preload = [...new Set(loaded.flatMap((e) => e.preload))];
      secure(c);
      return c.html(
        shellHtml(
          title,
          loaded.map((e) => e.src),
          sheets,
          preload,
        ),
      );
    };

  router.get('/', (c) => {
    secure(c);
    return c.html(LANDING_HTML);
  });
  router.get(
    '/console',
    reactPage('Counterweight: console', ['first-requests', 'console'], [CSO_DESK_CSS]),
  );
  // the counter-narrative board moved into the console (the CSO desk); old links still land there
  router.get('/cso', (c) => {
    const query = new URL(c.req.url).search;
    return c.redirect(`/console${query}`, 301);
  });
  router.get('/appeal', reactPage('Counterweight: appeal a decision', ['appeal']));
  router.get(`${SCRIPTS_PATH}/:file`, serveScript);
  for (const [path, file] of Object.entries(UI_STYLES))
    router.get(path, async (c) => {
      let style = styles.get(path);
      if (!style) styles.set(path, (style = readFile(join(UI_DIR, 'src', ...file))));
      secure(c);
      c.header('Content-Type', 'text/css; charset=utf-8');
      return c.body(new Uint8Array(await style));
    });
  return router;
}
