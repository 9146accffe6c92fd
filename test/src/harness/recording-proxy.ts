import { createServer, request, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** What the browser got back: the upstream status, 502 when upstream was unreachable, or 'dropped'. */
  outcome: number | 'dropped';
}

/**
 * The browser's only way out: an HTTP forward proxy (Chromium runs with `--proxy-server` and
 * loopback not bypassed) that records every request with its body, so a test can prove which
 * page text left the browser. It can also lose the API's answer to a report on purpose (the
 * request reaches the API, the browser sees the connection drop) to test retries.
 */
export class RecordingProxy {
  readonly requests: RecordedRequest[] = [];
  /** When > 0, that many `POST /v1/reports` answers are dropped after the API has stored them. */
  dropReportAnswers = 0;
  private server: Server | null = null;
  private sockets = new Set<Socket>();

  constructor(readonly port: number) {}

  get arg(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.on('error', () => undefined);
      res.on('error', () => undefined);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const record: RecordedRequest = {
          method: req.method ?? 'GET',
          url: req.url ?? '',
          headers: req.headers,
          body: body.toString('utf8'),
          outcome: 502,
        };
        this.requests.push(record);
        let target: URL;
        try {
          target = new URL(req.url ?? '');
        } catch {
          res.writeHead(400).end();
          return;
        }
        const dropAnswer =
          record.method === 'POST' &&
          target.pathname === '/v1/reports' &&
          this.dropReportAnswers > 0;
        if (dropAnswer) this.dropReportAnswers--;
        const upstream = request(
          target,
          {
            method: req.method,
            headers: { ...req.headers, host: target.host, connection: 'close' },
          },
          (up) => {
            // The API may be killed mid-answer (the outbox tests stop it): the browser just sees
            // the connection end, and the proxy must not crash the test run.
            up.on('error', () => res.socket?.destroy());
            if (dropAnswer) {
              up.resume();
              up.on('end', () => {
                record.outcome = 'dropped';
                res.socket?.destroy();
              });
              return;
            }
            record.outcome = up.statusCode ?? 502;
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        upstream.on('error', () => {
          record.outcome = 502;
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
          res.end('upstream unreachable');
        });
        upstream.end(body);
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    // HTTPS tunnels are refused: tests only serve http on loopback, nothing else may be reached.
    this.server.on('connect', (req, socket) => {
      socket.on('error', () => undefined);
      this.requests.push({
        method: 'CONNECT',
        url: req.url ?? '',
        headers: req.headers,
        body: '',
        outcome: 502,
      });
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', resolve);
    });
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Requests whose URL or body contains `text` (also JSON-escaped). */
  carrying(text: string): RecordedRequest[] {
    const escaped = JSON.stringify(text).slice(1, -1);
    const encoded = encodeURIComponent(text);
    return this.requests.filter((r) =>
      [text, escaped, encoded].some((t) => r.body.includes(t) || r.url.includes(t)),
    );
  }
}
