/**
 * Trains the classifier and writes the artifact to models/artifact/.
 *   pnpm --filter @counterweight/models train
 * Environment: EPOCHS (default 7), AVERAGE_FROM (default 3), SEED (default 20261122), SUBSAMPLE (fraction of dataset rows,
 * default 1, for quick iterations), ARTIFACT_DIR (default models/artifact), CONTRAST_WEIGHT
 * (default 4), BORROWED_WORDS (default 40000), WORD_DROPOUT (default 0.05), KEEP_EVERYDAY (share
 * of the WordNet training rows kept, default 0.5), FILTERS (default 48), POOL_FIRST (default 1),
 * PAIR_WEIGHT (weight of the minimal-pair ranking loss, default 1; 0 = off), PAIRS_PER_BATCH
 * (default 8), PAIR_MARGIN (default 3), PAIR_ROW_WEIGHT (default 1), EXTREMIST_PAIRS_PER_BATCH
 * (terrorist-content pairs per batch, ranked on the extremist logit, default 0), HOLD_OUT (a
 * dataset left out entirely, for leave-one-dataset-out), NEW_SOURCES (1: add ToxiGen, HatemojiBuild,
 * the speeches and the mail; default 0), TRAIN_MAIL (1: add the mail alone), KEEP_SPEECHES and
 * KEEP_MAIL (share of their training rows, default 0.5), EMBEDDING_DIM (default 100),
 * ATTENTION_KEY_DIM (the order-aware candidate, default 0 = off), AUX_HOSTILE and AUX_WEIGHT (the
 * hostile-language head, default off, weight 0.5); see
 * training/settings.ts. Thresholds come from real dev data only (eval/calibrate.ts). Progress goes to
 * stderr; an artifact is written after every epoch that improves the dev score (a checkpoint),
 * and at the end the average of the weights of epochs AVERAGE_FROM..EPOCHS replaces it.
 */
import type * as tfType from '@tensorflow/tfjs';
import { Featuriser, PAD_MARGIN } from '@counterweight/shared/featurise';
import { tokenize } from '@counterweight/shared/text';
import { seededRandom } from './contrast/expand';
import { EMAIL_SOURCE } from './data/emails';
import { buildExtremistPairs } from './contrast/extremist-pairs';
import { buildMinimalPairs, type MinimalPair } from './contrast/minimal-pairs';
import {
  loadContrastExamples,
  loadDatasetExamples,
  loadEverydayText,
  type Example,
} from './data/corpus';
import { pairRankingLoss } from './model/ranking-loss';
import { initWasm } from './model/backend';
import {
  frequentPretrainedWords,
  pretrainedEmbedding,
  transferToUnseenWords,
} from './model/embeddings';
import { createWeights, forwardAll, LABELS, outputs, type TextCnnConfig } from './model/text-cnn';
import {
  batchIds,
  evaluateDev,
  labelArrays,
  perSource,
  score,
  type Featurised,
} from './training/scoring';
import {
  ADDED_SOURCES,
  ARTIFACT_DIR,
  ATTENTION_KEY_DIM,
  AUX_HOSTILE,
  AUX_WEIGHT,
  EMBEDDING_DIM,
  AVERAGE_FROM,
  BATCH,
  BORROWED_WORDS,
  CONTEXT_SHARE,
  CONTRAST_WEIGHT,
  EMBEDDING_LR_FACTOR,
  EPOCHS,
  EXTREMIST_PAIRS_PER_BATCH,
  FILTERS,
  HOLD_OUT,
  KEEP_NEGATIVE,
  LEARNING_RATE,
  log,
  NEW_SOURCES,
  TRAIN_MAIL,
  PAIR_MARGIN,
  PAIR_ROW_WEIGHT,
  PAIR_WEIGHT,
  PAIRS_PER_BATCH,
  POOL_FIRST,
  SEED,
  SEQUENCE_LENGTH,
  SUBSAMPLE,
  TRAIN_TOKENS,
  VOCABULARY_SIZE,
  WORD_DROPOUT,
} from './training/settings';
import { writeArtifact } from './training/write-artifact';

/**
 * Context augmentation: a quarter of the training texts get one to three harmless sentences
 * before or after them, label unchanged, so that harmful content inside a longer, otherwise
 * harmless text still scores as harmful (framing that changes the meaning sits in the same
 * sentence, which the augmentation never splits).
 */
