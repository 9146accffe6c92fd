import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXTENSION_DIR = resolve(REPO, 'extension');
export const EXTENSION_OUTPUT = resolve(EXTENSION_DIR, '.output/chrome-mv3');
export const API_DIR = resolve(REPO, 'api');
export const FIXTURES_DIR = resolve(REPO, 'test/fixtures');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** This package's ports (43000-43999), split per test file so files never collide. */
export const PORTS = {
  build: 43000,
  flags: { fixtures: 43010, proxy: 43011, api: 43012 },
  review: { fixtures: 43020, proxy: 43021, api: 43022 },
  outbox: { fixtures: 43030, proxy: 43031, api: 43032 },
  bench: { fixtures: 43090, proxy: 43091, api: 43092 },
} as const;
