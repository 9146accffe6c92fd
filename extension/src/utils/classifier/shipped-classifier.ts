import { browser } from 'wxt/browser';
import { loadArtifactFromUrl, TextClassifier as Model } from '@counterweight/models/inference';
import { DEFAULT_LANGUAGES } from '@counterweight/models/metadata';
import { Thresholds } from './thresholds';
import type { TextClassifier } from './text-classifier';
import { tfOnWasm } from './tf-wasm';

/** Windows per model call. */
const BATCH = 64;

/**
 * The classifier trained in models/, shipped under /model/ and run on the tfjs wasm backend off
 * every page's main thread: in Chrome's offscreen document (offscreen-classifier.ts), in
 * Firefox's background page.
 */
export async function loadShippedClassifier(): Promise<TextClassifier> {
  const root = browser.runtime.getURL('/');
  const tf = await tfOnWasm(root);
  const model = await Model.load(tf, await loadArtifactFromUrl(new URL('model/', root).href));
  return {
    modelVersion: model.modelVersion,
    thresholds: Thresholds.parse({
      ...model.metadata.thresholds,
      ...(model.metadata.sensitivity ? { levels: model.metadata.sensitivity } : {}),
    }),
    languages: [...(model.metadata.languages ?? DEFAULT_LANGUAGES)],
    // Small batches keep the wasm heap (which never shrinks) small.
    classify: (texts, { evidence }) => model.classify(texts, { evidence, batchSize: BATCH }),
  };
}
