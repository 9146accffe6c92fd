import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_DIR } from './paths';

const TSX = join(API_DIR, 'node_modules/.bin/tsx');

/**
 * The real API as a child process on its own embedded (PGlite) database in a temporary
 * directory. It can be stopped and started again on the same data, to play an outage.
 */
export class ApiServer {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'cw-e2e-api-'));
  private child: ChildProcess | null = null;
  private output = '';

  constructor(readonly port: number) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      COUNTERWEIGHT_DATA_DIR: this.dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    };
  }

  /** A new token for `role`, made with the API's own CLI (the server must not be running). */
  createToken(role: string): string {
    if (this.child)
      throw new Error('stop the API before creating a token (PGlite is single-process)');
    const result = spawnSync(TSX, ['src/cli/token.ts', '--role', role, '--name', `e2e ${role}`], {
      cwd: API_DIR,
      env: this.env(),
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`token CLI failed: ${result.stderr}`);
    const token = result.stdout.trim().split('\n').at(-1)?.trim();
    if (!token) throw new Error('token CLI printed no token');
    return token;
  }

  async start(): Promise<void> {
    if (this.child) return;
    this.output = '';
    const child = spawn(TSX, ['src/index.ts'], {
      cwd: API_DIR,
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`the API exited with ${child.exitCode}:\n${this.output}`);
      const up = await fetch(`${this.baseUrl}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the API did not come up on ${this.baseUrl}:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    const timeout = setTimeout(
      () => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'),
      10_000,
    );
    await exited;
    clearTimeout(timeout);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** `GET path` with a bearer token, parsed as JSON. */
  async get(path: string, token: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(this.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  }
}
