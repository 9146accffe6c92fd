import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXTENSION_DIR = resolve(REPO, 'extension');
/**
 * The built Chrome extension. `COUNTERWEIGHT_EXTENSION_OUTPUT` points the tests and benchmarks at
 * another build (for A/B benchmark runs), which is then used as it is, never rebuilt.
 */
export const EXTENSION_OUTPUT =
  process.env.COUNTERWEIGHT_EXTENSION_OUTPUT ?? resolve(EXTENSION_DIR, '.output/chrome-mv3');
export const API_DIR = resolve(REPO, 'api');
export const FIXTURES_DIR = resolve(REPO, 'test/fixtures');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * This package's ports (43000-43999): each test file starts looking for free ports at its own
 * base and stays within the hundred above it.
 */
export const PORTS = {
  flags: { fixtures: 43100, proxy: 43101, api: 43102 },
  review: { fixtures: 43200, proxy: 43201, api: 43202 },
  outbox: { fixtures: 43300, proxy: 43301, api: 43302 },
  modelHost: { fixtures: 43400 },
  languages: { fixtures: 43500, proxy: 43501, api: 43502 },
  sidePanel: { fixtures: 43600, proxy: 43601, api: 43602 },
  roles: { fixtures: 43700, proxy: 43701, api: 43702 },
  hashMatch: { fixtures: 43800, proxy: 43801, api: 43802 },
  bench: { fixtures: 43900, proxy: 43901, api: 43902 },
  knownContent: { fixtures: 43000, proxy: 43001, api: 43002 },
} as const;