function withContext(train: Example[], random: () => number): Example[] {
  const harmless = train.filter(
    (e) =>
      e.hate === 0 &&
      e.extremist !== 1 &&
      e.text.length < 160 &&
      (e.source !== 'contrast' ||
        /neutral|positive|idiom|news|history|research|places|religion/.test(e.functionality ?? '')),
  );
  const pick = () => harmless[Math.floor(random() * harmless.length)]!.text;
  const extra: Example[] = [];
  for (const e of train) {
    if (random() > CONTEXT_SHARE) continue;
    const context = Array.from({ length: 1 + Math.floor(random() * 3) }, pick).join(' ');
    const text = random() < 0.5 ? `${context} ${e.text}` : `${e.text} ${context}`;
    // Only where the whole text fits the training length: a cut could drop the harmful part.
    if (tokenize(text).length <= TRAIN_TOKENS) extra.push({ ...e, id: `${e.id}+context`, text });
  }
  return [...train, ...extra];
}

/**
 * The training vocabulary (words seen at least twice, by frequency), then the borrowed
 * pretrained words it lacks. Returns it with each word's count in the training texts.
 */
function buildVocabulary(train: Example[]): { vocabulary: string[]; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  for (const e of train)
    for (const t of tokenize(e.text)) counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
  const vocabulary = [...counts.entries()]
    .filter(([, c]) => c >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, VOCABULARY_SIZE - 2)
    .map(([w]) => w);
  const known = new Set(vocabulary);
  const isToken = (word: string) => {
    const tokens = tokenize(word);
    return tokens.length === 1 && tokens[0]!.norm === word;
  };
  for (const word of frequentPretrainedWords(BORROWED_WORDS, isToken))
    if (!known.has(word)) vocabulary.push(word);
  return { vocabulary, counts };
}

