import { beforeAll, describe, expect, it } from 'vitest';
import { ClassifierResult } from '@counterweight/shared';
import type { TextClassifier } from './inference';
import { loadClassifier } from './load-node';

// These run the real shipped artifact (models/artifact/) on the real wasm backend.
let classifier: TextClassifier;
beforeAll(async () => {
  classifier = await loadClassifier();
}, 60_000);

describe('TextClassifier', () => {
  it('returns one valid ClassifierResult per text, in order', async () => {
    const texts = [
      'Have a lovely day, everyone!',
      'All immigrants are vermin and should be exterminated',
      '',
    ];
    const results = await classifier.classify(texts);
    expect(results).toHaveLength(3);
    for (const r of results) expect(ClassifierResult.parse(r)).toEqual(r);
    expect(results[0]!.decision).toBe('clear');
    expect(results[0]!.evidence).toEqual([]);
  });

  it('ranks a dehumanising call for violence above a friendly greeting', async () => {
    const [friendly, hateful] = await classifier.classify([
      'Have a lovely day, everyone!',
      'All immigrants are vermin and should be exterminated',
    ]);
    expect(hateful!.scores.hate).toBeGreaterThan(friendly!.scores.hate + 0.3);
    expect(hateful!.decision).not.toBe('clear');
    expect(hateful!.label).toBe('hate');
  });

  it('gives evidence made of words from the text for what it raises', async () => {
    const text = 'All immigrants are vermin and should be exterminated';
    const [r] = await classifier.classify([text]);
    expect(r!.evidence.length).toBeGreaterThan(0);
    for (const e of r!.evidence)
      for (const word of e.split(' ')) expect(text.toLowerCase()).toContain(word);
  });

  it('scores a text the same alone and in a batch of texts of other lengths', async () => {
    const text = 'Join the soldiers of the caliphate and strike the crusaders in their homes';
    const [alone] = await classifier.classify([text]);
    const batch = await classifier.classify(['short', text, 'a much longer text '.repeat(20)]);
    expect(batch[1]!.scores.hate).toBeCloseTo(alone!.scores.hate, 4);
    expect(batch[1]!.scores.extremist).toBeCloseTo(alone!.scores.extremist, 4);
  });

  it('scores text beyond the first window (long texts are cut into windows)', async () => {
    const filler = 'the weather was fine and we walked along the river to the old bridge. '.repeat(
      12,
    );
    const harmful = 'Join the soldiers of the caliphate and strike the crusaders in their homes';
    const [fillerOnly, long] = await classifier.classify([filler, `${filler} ${harmful}`]);
    // The harmful sentence starts after token 160: a single 60-token window would never see it.
    expect(long!.scores.extremist).toBeGreaterThan(fillerOnly!.scores.extremist + 0.2);
  });

  it('exposes a model version from metadata.json', () => {
    expect(classifier.modelVersion).toMatch(/^counterweight-text-cnn@/);
  });
});
