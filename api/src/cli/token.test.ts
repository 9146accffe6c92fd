import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Me } from '@counterweight/shared/auth';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const API_DIR = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-token-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs a script of the API package with tsx, on the embedded store in `dataDir`. */
function tsx(script: string, args: string[], dataDir: string) {
  return run(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: API_DIR,
    env: { ...process.env, DATABASE_URL: '', COUNTERWEIGHT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
}

describe('pnpm run token and the server', () => {
  it('creates a token in the PGlite data dir, printed on the last line; the server then accepts it', async () => {
    const dataDir = tempDir();
    const { stdout } = await tsx(
      'src/cli/token.ts',
      ['--role', 'senior_reviewer', '--name', 'Dana'],
      dataDir,
    );
    const token = stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^cw_[A-Za-z0-9_-]{43}$/);

    const port = 41000 + Math.floor(Math.random() * 400);
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: API_DIR,
      env: {
        ...process.env,
        DATABASE_URL: '',
        COUNTERWEIGHT_DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      for (let i = 0; i < 300 && !out.includes('listening on'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain(`Counterweight API listening on http://127.0.0.1:${port}`);
      // the database already had a token, so no first tokens are printed
      expect(out).not.toContain('First admin token');
      const me = await fetch(`http://127.0.0.1:${port}/v1/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(Me.parse(await me.json())).toMatchObject({ role: 'senior_reviewer', name: 'Dana' });

      // while the server holds the embedded database, the CLI refuses with a precise message
      const busy = await tsx('src/cli/token.ts', ['--role', 'reviewer'], dataDir).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect('code' in busy && busy.code).toBe(1);
      expect((busy as { stderr: string }).stderr).toMatch(
        /in use by process \d+.*POST \/v1\/tokens/s,
      );
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    // after the server stopped, the lock is gone and the CLI works again
    const again = await tsx('src/cli/token.ts', ['--role', 'auditor'], dataDir);
    expect(again.stdout.trim().split('\n').at(-1)).toMatch(/^cw_/);
  }, 180_000);

  it('prints a first admin and reviewer token when the database has none', async () => {
    const dataDir = tempDir();
    const port = 41400 + Math.floor(Math.random() * 400);
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: API_DIR,
      env: {
        ...process.env,
        DATABASE_URL: '',
        COUNTERWEIGHT_DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      for (let i = 0; i < 300 && !out.includes('First reviewer token'); i++)
        await new Promise((r) => setTimeout(r, 100));
      const admin = /First admin token[^\n]*: (cw_\S+)/.exec(out)?.[1];
      expect(admin).toBeTruthy();
      const me = await fetch(`http://127.0.0.1:${port}/v1/me`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(Me.parse(await me.json()).role).toBe('admin');
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  }, 120_000);

  it('refuses a missing or unknown role with the usage', async () => {
    const dataDir = tempDir();
    for (const args of [[], ['--role', 'root'], ['--bogus']]) {
      const failure = await tsx('src/cli/token.ts', args, dataDir).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect((failure as { code: number }).code).toBe(2);
      expect((failure as { stderr: string }).stderr).toContain('usage: pnpm run token --role ROLE');
    }
  });
});
