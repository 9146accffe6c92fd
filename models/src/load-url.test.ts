import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadArtifactFromUrl, TextClassifier } from './inference';
import { ARTIFACT_DIR, readArtifactDir } from './load-node';
import { initWasm } from './model/backend';

// Serves models/artifact/ the way the extension serves its public assets.
const serve: typeof fetch = async (input) => {
  const url = new URL(String(input));
  if (!url.pathname.startsWith('/model/')) return new Response('not found', { status: 404 });
  try {
    return new Response(readFileSync(`${ARTIFACT_DIR}/${url.pathname.slice('/model/'.length)}`));
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
    const tf = await initWasm();
    const classifier = await TextClassifier.fromUrl(tf, 'chrome-extension://abc/model/', serve);
    expect((await classifier.classify(['hello']))[0]!.decision).toBeDefined();
    classifier.dispose();
  });

  it('names the missing file when the server answers 404', async () => {
    await expect(loadArtifactFromUrl('chrome-extension://abc/nowhere/', serve)).rejects.toThrow(
      /could not load (model|weights|metadata|vocabulary)\.\w+: HTTP 404/,
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
