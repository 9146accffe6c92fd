import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging/messenger';
import type { TextClassifier } from './text-classifier';

/** The extension page that hosts the model in Chrome (entrypoints/offscreen). */
export const OFFSCREEN_PATH = 'offscreen.html';
/** How long the model stays loaded after its last request. */
export const MODEL_IDLE_MS = 15_000;

/** The part of `chrome.offscreen` the loader uses (a stand-in in unit tests). */
export interface OffscreenDocuments {
  exists(): Promise<boolean>;
  create(): Promise<void>;
  close(): Promise<void>;
}

/** Chrome's offscreen documents, for {@link OFFSCREEN_PATH}. */
export function chromeOffscreenDocuments(): OffscreenDocuments {
  const url = browser.runtime.getURL(`/${OFFSCREEN_PATH}`);
  return {
    exists: async () =>
      (
        await browser.runtime.getContexts({
          contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
          documentUrls: [url],
        })
      ).length > 0,
    create: () =>
      browser.offscreen.createDocument({
        url,
        reasons: ['WORKERS'],
        justification: 'Runs the text classifier (TensorFlow.js, WebAssembly) off the pages.',
      }),
    close: () => browser.offscreen.closeDocument(),
  };
}

interface ModelChannel {
  info(): ReturnType<typeof sendMessage<'modelInfo'>>;
  classify(texts: string[], evidence: boolean): ReturnType<typeof sendMessage<'modelClassify'>>;
}

const messages: ModelChannel = {
  info: () => sendMessage('modelInfo', {}),
  classify: (texts, evidence) => sendMessage('modelClassify', { texts, evidence }),
};

/**
 * The model as the Chrome service worker uses it: hosted in an offscreen document that is opened
 * on the first request and closed {@link MODEL_IDLE_MS} after the last answer, so the memory of
 * TensorFlow.js and its WebAssembly heap (which never shrinks while it lives) goes back to the
 * system whenever the reviewer is not loading pages. The next request opens it again (the model
 * loads in about a second). A document left open by an earlier life of the worker is closed
 * after the same idle time.
 */
export function offscreenClassifierLoader(
  documents: OffscreenDocuments = chromeOffscreenDocuments(),
  idleMs = MODEL_IDLE_MS,
  channel: ModelChannel = messages,
): () => Promise<TextClassifier> {
  let opened: Promise<void> | null = null;
  let closing: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const closeWhenIdle = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (inFlight > 0) return;
      opened = null;
      closing = documents.close().catch(() => undefined);
    }, idleMs);
  };
  const open = () =>
    (opened ??= closing.then(async () => {
      if (!(await documents.exists())) await documents.create();
    })).catch((error: unknown) => {
      opened = null;
      throw error;
    });
  const withDocument = async <T>(ask: () => Promise<T>): Promise<T> => {
    inFlight++;
    clearTimeout(timer);
    try {
      await open();
      return await ask().catch(async () => {
        // The document went away under us (closed by the browser): open it once more.
        opened = null;
        await open();
        return ask();
      });
    } finally {
      if (--inFlight === 0) closeWhenIdle();
    }
  };

  void documents.exists().then(
    (open) => open && inFlight === 0 && closeWhenIdle(),
    () => undefined,
  );

  return async () => {
    const { modelVersion, thresholds, languages } = await withDocument(() => channel.info());
    return {
      modelVersion,
      thresholds,
      languages,
      classify: async (texts, { evidence }) =>
        (await withDocument(() => channel.classify(texts, evidence))).results,
    };
  };
}
