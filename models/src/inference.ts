import type * as tfType from '@tensorflow/tfjs';
import { Featuriser, type FeaturisedWindow } from '@counterweight/shared/featurise';
import { TEXT_NORMALISER_VERSION } from '@counterweight/shared/text';
import type { ClassifierResult } from '@counterweight/shared';
import { decide } from './decide';
import { LazyLanguageIdentifier } from './language/lazy-identifier';
import { isCovered } from './language/language-gate';
import { DEFAULT_LANGUAGES, ModelMetadata } from './metadata';
import type { ArtifactContents } from './artifact-contents';
import { escalatedWindows } from './cascade';
import { loadRunner } from './model/load-runner';
import type { TextCnnRunner, WindowLogits } from './model/text-cnn-runner';

export type { ArtifactContents } from './artifact-contents';
import { loadArtifactFromUrl } from './load-url';
export { loadArtifactFromUrl };

export interface ClassifyOptions {
  /** Compute evidence for texts that are not clear (default true). */
  evidence?: boolean;
  /** Windows per model call (default 256). */
  batchSize?: number;
  /**
   * Abstain on texts in a language the model does not cover (default true). false scores every
   * text (for measuring the model on other languages); `language` is reported either way.
   */
  languageGate?: boolean;
}

const EVIDENCE_ITEMS = 4;
const CHUNK = 512;
/** Minimum fall of the deciding logit when a word is removed, for the word to count as evidence. */
const EVIDENCE_MIN_DROP = 0.25;

/**
 * The on-device classifier: ranks texts for human review and says why. Works with any tfjs
 * backend the caller has initialised (wasm in the extension and in Node).
 */
export class TextClassifier {
  readonly modelVersion: string;
  readonly metadata: ModelMetadata;
  private readonly featuriser: Featuriser;

  private constructor(
    private readonly runner: TextCnnRunner,
    /** The cascade's cheap first stage (metadata.json `cascade`), or null: the runner reads all. */
    private readonly screen: TextCnnRunner | null,
    private readonly languages: LazyLanguageIdentifier,
    metadata: ModelMetadata,
    vocabulary: string[],
  ) {
    this.metadata = metadata;
    this.modelVersion = `${metadata.name}@${metadata.version}`;
    this.featuriser = new Featuriser({
      sequenceLength: metadata.featuriser.sequenceLength,
      vocabulary,
    });
  }

  /** Loads the classifier from a base URL serving the four artifact files (the extension's case). */
  static async fromUrl(
    tf: typeof tfType,
    base: string,
    fetchFn: typeof fetch = fetch,
  ): Promise<TextClassifier> {
    return TextClassifier.load(tf, await loadArtifactFromUrl(base, fetchFn));
  }

  /** Loads the classifier from artifact contents (see {@link loadArtifactFromUrl}). */
  static async load(tf: typeof tfType, contents: ArtifactContents): Promise<TextClassifier> {
    const metadata = ModelMetadata.parse(contents.metadata);
    if (metadata.featuriser.normaliserVersion !== TEXT_NORMALISER_VERSION) {
      throw new Error(
        `model was trained with text normaliser v${metadata.featuriser.normaliserVersion}, this build has v${TEXT_NORMALISER_VERSION}`,
      );
    }
    if (contents.vocabulary.length + 2 !== metadata.featuriser.vocabularySize)
      throw new Error('vocabulary does not match metadata.json');
    const runner = await loadRunner(tf, contents.modelJson, contents.weights);
    if (metadata.cascade && !contents.screen)
      throw new Error('metadata.json names a cascade screen but its files were not loaded');
    const screen =
      metadata.cascade && contents.screen
        ? await loadRunner(tf, contents.screen.modelJson, contents.screen.weights)
        : null;
    const languages = new LazyLanguageIdentifier(contents.language);
    return new TextClassifier(runner, screen, languages, metadata, contents.vocabulary);
  }

