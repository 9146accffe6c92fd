import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const API_DIR = join(import.meta.dirname, '..', '..');

/** A real API process (`src/index.ts`) started by a test. */
export interface Instance {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGKILL, then waits for the exit. */
  kill: () => Promise<void>;
}

/**
 * Starts `node --import tsx src/index.ts` with `env` on `port` and waits until it listens;
 * rejects with its output when it exits first (a refused start) or after `timeoutMs`.
 */
export async function startInstance(
  env: Record<string, string>,
  port: number,
  timeoutMs = 60_000,
): Promise<Instance> {
  const instance = launchInstance(env, port);
  const deadline = Date.now() + timeoutMs;
  let code: number | null | undefined;
  void instance.exited.then((c) => (code = c));
  while (!instance.output().includes('Counterweight API listening')) {
    if (code !== undefined)
      throw new Error(`instance on ${port} exited with ${code}:\n${instance.output()}`);
    if (Date.now() > deadline) {
      await instance.kill();
      throw new Error(`instance on ${port} did not start:\n${instance.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return instance;
}

/** Spawns the API without waiting (for starts that must be refused). */
export function launchInstance(env: Record<string, string>, port: number): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => out,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
