import { existsSync } from 'node:fs';
import { ensureExtensionBuilt } from './build-extension';
import { CHROMIUM } from './paths';

/** Before any e2e file: Chromium must exist (tests never download a browser) and the extension be built. */
export default function setup(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the end-to-end tests cannot run (set CHROMIUM_PATH).`,
    );
  ensureExtensionBuilt();
}
