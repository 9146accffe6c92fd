import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { bundleUiPage, UI_DIR } from './browser-bundle';
import { shellHtml } from './console-page';
import { PAGE_CSP, securePage } from './page-csp';

/** The page's Content-Security-Policy: the one all of the API's pages share. */
export const TRANSPARENCY_CSP = PAGE_CSP;

const STYLE = '/transparency/transparency.css';

/**
 * The page's HTML: the React shell; the script (`@counterweight/ui`'s `transparency/`) fetches
 * and renders every figure and entry, and runs the auditor's checks in the browser.
 */
export const TRANSPARENCY_HTML = shellHtml(
  'Counterweight: transparency',
  '/transparency/transparency.js',
  [STYLE],
);

/**
 * `GET /transparency`, its script (bundled from `@counterweight/ui` at first request, once per
 * process) and its own stylesheet, under the pages' CSP. The shared stylesheets are served with
 * the console's routes.
 */
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
    script ??= bundleUiPage('transparency/main.tsx').catch((error: unknown) => {
      script = null;
      throw error;
    });
    secure(c);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(new Uint8Array(await script));
  });
  router.get(STYLE, async (c) => {
    style ??= readFile(join(UI_DIR, 'src', 'transparency', 'transparency.css'));
    secure(c);
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(new Uint8Array(await style));
  });
  return router;
}
