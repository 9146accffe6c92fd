import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface RunningServer {
  url: string;
  reviewerToken: string;
  adminToken: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts the real API (`src/index.ts`) as a child process on `port` with `env`, waits for it to
 * listen on a fresh store and returns the first tokens it printed. With `firstTokens` false (a
 * second instance on a database that has tokens already) it waits for the listening line only,
 * and the tokens are empty.
 */
export async function startServer(
  port: number,
  env: Record<string, string>,
  firstTokens = true,
): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: API_DIR,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const deadline = Date.now() + 60_000;
  const ready = firstTokens
    ? /First reviewer token[^\n]*: (cw_\S+)/
    : /Counterweight API listening/;
  while (!ready.test(out)) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const token = (role: string) =>
    new RegExp(`First ${role} token[^\\n]*: (cw_\\S+)`).exec(out)?.[1] ?? '';
  return {
    url: `http://127.0.0.1:${port}`,
    reviewerToken: token('reviewer'),
    adminToken: token('admin'),
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
