import type * as tfType from '@tensorflow/tfjs';
import type { ModelFiles } from '../artifact-contents';
import { readStoredWeights } from './artifact-weights';
import { TextCnnRunner } from './text-cnn-runner';

interface TopologyLayer {
  name: string;
  config: { activation?: string; dilation_rate?: number | number[] };
}

/** The layers of the plain text CNN (text-cnn.ts), the one shape the direct path runs. */
const PLAIN_CNN_LAYERS = new Set([
  ...['ids', 'embedding', 'mask', 'mask0', 'conv1', 'mask1', 'conv2', 'mask2'],
  ...['pool1', 'pool2', 'pooled', 'hidden', 'scores'],
]);

/**
 * The plain CNN's structure when model.json describes exactly it (relu convolutions and hidden
 * layer, linear scores), or null: any other model (the order-aware one) loads through tfjs.
 */
function plainCnnStructure(
  layers: TopologyLayer[],
): { dilation: number; poolFirst: boolean } | null {
  if (!layers.every((l) => PLAIN_CNN_LAYERS.has(l.name))) return null;
  const byName = new Map(layers.map((l) => [l.name, l]));
  const relu = ['conv1', 'conv2', 'hidden'].every(
    (n) => byName.get(n)?.config.activation === 'relu',
  );
  if (!relu || !byName.has('pool2')) return null;
  const rate = byName.get('conv2')!.config.dilation_rate ?? 1;
  return {
    dilation: Array.isArray(rate) ? (rate[0] ?? 1) : rate,
    poolFirst: byName.has('pool1'),
  };
}

/**
 * Loads a model.json + weights into the fused runner: the plain CNN straight from the weights
 * (its embedding kept quantised), any other model through a layers model freed after.
 */
export async function loadRunner(
  tf: typeof tfType,
  modelJson: ModelFiles['modelJson'],
  weights: ArrayBuffer,
): Promise<TextCnnRunner> {
  const layers =
    (modelJson.modelTopology as { config?: { layers?: TopologyLayer[] } }).config?.layers ?? [];
  if (layers.find((l) => l.name === 'scores')?.config.activation !== 'linear')
    throw new Error('model.json: the scores layer must output logits (linear activation)');
  const structure = plainCnnStructure(layers);
  const stored = structure ? readStoredWeights(modelJson, weights) : null;
  if (structure && stored) return TextCnnRunner.fromStoredWeights(tf, stored, structure);
  return runnerThroughLayersModel(tf, modelJson, weights);
}

/** The runner taken from a tfjs layers model built from the files (freed after): any model. */
export async function runnerThroughLayersModel(
  tf: typeof tfType,
  modelJson: ModelFiles['modelJson'],
  weights: ArrayBuffer,
): Promise<TextCnnRunner> {
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
