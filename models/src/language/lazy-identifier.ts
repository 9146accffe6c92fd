import type { TextLanguage } from '@counterweight/shared/classifier';
import type { LanguageModelFiles } from './language-files';
import { identifyLanguage, type PredictLanguages } from './language-gate';
import { LanguageIdentifier } from './language-identifier';

/** Thrown by {@link notYet}: the gate's rule needs the identifier for this text. */
const NEEDED = Symbol('language identifier needed');
const notYet: PredictLanguages = () => {
  throw NEEDED;
};

/**
 * The language gate with fastText started only for the first text that needs it: plainly
 * English prose, short texts and the like are decided by the gate's rule alone
 * (language-gate.ts), so a page of English never starts the WebAssembly module and its memory
 * (about 17 MB reserved) is never taken.
 */
export class LazyLanguageIdentifier {
  #identifier: Promise<LanguageIdentifier> | null = null;

  constructor(private readonly files: LanguageModelFiles) {}

  /** Whether fastText has been started (for tests and benchmarks). */
  get started(): boolean {
    return this.#identifier !== null;
  }

  /** The language of each text under the gate's rule, for `covered`. */
  async identify(texts: string[], covered: readonly TextLanguage[]): Promise<TextLanguage[]> {
    const out: TextLanguage[] = [];
    for (const text of texts) {
      let language: TextLanguage;
      try {
        language = identifyLanguage(text, notYet, covered);
      } catch (error) {
        if (error !== NEEDED) throw error;
        const identifier = await (this.#identifier ??= LanguageIdentifier.create(this.files));
        language = identifyLanguage(text, (t, k) => identifier.predict(t, k), covered);
      }
      out.push(language);
    }
    return out;
  }

  /** Frees fastText's WebAssembly objects, if it was started. */
  async dispose(): Promise<void> {
    const identifier = this.#identifier;
    this.#identifier = null;
    (await identifier)?.dispose();
  }
}
