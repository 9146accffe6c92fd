import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR, EXTENSION_OUTPUT, REPO } from './paths';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Whether the built extension is missing or older than anything it is built from. */
export function extensionIsStale(): boolean {
  const manifest = join(EXTENSION_OUTPUT, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  const sources = [
    resolve(EXTENSION_DIR, 'src'),
    resolve(EXTENSION_DIR, 'wxt.config.ts'),
    resolve(EXTENSION_DIR, 'package.json'),
    resolve(REPO, 'shared/src'),
    resolve(REPO, 'models/src'),
    resolve(REPO, 'models/artifact'),
  ];
  return sources.some((s) => newestMtime(s) > built);
}

/** Builds the Chrome MV3 extension with `pnpm --filter @counterweight/extension build` if stale. */
export function ensureExtensionBuilt(): void {
  if (process.env.COUNTERWEIGHT_EXTENSION_OUTPUT) {
    if (!existsSync(join(EXTENSION_OUTPUT, 'manifest.json')))
      throw new Error(`no built extension at ${EXTENSION_OUTPUT}`);
    return;
  }
  if (!extensionIsStale() && process.env.COUNTERWEIGHT_E2E_REBUILD !== '1') return;
  const started = Date.now();
  const result = spawnSync('pnpm', ['--filter', '@counterweight/extension', 'build'], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0)
    throw new Error(
      `building the extension failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  console.log(`[e2e] built the extension in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
