import type * as tfType from '@tensorflow/tfjs';
import type { LanguageModelFiles } from './language/language-files';

/** A layers model as model.json (topology and quantised weight specs) and its weights. */
export interface ModelFiles {
  modelJson: {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tfType.io.WeightsManifestEntry[] }[];
  };
  weights: ArrayBuffer;
}

/**
 * The files of models/artifact/ already read: the model, metadata.json, the vocabulary, the
 * language identifier's two files and, for a cascade (metadata.json `cascade`), the screen.
 */
export interface ArtifactContents extends ModelFiles {
  metadata: unknown;
  vocabulary: string[];
  language: LanguageModelFiles;
  screen?: ModelFiles;
}
