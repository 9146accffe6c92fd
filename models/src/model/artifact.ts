import type * as tfType from '@tensorflow/tfjs';

/**
 * Serialises a layers model as model.json + weights.bin with every weight quantised to uint8
 * (affine, per tensor): the standard tfjs quantised format that tf.loadLayersModel dequantises.
 */
export async function quantisedArtifact(
  tf: typeof tfType,
  model: tfType.LayersModel,
): Promise<{ modelJson: object; weights: Uint8Array }> {
  let saved: tfType.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved?.weightSpecs || !saved.weightData) throw new Error('model.save gave no weights');
  const data = new Float32Array(saved.weightData as ArrayBuffer);
  const specs: object[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const spec of saved.weightSpecs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = data.subarray(offset, offset + size);
    offset += size;
    let min = Infinity,
      max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const scale = max > min ? (max - min) / 255 : 1;
    const q = new Uint8Array(size);
    for (let i = 0; i < size; i++) q[i] = Math.round((values[i]! - min) / scale);
    chunks.push(q);
    specs.push({
      name: spec.name,
      shape: spec.shape,
      dtype: 'float32',
      quantization: { dtype: 'uint8', min, scale },
    });
  }
  const weights = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    weights.set(c, at);
    at += c.length;
  }
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: 'counterweight models/src/model/artifact.ts (uint8 affine quantisation)',
    modelTopology: saved.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
  };
  return { modelJson, weights };
}
