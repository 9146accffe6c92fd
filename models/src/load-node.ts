import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TextClassifier, type ArtifactContents } from './inference';
import { readLanguageFiles } from './language/language-files-node';
import { initWasm } from './model/backend';

/** models/artifact/, the shipped model. */
export const ARTIFACT_DIR = fileURLToPath(new URL('../artifact/', import.meta.url));

/** Reads the artifact's four files from a folder, and the language identifier's (Node only). */
export function readArtifactDir(dir: string = ARTIFACT_DIR): ArtifactContents {
  const read = (name: string) => readFileSync(`${dir.replace(/\/$/, '')}/${name}`);
  const weights = read('weights.bin');
  const metadata = JSON.parse(read('metadata.json').toString('utf8')) as {
    cascade?: { screenModelFile: string; screenWeightsFile: string };
  };
  const screenWeights = metadata.cascade ? read(metadata.cascade.screenWeightsFile) : null;
  return {
    modelJson: JSON.parse(read('model.json').toString('utf8')) as ArtifactContents['modelJson'],
    weights: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    metadata,
    vocabulary: JSON.parse(read('vocabulary.json').toString('utf8')) as string[],
    language: readLanguageFiles(),
    ...(metadata.cascade && screenWeights
      ? {
          screen: {
            modelJson: JSON.parse(
              read(metadata.cascade.screenModelFile).toString('utf8'),
            ) as ArtifactContents['modelJson'],
            weights: screenWeights.buffer.slice(
              screenWeights.byteOffset,
              screenWeights.byteOffset + screenWeights.byteLength,
            ),
          },
        }
      : {}),
  };
}

/** Initialises tfjs on the wasm backend (quietly) and loads the classifier from a folder. */
export async function loadClassifier(
  dir: string = process.env.ARTIFACT_DIR ?? ARTIFACT_DIR,
): Promise<TextClassifier> {
  const tf = await initWasm();
  return TextClassifier.load(tf, readArtifactDir(dir));
}
