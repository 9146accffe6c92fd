import type { ArtifactContents, ModelFiles } from './artifact-contents';
import { loadLanguageFilesFromUrl } from './language/language-files';

/**
 * Reads the artifact from a base URL (for the extension: the folder its public assets copy
 * models/artifact/ to, with the language identifier's files under `language/`). `fetchFn`
 * defaults to the global fetch. A cascade's screen files are read when metadata.json names them.
 */
export async function loadArtifactFromUrl(
  base: string,
  fetchFn: typeof fetch = fetch,
): Promise<ArtifactContents> {
  const url = (name: string) => new URL(name, base.endsWith('/') ? base : `${base}/`).toString();
  const get = async (name: string) => {
    const response = await fetchFn(url(name));
    if (!response.ok) throw new Error(`could not load ${name}: HTTP ${response.status}`);
    return response;
  };
  const modelFiles = async (json: string, bin: string): Promise<ModelFiles> => {
    const [modelJson, weights] = await Promise.all([
      get(json).then((r) => r.json() as Promise<ModelFiles['modelJson']>),
      get(bin).then((r) => r.arrayBuffer()),
    ]);
    return { modelJson, weights };
  };
  const metadataLoaded = get('metadata.json').then((r) => r.json() as Promise<unknown>);
  const [model, metadata, vocabulary, language, screen] = await Promise.all([
    modelFiles('model.json', 'weights.bin'),
    metadataLoaded,
    get('vocabulary.json').then((r) => r.json() as Promise<string[]>),
    loadLanguageFilesFromUrl(base, fetchFn),
    metadataLoaded.then((m) => {
      const cascade = (m as { cascade?: { screenModelFile: string; screenWeightsFile: string } })
        .cascade;
      return cascade ? modelFiles(cascade.screenModelFile, cascade.screenWeightsFile) : undefined;
    }),
  ]);
  return { ...model, metadata, vocabulary, language, ...(screen ? { screen } : {}) };
}
