import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROMIUM, EXTENSION_OUTPUT } from './paths';

/**
 * Chromium's id for an unpacked extension: SHA-256 of its manifest's `key` (DER bytes) when it
 * has one, else of its absolute path, the first 32 hex digits mapped to a-p.
 */
export function unpackedExtensionId(path: string): string {
  const { key } = JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8')) as { key?: string };
  return [
    ...createHash('sha256')
      .update(key ? Buffer.from(key, 'base64') : Buffer.from(path))
      .digest('hex')
      .slice(0, 32),
  ]
    .map((c) => String.fromCharCode(97 + parseInt(c, 16)))
    .join('');
}

/**
 * Chromium (the system binary, never a downloaded one) with the built extension loaded, in a
 * profile that survives {@link ExtensionBrowser.restart} like a real browser restart, and all
 * traffic sent through the recording proxy.
 */
export class ExtensionBrowser {
  readonly profile = mkdtempSync(join(tmpdir(), 'cw-e2e-profile-'));
  context!: BrowserContext;
  worker!: Worker;
  extensionId = '';

  constructor(
    private readonly proxy: string | null,
    private readonly withExtension = true,
  ) {}

  async launch(): Promise<void> {
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath: CHROMIUM,
      headless: false,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless=new',
        ...(this.withExtension
          ? [
              `--disable-extensions-except=${EXTENSION_OUTPUT}`,
              `--load-extension=${EXTENSION_OUTPUT}`,
            ]
          : []),
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-features=DialMediaRouteProvider,OptimizationHints,Translate',
        ...(this.proxy ? [`--proxy-server=${this.proxy}`, '--proxy-bypass-list=<-loopback>'] : []),
      ],
    });
    if (!this.withExtension) return;
    this.extensionId = unpackedExtensionId(EXTENSION_OUTPUT);
    this.worker = await this.serviceWorker();
  }

  /** The extension's service worker; waking it with an extension page if Playwright missed its start. */
  private async serviceWorker(): Promise<Worker> {
    const find = () =>
      this.context
        .serviceWorkers()
        .find((w) => w.url().startsWith(`chrome-extension://${this.extensionId}/`));
    const seen =
      find() ??
      (await this.context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => null));
    if (seen) return seen;
    const page = await this.context.newPage();
    await page.goto(this.extensionUrl('options.html'));
    for (let i = 0; i < 100 && !find(); i++) await page.waitForTimeout(100);
    await page.close();
    const worker = find();
    if (!worker) throw new Error('the extension service worker did not start');
    return worker;
  }

  /** Closes the browser and opens it again on the same profile (extension storage survives). */
  async restart(): Promise<void> {
    await this.context.close();
    await this.launch();
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    rmSync(this.profile, { recursive: true, force: true });
  }

  extensionUrl(path: string): string {
    return `chrome-extension://${this.extensionId}/${path}`;
  }

  /** The browser's tab id of a page, as the extension sees it. */
  async tabIdOf(page: Page): Promise<number> {
    const url = page.url();
    const id = await this.worker.evaluate(async (u) => {
      const tabs = (
        globalThis as unknown as {
          chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
        }
      ).chrome.tabs;
      // Tab ids only grow: with several tabs on one URL, the newest is the page just opened.
      const ids = (await tabs.query({})).filter((t) => t.url === u).map((t) => t.id ?? -1);
      return Math.max(-1, ...ids);
    }, url);
    if (id < 0) throw new Error(`no tab for ${url}`);
    return id;
  }

  /** The side panel's page bound to `tabId` (opened as a tab; headless Chromium has no panel UI). */
  async openSidePanel(tabId: number): Promise<Page> {
    const panel = await this.context.newPage();
    await panel.goto(this.extensionUrl(`sidepanel.html?tabId=${tabId}`));
    return panel;
  }

  /** Points the extension at the API through its options page and waits for the token check. */
  async configure(apiBaseUrl: string, token: string): Promise<string> {
    const options = await this.context.newPage();
    await options.goto(this.extensionUrl('options.html'));
    await options.getByLabel('API base URL').fill(apiBaseUrl);
    await options.getByLabel('API token').fill(token);
    // The API child process can be slow to answer its first requests on a loaded 2-core
    // machine: the token check gives up after 10 s with a message, so check up to three times.
    let text = '';
    for (let attempt = 0; attempt < 3 && !text.startsWith('Connected'); attempt++) {
      await options.getByRole('button', { name: 'Save and check token' }).click();
      const status = options.getByRole('status');
      await status.waitFor({ timeout: 20_000 });
      text = (await status.textContent()) ?? '';
    }
    await options.close();
    return text;
  }
}
