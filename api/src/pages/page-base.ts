import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { securePage } from './page-csp';

/** Where the pages link the stylesheet they share. */
export const PAGE_BASE_CSS = '/pages/base.css';

/** `GET /pages/base.css`: the look all of the API's pages share (page-base.css). */
export function pageBaseRoutes() {
  const router = new Hono();
  let style: Promise<Buffer> | null = null;
  router.get(PAGE_BASE_CSS, async (c) => {
    style ??= readFile(fileURLToPath(new URL('./page-base.css', import.meta.url)));
    securePage(c, 'no-cache');
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(new Uint8Array(await style));
  });
  return router;
}
