import { mkdirSync, writeFileSync } from 'node:fs';
import { TEXT_NORMALISER_VERSION } from '@counterweight/shared/text';
import { PAD_MARGIN } from '@counterweight/shared/featurise';
import { trainingFileHashes } from '../data/corpus';
import type { ModelMetadata } from '../metadata';
import { quantisedArtifact } from '../model/artifact';
import type { initWasm } from '../model/backend';
import {
  buildLayersModel,
  setLayersWeights,
  type TextCnnConfig,
  type ClassifierWeights,
} from '../model/text-cnn';
import * as s from './settings';

/** Writes the quantised model, vocabulary and metadata.json to s.ARTIFACT_DIR. */
export async function writeArtifact(
  tf: Awaited<ReturnType<typeof initWasm>>,
  weights: ClassifierWeights,
  config: TextCnnConfig,
  vocabulary: string[],
  { thresholds, sensitivity }: Pick<ModelMetadata, 'thresholds' | 'sensitivity'>,
  metrics: Record<string, unknown>,
  started: number,
) {
  const model = buildLayersModel(tf, config);
  setLayersWeights(tf, model, weights, config);
  const { modelJson, weights: bin } = await quantisedArtifact(tf, model);
  model.dispose();
  mkdirSync(s.ARTIFACT_DIR, { recursive: true });
  const createdAt = new Date().toISOString();
  const metadata: ModelMetadata = {
    name: 'counterweight-text-cnn',
    version: `0.1.0+${createdAt.slice(0, 16).replace(/[-:T]/g, '')}`,
    createdAt,
    labels: ['hate', 'extremist'],
    thresholds,
    sensitivity,
    // The only language whose held-out figures exist; others abstain (language/).
    languages: ['en'],
    featuriser: {
      normaliserVersion: TEXT_NORMALISER_VERSION,
      sequenceLength: s.SEQUENCE_LENGTH,
      padMargin: PAD_MARGIN,
      vocabularyFile: 'vocabulary.json',
      vocabularySize: vocabulary.length + 2,
    },
    architecture: {
      ...config,
      kind: config.attention
        ? 'embedding > conv1d(k3) > conv1d(k3, dilation 2) > self-attention + attention pool > dense > sigmoid'
        : s.POOL_FIRST
          ? 'embedding > conv1d(k3) > conv1d(k3, dilation 2) > global max pools > dense > sigmoid'
          : 'embedding > conv1d(k3) > conv1d(k3, dilation 2) > global max pool > dense > sigmoid',
      quantisation: 'uint8 affine per tensor',
    },
    training: {
      command: 'pnpm --filter @counterweight/models train',
      seed: s.SEED,
      epochs: s.EPOCHS,
      subsample: s.SUBSAMPLE,
      batch: s.BATCH,
      learningRate: s.LEARNING_RATE,
      contrastWeight: s.CONTRAST_WEIGHT,
      averageFrom: s.AVERAGE_FROM,
      contextShare: s.CONTEXT_SHARE,
      embeddingLearningRateFactor: s.EMBEDDING_LR_FACTOR,
      borrowedWords: s.BORROWED_WORDS,
      wordDropout: s.WORD_DROPOUT,
      pairWeight: s.PAIR_WEIGHT,
      pairsPerBatch: s.PAIRS_PER_BATCH,
      pairMargin: s.PAIR_MARGIN,
      pairRowWeight: s.PAIR_ROW_WEIGHT,
      extremistPairsPerBatch: s.EXTREMIST_PAIRS_PER_BATCH,
      keepNegative: s.KEEP_NEGATIVE,
      trainTokens: s.TRAIN_TOKENS,
      holdOut: s.HOLD_OUT ?? null,
      newSources: s.NEW_SOURCES,
      trainMail: s.TRAIN_MAIL,
      ...(s.AUX_HOSTILE ? { auxiliaryHostile: { weight: s.AUX_WEIGHT } } : {}),
      minutes: Math.round((Date.now() - started) / 6000) / 10,
      backend: tf.getBackend(),
    },
    trainingFiles: trainingFileHashes(),
    metrics,
  };
  writeFileSync(`${s.ARTIFACT_DIR}/model.json`, JSON.stringify(modelJson));
  writeFileSync(`${s.ARTIFACT_DIR}/weights.bin`, bin);
  writeFileSync(`${s.ARTIFACT_DIR}/vocabulary.json`, JSON.stringify(vocabulary));
  writeFileSync(`${s.ARTIFACT_DIR}/metadata.json`, JSON.stringify(metadata, null, 2) + '\n');
}