async function main() {
  const started = Date.now();
  const tf = await initWasm();
  const random = seededRandom(SEED);
  log(`seed ${SEED}, epochs ${EPOCHS}, subsample ${SUBSAMPLE}, held out ${HOLD_OUT ?? 'none'}`);
  const dataset = [...(await loadDatasetExamples()), ...loadEverydayText()].filter((e) => {
    if (e.source === HOLD_OUT) return false;
    // Without NEW_SOURCES the added sources stay out of training only: their dev rows still
    // calibrate the thresholds, as for every model (recalibrate.ts).
    const trained = NEW_SOURCES || (TRAIN_MAIL && e.source === EMAIL_SOURCE);
    if (!trained && ADDED_SOURCES.includes(e.source) && e.split === 'train') return false;
    if (SUBSAMPLE < 1 && random() > SUBSAMPLE) return false;
    const keep = KEEP_NEGATIVE[e.source];
    return !(
      e.split === 'train' &&
      keep !== undefined &&
      e.hate === 0 &&
      e.extremist === 0 &&
      random() > keep
    );
  });
  const all = [...dataset, ...loadContrastExamples()];
  const train = withContext(
    all.filter((e) => e.split === 'train'),
    random,
  );
  const dev = all.filter((e) => e.split === 'dev');
  const test = all.filter((e) => e.split === 'test');
  log(`examples: train ${train.length}, dev ${dev.length}, test ${test.length}`);

  const { vocabulary, counts } = buildVocabulary(train);
  const featuriser = new Featuriser({ sequenceLength: SEQUENCE_LENGTH, vocabulary });
  const featurise = (e: Example, cap: number): Featurised => {
    const window = featuriser.featurise(e.text)[0]!;
    const n = Math.min(cap, window.tokens.length);
    return {
      example: e,
      ids: window.ids.slice(0, Math.max(1, n)),
      weight:
        e.source === 'contrast'
          ? CONTRAST_WEIGHT
          : e.source === 'minimal-pairs'
            ? PAIR_ROW_WEIGHT
            : 1,
    };
  };
  const trainRows = train.map((e) => featurise(e, TRAIN_TOKENS));
  const asExample = (e: { id: string; text: string; hate: 0 | 1; extremist: 0 | 1 }): Example => ({
    ...e,
    source: 'minimal-pairs',
    split: 'train',
  });
  // Pairs are shuffled with the training stream; a kind that is off draws nothing from it, so
  // switching one on does not change the other's order.
  const pairRows = (build: (seed: number) => MinimalPair[], perBatch: number) =>
    PAIR_WEIGHT > 0 && perBatch > 0
      ? build(SEED)
          .map((p) => ({ p, k: random() }))
          .sort((a, b) => a.k - b.k)
          .map(({ p }) => ({
            violating: featurise(asExample(p.violating), TRAIN_TOKENS),
            lawful: featurise(asExample(p.lawful), TRAIN_TOKENS),
          }))
      : [];
  const pairKinds = [
    { column: 0, perBatch: PAIRS_PER_BATCH, rows: pairRows(buildMinimalPairs, PAIRS_PER_BATCH) },
    {
      column: 1,
      perBatch: EXTREMIST_PAIRS_PER_BATCH,
      rows: pairRows(buildExtremistPairs, EXTREMIST_PAIRS_PER_BATCH),
    },
  ].filter((kind) => kind.rows.length > 0);
  for (const { column, rows, perBatch } of pairKinds)
    log(`minimal pairs on ${LABELS[column]}: ${rows.length}, ${perBatch} per batch`);
  const nextPair = pairKinds.map(() => 0);
  const devRows = dev.map((e) => featurise(e, SEQUENCE_LENGTH - PAD_MARGIN));
  const testRows = test.map((e) => featurise(e, SEQUENCE_LENGTH - PAD_MARGIN));
  log(`vocabulary ${vocabulary.length + 2}, featurised`);

  const config: TextCnnConfig = {
    vocabularySize: vocabulary.length + 2,
    embeddingDim: EMBEDDING_DIM,
    filters1: FILTERS,
    filters2: FILTERS,
    hidden: 32,
    dropout: 0.25,
    poolFirst: POOL_FIRST,
    ...(ATTENTION_KEY_DIM > 0 ? { attention: { keyDim: ATTENTION_KEY_DIM } } : {}),
    ...(AUX_HOSTILE ? { auxiliaryHeads: 1 } : {}),
  };
  const { matrix, covered, vectors } = pretrainedEmbedding(vocabulary, config.embeddingDim, SEED);
  log(`pretrained vectors for ${covered} of ${vocabulary.length} words`);
  const weights = createWeights(tf, config, matrix, SEED);
  const countOf = (i: number) => counts.get(vocabulary[i]!) ?? 0;
  const transfer = async () => {
    const trained = (await weights.embedding.data()) as Float32Array;
    const copy = Float32Array.from(trained);
    const { fitted, replaced } = transferToUnseenWords(
      copy,
      config.embeddingDim,
      vectors,
      (i) => countOf(i) >= 3,
      (i) => countOf(i) <= 1,
    );
    const placed = tf.tensor2d(copy, [config.vocabularySize, config.embeddingDim]);
    weights.embedding.assign(placed);
    placed.dispose();
    log(`embedding: ${replaced} unseen words placed by a map fitted on ${fitted} seen words`);
  };
  // The embedding learns ten times slower, so words seen rarely in training keep the
  // neighbourhoods of their pretrained vectors (and generalise like them).
  const optimizer = tf.train.adam(LEARNING_RATE);
  const embeddingOptimizer = tf.train.adam(LEARNING_RATE * EMBEDDING_LR_FACTOR);
  const { embedding: embeddingVar, ...rest } = weights;
  const otherVars = Object.values(rest);

  // Positive-class weights so rare labels are not drowned out.
  const posWeight = LABELS.map((label) => {
    const { labels } = labelArrays(trainRows, label);
    const pos = labels.filter((y) => y === 1).length;
    return Math.min(4, Math.max(1, (labels.length - pos) / Math.max(1, pos) / 2));
  });
  log(`positive weights ${posWeight.map((w) => w.toFixed(2)).join(', ')}`);

  let bestScore = -1;
  let averageSum: Record<string, tfType.Tensor> | null = null;
  let averaged = 0;
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    // Shuffle, then sort within chunks by length so batches carry little padding.
    const order = trainRows
      .map((r) => ({ r, k: random() }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.r);
    const batches: Featurised[][] = [];
    for (let i = 0; i < order.length; i += BATCH * 50) {
      const chunk = order.slice(i, i + BATCH * 50).sort((a, b) => a.ids.length - b.ids.length);
      for (let j = 0; j < chunk.length; j += BATCH) batches.push(chunk.slice(j, j + BATCH));
    }
    batches.sort(() => random() - 0.5);
    let lossSum = 0;
    const epochStart = Date.now();
    for (let b = 0; b < batches.length; b++) {
      const main = batches[b]!;
      // Each kind's violating twins, then their lawful twins, after the main rows.
      const pairBatches = pairKinds.map(({ rows, perBatch }, k) =>
        Array.from({ length: perBatch }, () => rows[nextPair[k]!++ % rows.length]!),
      );
      const batch = [
        ...main,
        ...pairBatches.flatMap((pairBatch) => [
          ...pairBatch.map((p) => p.violating),
          ...pairBatch.map((p) => p.lawful),
        ]),
      ];
      // One column per label, then the auxiliary head (hostile language) when it is on.
      const columns = outputs(config);
      const targets = new Float32Array(batch.length * columns);
      const lossWeights = new Float32Array(batch.length * columns);
      batch.forEach((r, k) => {
        LABELS.forEach((label, j) => {
          const y = r.example[label];
          targets[columns * k + j] = y ?? 0;
          lossWeights[columns * k + j] = y === null ? 0 : r.weight * (y === 1 ? posWeight[j]! : 1);
        });
        if (AUX_HOSTILE) {
          const y = r.example.hostile ?? null;
          targets[columns * k + 2] = y ?? 0;
          lossWeights[columns * k + 2] = y === null ? 0 : r.weight * AUX_WEIGHT;
        }
      });
      const loss = tf.tidy(() => {
        const ids = batchIds(tf, batch, WORD_DROPOUT > 0 ? random : undefined, main.length);
        const y = tf.tensor2d(targets, [batch.length, columns]);
        const w = tf.tensor2d(lossWeights, [batch.length, columns]);
        const { value, grads } = tf.variableGrads(() => {
          const logits = forwardAll(tf, weights, ids, config, true);
          const crossEntropy = tf.losses.sigmoidCrossEntropy(
            y,
            logits,
            w,
            0.0,
            tf.Reduction.SUM_BY_NONZERO_WEIGHTS,
          ) as tfType.Scalar;
          let loss = crossEntropy;
          let from = main.length;
          pairKinds.forEach(({ column, perBatch }) => {
            const ranking = pairRankingLoss(
              tf,
              logits,
              { violatingFrom: from, lawfulFrom: from + perBatch, count: perBatch, column },
              PAIR_MARGIN,
            );
            loss = tf.add(loss, tf.mul(PAIR_WEIGHT, ranking));
            from += 2 * perBatch;
          });
          return loss;
        }, [embeddingVar, ...otherVars]);
        const { [embeddingVar.name]: embeddingGrad, ...otherGrads } = grads;
        optimizer.applyGradients(
          Object.entries(otherGrads).map(([name, tensor]) => ({ name, tensor })),
        );
        embeddingOptimizer.applyGradients([{ name: embeddingVar.name, tensor: embeddingGrad! }]);
        return value;
      });
      lossSum += (await loss!.data())[0]!;
      loss!.dispose();
      if ((b + 1) % 100 === 0)
        log(
          `epoch ${epoch} batch ${b + 1}/${batches.length} loss ${(lossSum / (b + 1)).toFixed(4)} (${((Date.now() - epochStart) / (b + 1)).toFixed(0)} ms/batch)`,
        );
    }
    await transfer();
    const { thresholds, sensitivity, devMetrics, f1Sum } = await evaluateDev(
      tf,
      weights,
      config,
      devRows,
    );
    log(
      `epoch ${epoch} done in ${((Date.now() - epochStart) / 1000).toFixed(0)} s; dev ${JSON.stringify(devMetrics)}; thresholds ${JSON.stringify(thresholds)}`,
    );
    if (epoch >= AVERAGE_FROM) {
      const previous: Record<string, tfType.Tensor> | null = averageSum;
      averageSum = tf.tidy(() =>
        Object.fromEntries(
          Object.entries(weights).map(
            ([k, v]: [string, tfType.Variable]): [string, tfType.Tensor] => [
              k,
              previous ? tf.add(previous[k]!, v) : tf.clone(v),
            ],
          ),
        ),
      );
      if (previous) Object.values(previous).forEach((t: tfType.Tensor) => t.dispose());
      averaged++;
    }
    if (f1Sum > bestScore) {
      bestScore = f1Sum;
      const testScores = await score(tf, weights, config, testRows);
      await writeArtifact(
        tf,
        weights,
        config,
        vocabulary,
        { thresholds, sensitivity },
        { epoch, dev: devMetrics, test: perSource(testRows, testScores, thresholds) },
        started,
      );
      log(`epoch ${epoch}: artifact written to ${ARTIFACT_DIR}`);
    }
  }
  if (averageSum && averaged > 1) {
    // Stochastic weight averaging: the mean of the weights of the last epochs generalises
    // better and more stably than any single epoch. It is the shipped model.
    const sum = averageSum;
    for (const [k, v] of Object.entries(weights))
      (v as tfType.Variable).assign(tf.div(sum[k]!, averaged));
    await transfer();
    const { thresholds, sensitivity, devMetrics } = await evaluateDev(tf, weights, config, devRows);
    log(
      `average of epochs ${AVERAGE_FROM}-${EPOCHS}: dev ${JSON.stringify(devMetrics)}; thresholds ${JSON.stringify(thresholds)}`,
    );
    const testScores = await score(tf, weights, config, testRows);
    await writeArtifact(
      tf,
      weights,
      config,
      vocabulary,
      { thresholds, sensitivity },
      {
        epoch: `average of epochs ${AVERAGE_FROM}-${EPOCHS}`,
        dev: devMetrics,
        test: perSource(testRows, testScores, thresholds),
      },
      started,
    );
    log(`averaged model written to ${ARTIFACT_DIR}`);
  }
  log(`done in ${((Date.now() - started) / 60000).toFixed(1)} min`);
}

await main();
