import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';
import { FIXTURES_DIR } from './paths';
import { distinctFlagsPage, groupedPage, largePage } from './large-page';

/**
 * Serves the fixture pages on 127.0.0.1 (`/name.html` from test/fixtures, `/large.html?n=2000`
 * generated) and counts hits on `/xss-hit`, which the XSS payloads call if they ever run.
 */
export class FixtureServer {
  readonly xssHits: string[] = [];
  /** Generated files a test serves at their path (images, pages), besides the fixtures. */
  readonly generated = new Map<string, { type: string; body: Buffer | string }>();
  private server: Server | null = null;

  constructor(readonly port: number) {}

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.url('/'));
      if (url.pathname.startsWith('/xss-hit')) {
        this.xssHits.push(req.url ?? '');
        res.writeHead(204).end();
        return;
      }
      const generated = this.generated.get(url.pathname);
      if (generated) {
        res
          .writeHead(200, { 'content-type': generated.type, 'cache-control': 'no-store' })
          .end(generated.body);
        return;
      }
      if (url.pathname === '/distinct.html') {
        const n = Math.min(Number(url.searchParams.get('n') ?? 10_000), 20_000);
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(distinctFlagsPage(n));
        return;
      }
      if (url.pathname === '/grouped.html') {
        const n = Math.min(Number(url.searchParams.get('n') ?? 2000), 20_000);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(groupedPage(n));
        return;
      }
      if (url.pathname === '/large.html') {
        const n = Math.min(Number(url.searchParams.get('n') ?? 2000), 20_000);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(largePage(n));
        return;
      }
      const file = normalize(url.pathname).replace(/^\/+/, '');
      if (!/^[a-z0-9-]+\.html$/.test(file)) {
        res.writeHead(404).end();
        return;
      }
      try {
        const html = readFileSync(join(FIXTURES_DIR, file), 'utf8').replaceAll(
          '{{ORIGIN}}',
          this.url(''),
        );
        res
          .writeHead(200, {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
          })
          .end(html);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', resolve);
    });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
