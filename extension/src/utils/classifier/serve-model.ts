import { onMessage } from '../messaging/messenger';
import type { TextClassifier } from './text-classifier';

/**
 * Answers the background's `modelInfo` and `modelClassify` messages with the model, loaded on
 * the first message (in Chrome this runs in the offscreen document; see offscreen-classifier.ts).
 * Returns a function that stops answering.
 */
export function serveModel(load: () => Promise<TextClassifier>): () => void {
  let model: Promise<TextClassifier> | null = null;
  const get = () =>
    (model ??= load().catch((error: unknown) => {
      model = null;
      throw error;
    }));
  const removers = [
    onMessage('modelInfo', async () => {
      const { modelVersion, thresholds, languages } = await get();
      return { modelVersion, thresholds, languages };
    }),
    onMessage('modelClassify', async ({ texts, evidence }) => ({
      results: await (await get()).classify(texts, { evidence }),
    })),
  ];
  return () => removers.forEach((remove) => remove());
}
