import { afterAll, beforeAll } from 'vitest';
import { ApiServer } from './api-server';
import { ExtensionBrowser } from './browser';
import { FixtureServer } from './fixture-server';
import { freePort } from './free-port';
import { RecordingProxy } from './recording-proxy';

export interface E2E {
  api: ApiServer;
  fixtures: FixtureServer;
  proxy: RecordingProxy;
  browser: ExtensionBrowser;
  /** The reviewer token the extension is configured with. */
  token: string;
  /** A token for each role asked for in `options.tokens`. */
  tokens: Record<string, string>;
  dispose(): Promise<void>;
}

/**
 * The whole rig for one test file (ports: the first free ones from the given bases): the real
 * API on a fresh embedded database with a reviewer token (and one for each role in
 * `options.tokens`, all issued before the API starts: PGlite is single-process, and stopping and
 * restarting the API for a token costs a loaded machine minutes), the fixture pages, the
 * recording proxy and Chromium with the built extension, configured through its options page.
 */
export async function startE2E(
  ports: { fixtures: number; proxy: number; api: number },
  options: { configure?: boolean; tokens?: string[] } = {},
): Promise<E2E> {
  const taken = new Set<number>();
  const api = new ApiServer(await freePort(ports.api, taken));
  const fixtures = new FixtureServer(await freePort(ports.fixtures, taken));
  const proxy = new RecordingProxy(await freePort(ports.proxy, taken));
  const browser = new ExtensionBrowser(proxy.arg);
  const rig: E2E = {
    api,
    fixtures,
    proxy,
    browser,
    token: '',
    tokens: {},
    async dispose() {
      await browser.close();
      await Promise.all([api.dispose(), fixtures.stop(), proxy.stop()]);
    },
  };
  try {
    rig.token = api.createToken('reviewer');
    for (const role of options.tokens ?? []) rig.tokens[role] = api.createToken(role);
    await Promise.all([api.start(), fixtures.start(), proxy.start()]);
    await browser.launch();
    if (options.configure !== false) {
      const status = await browser.configure(api.baseUrl, rig.token);
      if (!status.includes('reviewer'))
        throw new Error(`the options page did not confirm the token: ${status}`);
    }
  } catch (error) {
    await rig.dispose();
    throw error;
  }
  return rig;
}

/**
 * {@link startE2E} for the tests of one file or `describe`: the rig is started before them and
 * handed to `ready` (which may set up more: tokens of other roles, say), and disposed of after.
 */
export function withE2E(
  ports: { fixtures: number; proxy: number; api: number },
  ready: (rig: E2E) => void | Promise<void>,
  options: Parameters<typeof startE2E>[1] = {},
): void {
  let rig: E2E | undefined;
  beforeAll(async () => {
    rig = await startE2E(ports, options);
    await ready(rig);
  });
  afterAll(async () => {
    await rig?.dispose();
  });
}
