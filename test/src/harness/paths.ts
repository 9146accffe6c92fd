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
 * This package's ports (23000-24999, below Linux's ephemeral range 32768-60999, so an outgoing connection never holds one): each test file starts looking for free ports at its own
 * base and stays within the hundred above it.
 */
export const PORTS = {
  flags: { fixtures: 23100, proxy: 23101, api: 23102 },
  review: { fixtures: 23200, proxy: 23201, api: 23202 },
  outbox: { fixtures: 23300, proxy: 23301, api: 23302 },
  modelHost: { fixtures: 23400 },
  languages: { fixtures: 23500, proxy: 23501, api: 23502 },
  sidePanel: { fixtures: 23600, proxy: 23601, api: 23602 },
  roles: { fixtures: 23700, proxy: 23701, api: 23702 },
  hashMatch: { fixtures: 23800, proxy: 23801, api: 23802 },
  bench: { fixtures: 23900, proxy: 23901, api: 23902 },
  knownContent: { fixtures: 23000, proxy: 23001, api: 23002 },
  csoTargets: { fixtures: 24100, proxy: 24101, api: 24102 },
} as const;