  /**
   * Classifies texts; one result per text, in order. Each text's language is told first
   * (language/language-gate.ts); a text in a language the model does not cover (metadata.json
   * `languages`) is not scored: decision "abstain", label null, zero scores, no evidence.
   */
  async classify(texts: string[], options: ClassifyOptions = {}): Promise<ClassifierResult[]> {
    const covered = this.metadata.languages ?? DEFAULT_LANGUAGES;
    const languages = await this.languages.identify(texts, covered);
    const read = texts
      .map((_, i) => i)
      .filter((i) => options.languageGate === false || isCovered(languages[i]!, covered));
    const scored = await this.score(
      read.map((i) => texts[i]!),
      options,
    );
    const results: ClassifierResult[] = texts.map((_, i) => ({
      decision: 'abstain',
      label: null,
      scores: { hate: 0, extremist: 0 },
      evidence: [],
      language: languages[i]!,
    }));
    read.forEach((i, k) => (results[i] = { ...scored[k]!, language: languages[i]! }));
    return results;
  }

  /**
   * Scores texts; one result per text, in order. A text longer than one window is scored
   * window by window and the highest score counts. Evidence: the words whose removal lowers
   * the deciding logit most (for "flag" and "uncertain" results only).
   */
  private async score(texts: string[], options: ClassifyOptions): Promise<ClassifierResult[]> {
    // Chunks bound the memory held at once (featurised windows, evidence probes).
    const results: ClassifierResult[] = [];
    for (let start = 0; start < texts.length; start += CHUNK)
      results.push(...(await this.classifyChunk(texts.slice(start, start + CHUNK), options)));
    return results;
  }

  private async classifyChunk(
    texts: string[],
    options: ClassifyOptions,
  ): Promise<ClassifierResult[]> {
    const batchSize = options.batchSize ?? 256;
    const windows: { text: number; window: FeaturisedWindow }[] = [];
    texts.forEach((text, i) => {
      for (const window of this.featuriser.featurise(text)) windows.push({ text: i, window });
    });
    const windowLogits = await this.windowLogits(
      windows.map((w) => w.window.ids),
      batchSize,
    );
    const windowScores = windowLogits.map((l) => ({
      hate: sigmoid(l.hate),
      extremist: sigmoid(l.extremist),
    }));
    const best = texts.map(() => ({ hate: 0, extremist: 0, hateWindow: -1, extremistWindow: -1 }));
    windows.forEach((w, k) => {
      const b = best[w.text]!;
      const s = windowScores[k]!;
      if (s.hate > b.hate || b.hateWindow < 0) {
        b.hate = s.hate;
        b.hateWindow = k;
      }
      if (s.extremist > b.extremist || b.extremistWindow < 0) {
        b.extremist = s.extremist;
        b.extremistWindow = k;
      }
    });
    const results: ClassifierResult[] = best.map((b) => {
      const scores = { hate: round(b.hate), extremist: round(b.extremist) };
      // The language is filled in by classify().
      return { ...decide(scores, this.metadata.thresholds), scores, evidence: [], language: 'und' };
    });
    if (options.evidence !== false)
      await this.addEvidence(results, best, windows, windowLogits, batchSize);
    return results;
  }

  /**
   * Logits per window: of the model, or in a cascade of the screen for every window and of the
   * model for the windows the screen escalates. A window not escalated keeps the screen's
   * logits, which lie below the model's uncertain thresholds by construction (cascade.ts).
   */
  private async windowLogits(all: Int32Array[], batchSize: number): Promise<WindowLogits[]> {
    const cascade = this.metadata.cascade;
    if (!this.screen || !cascade) return this.scoreWindows(all, batchSize);
    const screened = await this.scoreWindows(all, batchSize, this.screen);
    const escalated = escalatedWindows(screened, cascade.escalate);
    const decided = await this.scoreWindows(
      escalated.map((i) => all[i]!),
      batchSize,
    );
    escalated.forEach((i, k) => (screened[i] = decided[k]!));
    return screened;
  }

