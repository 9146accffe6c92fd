import { describe, expect, it } from 'vitest';
import { seededRandom } from '../contrast/expand';
import { readArtifactDir } from '../load-node';
import { readStoredWeights } from './artifact-weights';
import { initWasm } from './backend';
import { loadRunner, runnerThroughLayersModel } from './load-runner';

describe('loadRunner on the shipped artifact', () => {
  it('scores exactly as the runner taken from the tfjs layers model', async () => {
    const tf = await initWasm();
    const { modelJson, weights } = readArtifactDir();
    // the shipped model is the plain CNN with a uint8 table: the direct path reads it
    expect(readStoredWeights(modelJson, weights)?.get('embedding/embeddings')?.uint8).toBeTruthy();
    const direct = await loadRunner(tf, modelJson, weights);
    const reference = await runnerThroughLayersModel(tf, modelJson, weights);
    const random = seededRandom(5);
    const vocabulary = (modelJson.weightsManifest[0]!.weights[0]!.shape[0] ?? 2) - 1;
    const rows = Array.from({ length: 40 }, (_, i) =>
      Int32Array.from({ length: 5 + (i % 30) }, () =>
        random() < 0.05 ? 0 : 1 + Math.floor(random() * vocabulary),
      ),
    );
    const a = await direct.logits(rows, 34);
    const b = await reference.logits(rows, 34);
    expect(a.map((l) => [l.hate.toFixed(5), l.extremist.toFixed(5)])).toEqual(
      b.map((l) => [l.hate.toFixed(5), l.extremist.toFixed(5)]),
    );
    direct.dispose();
    reference.dispose();
  });
});

describe('readStoredWeights', () => {
  const manifest = (quantization?: object) => ({
    modelTopology: {},
    weightsManifest: [
      {
        paths: ['weights.bin'],
        weights: [
          {
            name: 'a',
            shape: [2, 2],
            dtype: 'float32' as const,
            ...(quantization ? { quantization } : {}),
          },
        ],
      },
    ],
  });

  it('dequantises uint8 as tfjs does (q × scale + min) and keeps the bytes', () => {
    const w = readStoredWeights(
      manifest({ dtype: 'uint8', scale: 0.5, min: -1 }) as never,
      Uint8Array.from([0, 1, 2, 255]).buffer,
    )!.get('a')!;
    expect([...w.values()]).toEqual([-1, -0.5, 0, 126.5]);
    expect(w.uint8?.bytes.length).toBe(4);
  });

  it('reads plain float32 weights', () => {
    const w = readStoredWeights(manifest() as never, Float32Array.from([1, 2, 3, 4]).buffer)!;
    expect([...w.get('a')!.values()]).toEqual([1, 2, 3, 4]);
  });

  it('declines what it does not read: float16 quantisation, a buffer of another length', () => {
    expect(
      readStoredWeights(manifest({ dtype: 'float16' }) as never, new ArrayBuffer(8)),
    ).toBeNull();
    expect(
      readStoredWeights(
        manifest({ dtype: 'uint8', scale: 1, min: 0 }) as never,
        new ArrayBuffer(5),
      ),
    ).toBeNull();
  });
});
