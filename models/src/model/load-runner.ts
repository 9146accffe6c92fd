import type * as tfType from '@tensorflow/tfjs';
import type { ModelFiles } from '../artifact-contents';
import { TextCnnRunner } from './text-cnn-runner';

/** Loads a model.json + weights into the fused runner (the layers model is freed after). */
export async function loadRunner(
  tf: typeof tfType,
  modelJson: ModelFiles['modelJson'],
  weights: ArrayBuffer,
): Promise<TextCnnRunner> {
  const layers =
    (
      modelJson.modelTopology as {
        config?: { layers?: { name: string; config: { activation?: string } }[] };
      }
    ).config?.layers ?? [];
  if (layers.find((l) => l.name === 'scores')?.config.activation !== 'linear')
    throw new Error('model.json: the scores layer must output logits (linear activation)');
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
      weightData: weights,
    }),
  );
  const runner = TextCnnRunner.fromLayersModel(tf, model);
  model.dispose();
  return runner;
}