  /** Frees the model's tensors and the language identifier. */
  dispose(): void {
    this.runner.dispose();
    this.screen?.dispose();
    void this.languages.dispose();
  }

  /**
   * Logits per window (the model's output layer is linear). Windows are sorted by length so a
   * batch carries little padding; a batch is as long as its longest window.
   */
  private async scoreWindows(
    all: Int32Array[],
    batchSize: number,
    runner: TextCnnRunner = this.runner,
  ): Promise<WindowLogits[]> {
    const lengths = all.map(tokenCount);
    const order = all.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]!);
    const out: WindowLogits[] = new Array(all.length);
    for (let start = 0; start < order.length; start += batchSize) {
      const idx = order.slice(start, start + batchSize);
      const length = Math.max(...idx.map((i) => lengths[i]!));
      const logits = await runner.logits(
        idx.map((i) => all[i]!),
        length,
      );
      idx.forEach((i, row) => (out[i] = logits[row]!));
    }
    return out;
  }

  private async addEvidence(
    results: ClassifierResult[],
    best: { hate: number; extremist: number; hateWindow: number; extremistWindow: number }[],
    windows: { text: number; window: FeaturisedWindow }[],
    windowLogits: { hate: number; extremist: number }[],
    batchSize: number,
  ): Promise<void> {
    const probes: {
      text: number;
      label: 'hate' | 'extremist';
      position: number;
      ids: Int32Array;
    }[] = [];
    results.forEach((r, i) => {
      if (!r.label) return;
      const k = r.label === 'hate' ? best[i]!.hateWindow : best[i]!.extremistWindow;
      const { ids } = windows[k]!.window;
      for (let p = 0; p < tokenCount(ids); p++) {
        if (p > 0 && ids[p] === ids[p - 1]) continue;
        const occluded = ids.slice();
        occluded[p] = 0;
        probes.push({ text: i, label: r.label, position: p, ids: occluded });
      }
    });
    if (probes.length === 0) return;
    const scores = await this.scoreWindows(
      probes.map((p) => p.ids),
      batchSize,
    );
    const drops = new Map<number, { position: number; drop: number }[]>();
    probes.forEach((p, k) => {
      const list = drops.get(p.text) ?? [];
      const window = p.label === 'hate' ? best[p.text]!.hateWindow : best[p.text]!.extremistWindow;
      list.push({
        position: p.position,
        drop: windowLogits[window]![p.label] - scores[k]![p.label],
      });
      drops.set(p.text, list);
    });
    for (const [text, list] of drops) {
      const label = results[text]!.label!;
      const { tokens } =
        windows[label === 'hate' ? best[text]!.hateWindow : best[text]!.extremistWindow]!.window;
      const top = list
        .filter((d) => d.drop >= EVIDENCE_MIN_DROP)
        .sort((a, b) => b.drop - a.drop)
        .slice(0, EVIDENCE_ITEMS);
      const positions = top.map((d) => d.position).sort((a, b) => a - b);
      // Adjacent positions form one phrase ("should be exterminated").
      const phrases: { start: number; end: number; drop: number }[] = [];
      for (const p of positions) {
        const last = phrases[phrases.length - 1];
        const drop = top.find((d) => d.position === p)!.drop;
        if (last && p === last.end + 1) {
          last.end = p;
          last.drop = Math.max(last.drop, drop);
        } else phrases.push({ start: p, end: p, drop });
      }
      results[text]!.evidence = phrases
        .sort((a, b) => b.drop - a.drop)
        .map((ph) =>
          dedupeAdjacent(tokens.slice(ph.start, ph.end + 1).map((t) => t.surface))
            .join(' ')
            .slice(0, 200),
        );
    }
  }
}

function tokenCount(ids: Int32Array): number {
  let n = ids.length;
  while (n > 0 && ids[n - 1] === 0) n--;
  return n;
}

function dedupeAdjacent(words: string[]): string[] {
  return words.filter((w, i) => i === 0 || w !== words[i - 1]);
}

const round = (x: number) => Math.round(x * 10000) / 10000;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
