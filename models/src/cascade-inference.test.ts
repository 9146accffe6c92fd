import { beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactContents } from './artifact-contents';
import { seededRandom } from './contrast/expand';
import { TextClassifier } from './inference';
import { readArtifactDir } from './load-node';
import { quantisedArtifact } from './model/artifact';
import { initWasm } from './model/backend';
import { buildLayersModel, createWeights, setLayersWeights } from './model/text-cnn';

// The shipped CNN screens; a small order-aware model with random weights over the same
// vocabulary decides. Which model scored a text is visible in its scores.
const texts = [
  'Have a lovely day, everyone!',
  'All immigrants are vermin and should be exterminated',
  'Join the soldiers of the caliphate and strike the crusaders in their homes',
  'The council meets on Tuesday to discuss the new cycle lanes',
  'People who say that refugees are animals are wrong and should be ashamed',
];
let shipped: ArtifactContents;
let ordered: ArtifactContents;
let tf: Awaited<ReturnType<typeof initWasm>>;

beforeAll(async () => {
  tf = await initWasm();
  shipped = readArtifactDir();
  const metadata = shipped.metadata as { featuriser: { vocabularySize: number } };
  const config = {
    vocabularySize: metadata.featuriser.vocabularySize,
    embeddingDim: 8,
    filters1: 6,
    filters2: 6,
    hidden: 4,
    dropout: 0,
    attention: { keyDim: 4 },
  };
  const random = seededRandom(3);
  const weights = createWeights(
    tf,
    config,
    Float32Array.from({ length: config.vocabularySize * 8 }, () => random() - 0.5),
    5,
  );
  const model = buildLayersModel(tf, config);
  setLayersWeights(tf, model, weights, config);
  const { modelJson, weights: bin } = await quantisedArtifact(tf, model);
  ordered = {
    ...shipped,
    modelJson: modelJson as ArtifactContents['modelJson'],
    weights: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
  };
}, 60_000);

const cascadeOf = (escalate: { hate: number; extremist: number }): ArtifactContents => ({
  ...ordered,
  metadata: {
    ...(ordered.metadata as object),
    cascade: {
      screenModelFile: 'screen.json',
      screenWeightsFile: 'screen.bin',
      screenVersion: 'shipped',
      escalate,
    },
  },
  screen: { modelJson: shipped.modelJson, weights: shipped.weights },
});

describe('the cascade in inference', () => {
  it("gives the order-aware model's scores for every window it escalates", async () => {
    const alone = await (
      await TextClassifier.load(tf, ordered)
    ).classify(texts, { evidence: false });
    const all = await (
      await TextClassifier.load(tf, cascadeOf({ hate: 0, extremist: 0 }))
    ).classify(texts, { evidence: false });
    expect(all.map((r) => r.scores)).toEqual(alone.map((r) => r.scores));
  });

  it("keeps the screen's scores for the windows it does not escalate", async () => {
    const screen = await (
      await TextClassifier.load(tf, shipped)
    ).classify(texts, { evidence: false });
    const alone = await (
      await TextClassifier.load(tf, ordered)
    ).classify(texts, { evidence: false });
    const escalate = { hate: 0.5, extremist: 0.5 };
    const cascaded = await (
      await TextClassifier.load(tf, cascadeOf(escalate))
    ).classify(texts, {
      evidence: false,
    });
    const routed = screen.map((s, i) =>
      s.scores.hate >= escalate.hate || s.scores.extremist >= escalate.extremist
        ? alone[i]!.scores
        : s.scores,
    );
    // Both routes occur in this sample, or the test would not tell them apart.
    expect(routed.filter((r, i) => r === alone[i]!.scores).length).toBeGreaterThan(0);
    expect(routed.filter((r, i) => r === screen[i]!.scores).length).toBeGreaterThan(0);
    expect(cascaded.map((r) => r.scores)).toEqual(routed);
  });

  it('refuses metadata that names a screen it was not given', async () => {
    const { screen: _, ...withoutScreen } = cascadeOf({ hate: 0.5, extremist: 0.5 });
    await expect(TextClassifier.load(tf, withoutScreen)).rejects.toThrow(/cascade screen/);
  });
});
