import { ApiServer } from './api-server';
import { ExtensionBrowser } from './browser';
import { FixtureServer } from './fixture-server';
import { RecordingProxy } from './recording-proxy';

export interface E2E {
  api: ApiServer;
  fixtures: FixtureServer;
  proxy: RecordingProxy;
  browser: ExtensionBrowser;
  token: string;
  dispose(): Promise<void>;
}

/**
 * The whole rig for one test file: the real API on a fresh embedded database with a reviewer
 * token, the fixture pages, the recording proxy and Chromium with the built extension,
 * configured through its options page.
 */
export async function startE2E(
  ports: { fixtures: number; proxy: number; api: number },
  options: { configure?: boolean } = {},
): Promise<E2E> {
  const api = new ApiServer(ports.api);
  const fixtures = new FixtureServer(ports.fixtures);
  const proxy = new RecordingProxy(ports.proxy);
  const browser = new ExtensionBrowser(proxy.arg);
  const rig: E2E = {
    api,
    fixtures,
    proxy,
    browser,
    token: '',
    async dispose() {
      await browser.close();
      await Promise.all([api.dispose(), fixtures.stop(), proxy.stop()]);
    },
  };
  try {
    rig.token = api.createToken('reviewer');
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
