import type { ClassifierResult } from '@counterweight/shared/classifier';
import { decide, type SensitivityByLabel, type Thresholds } from '../classifier/decide';
import { MAX_CLASSIFIED_CHARS } from '../messaging/page-limits';
import type { ClassifyResponse } from '../messaging/page-protocol';
import type { z } from 'zod';
import { applyFlag, applyKnownText, clearFlag, revealFlag } from './flag-attributes';
import type { PageLanguages } from './language-shares';
import type { PageFlag } from './page-flag';
import { PageTexts, type ScanProgress, type SeenText, type TextOnPage } from './page-texts';
import { recordBatch } from './scan-batch';
import { MUTATION_DEBOUNCE_MS, PageChanges } from './page-changes';
import { collectTextBlocks } from './text-blocks';
import { forEachSliced } from './time-slice';

export const CLASSIFY_BATCH = 250;
const EXPLAIN_BATCH = 50;

export interface ScannerDeps {
  doc: Document;
  /** Asks the background's model about distinct texts (never more than {@link CLASSIFY_BATCH}). */
  classify: (texts: string[], evidence: boolean) => Promise<z.output<typeof ClassifyResponse>>;
  /** Told whenever the set of flags on the page, or the classification's progress, changes. */
  onFlagsChanged?: (count: number, progress: ScanProgress) => void;
  now?: () => Date;
}

export type { ScanProgress };

/**
 * Follows one page: reads its visible text blocks, sends each distinct text to the model once,
 * and keeps the flags on the page in step with the results, the reviewer's sensitivity, the
 * page's own changes (infinite scroll, client navigation) and the reviewer's dismissals.
 */
export class PageScanner {
  private readonly texts = new PageTexts();
  private readonly queued = new Set<string>();
  private readonly toExplain = new Set<string>();
  private pending: string[] = [];
  private draining: Promise<void> | null = null;
  private readonly changes = new PageChanges((roots) => this.rescan(roots));
  private thresholds: Thresholds | null = null;
  private covered: string[] = [];
  private lastFlagCount = -1;
  private lastProgress = '';
  /** Distinct texts the model abstained on, and their number when the panel was last told. */
  private abstained = 0;
  private lastAbstained = 0;
  active = false;

  constructor(
    private readonly deps: ScannerDeps,
    private sensitivity: SensitivityByLabel,
  ) {}

  /** Scans the whole page and follows its changes. Resolves when the first pass is classified. */
  async start(): Promise<void> {
    if (this.active) return;
    this.active = true;
    const body = this.deps.doc.body;
    if (!body) return;
    this.changes.observe(body);
    await this.scan(body);
  }

  /** Stops following the page and takes every flag off it (results are kept for a restart). */
  async stop(): Promise<void> {
    this.active = false;
    this.changes.disconnect();
    await forEachSliced(this.texts.releaseElements(), (el) => clearFlag(el));
    this.notify();
  }

  /** Re-decides every seen text under a new sensitivity. */
  async setSensitivity(sensitivity: SensitivityByLabel): Promise<void> {
    this.sensitivity = sensitivity;
    await forEachSliced(this.texts.entries(), ([text, elements]) => {
      for (const el of elements) this.render(el, text);
    });
    this.notify();
  }

  /** Reads the blocks under `root` and flags or queues each. */
  async scan(root: Element): Promise<void> {
    const blocks = await collectTextBlocks(root);
    if (!this.active) return;
    for (const { element, text } of blocks)
      this.register(element, text.slice(0, MAX_CLASSIFIED_CHARS));
    this.notify();
    await this.drain();
  }

  /** Waits until every queued text has been classified and rendered. */
  async idle(): Promise<void> {
    while (this.draining || this.changes.reading || this.changes.waiting) {
      if (this.changes.reading) await this.changes.reading;
      else if (this.draining) await this.draining;
      else await new Promise((r) => setTimeout(r, MUTATION_DEBOUNCE_MS));
    }
  }

  /** The page's flags for the side panel: one per distinct text still on the page. */
  flags(): PageFlag[] {
    return this.texts.flags((seen) => this.decisionFor(seen));
  }

  /** The page's texts that matched a bank's text signal, for the side panel. */
  textMatches(): TextOnPage[] {
    return this.texts.matches();
  }

  /**
   * The languages of the page the model does not read (it abstained on their blocks, which carry
   * no marker), with their share of the page, for the side panel and the popup.
   */
  languages(): PageLanguages {
    return this.texts.languages(this.covered);
  }

  /** A dismissed text loses its flag everywhere on the page. Returns the text, or null. */
  dismiss(flagId: string): string | null {
    return this.mark(flagId, (s) => (s.dismissed = true));
  }

  /**
   * Dismisses several texts at once (a group of near-duplicates), or undoes their dismissal
   * (`dismissed` false: each is flagged again wherever the model flags it). One notification.
   */
  setDismissed(flagIds: readonly string[], dismissed: boolean): void {
    for (const flagId of flagIds) this.mark(flagId, (s) => (s.dismissed = dismissed), false);
    this.notify();
  }

  /** The texts of the page that are dismissed, with their flag ids (for an undo). */
  dismissed(): { flagId: string; text: string }[] {
    return this.texts.dismissed();
  }

  /** How many of the page's blocks the model has answered for so far. */
  progress(): ScanProgress {
    return this.texts.progress();
  }

  /** A reported text keeps its flag, shown as reported. */
  markReported(flagId: string): string | null {
    return this.mark(flagId, (s) => (s.reported = true));
  }

  /** Brings the first occurrence of a flag into view and focuses its marker. */
  reveal(flagId: string): boolean {
    const text = this.texts.textOfFlag(flagId);
    const el = text ? [...this.texts.elementsOf(text)].find((e) => e.isConnected) : undefined;
    if (el) revealFlag(el);
    return Boolean(el);
  }

  private mark(flagId: string, fn: (seen: SeenText) => void, notify = true): string | null {
    const text = this.texts.textOfFlag(flagId);
    const seen = text ? this.texts.seen.get(text) : undefined;
    if (!text || !seen) return null;
    fn(seen);
    for (const el of this.texts.elementsOf(text)) this.render(el, text);
    if (notify) this.notify();
    return text;
  }

  private register(element: Element, text: string): void {
    const { same, previous } = this.texts.attach(element, text);
    if (same) return;
    if (previous !== undefined) clearFlag(element);
    if (this.texts.seen.has(text)) this.render(element, text);
    else if (!this.queued.has(text)) {
      this.queued.add(text);
      this.pending.push(text);
    }
  }

  private decisionFor(seen: SeenText): Pick<ClassifierResult, 'decision' | 'label'> {
    if (seen.dismissed || !this.thresholds) return { decision: 'clear', label: null };
    return decide(seen.result, this.thresholds, this.sensitivity);
  }

  private render(element: Element, text: string): void {
    const seen = this.texts.seen.get(text);
    if (!seen || !this.active) return;
    if (seen.match) return applyKnownText(element, seen.match);
    const { decision, label } = this.decisionFor(seen);
    // No marker on a clear text, nor on one the model abstained on (a language it does not read).
    if (decision === 'clear' || decision === 'abstain' || !label) return clearFlag(element);
    if (!seen.explained) this.toExplain.add(text);
    applyFlag(element, {
      decision,
      label,
      score: seen.result.scores[label],
      scores: seen.result.scores,
      evidence: seen.result.evidence,
      reported: seen.reported,
    });
  }

  private drain(): Promise<void> {
    if (!this.draining)
      this.draining = this.classifyPending().finally(() => {
        this.draining = null;
      });
    return this.draining;
  }

  private async classifyPending(): Promise<void> {
    // One batch in flight while the previous one is rendered.
    let inFlight: { batch: string[]; answer: Promise<z.output<typeof ClassifyResponse>> } | null =
      null;
    const send = () => {
      const batch = this.pending.splice(0, CLASSIFY_BATCH);
      return batch.length > 0 ? { batch, answer: this.deps.classify(batch, false) } : null;
    };
    inFlight = send();
    while (inFlight && this.active) {
      const { batch, answer } = inFlight;
      let response: z.output<typeof ClassifyResponse>;
      try {
        response = await answer;
      } catch (error) {
        for (const text of batch) this.queued.delete(text);
        console.warn('[counterweight] classification failed', error);
        inFlight = send();
        continue;
      }
      inFlight = send();
      this.thresholds = response.thresholds;
      this.covered = response.languages;
      for (const text of batch) this.queued.delete(text);
      const { rendered, abstained } = recordBatch(this.texts, batch, response, {
        url: this.deps.doc.location?.href ?? '',
        capturedAt: (this.deps.now ?? (() => new Date()))().toISOString(),
        sensitivity: this.sensitivity,
      });
      this.abstained += abstained;
      await forEachSliced(rendered, ([el, text]) => this.render(el, text));
      this.notify();
    }
    await this.explainFlags();
  }

  /** Fetches the evidence for flags already on the page, and shows it on their markers. */
  private async explainFlags(): Promise<void> {
    while (this.toExplain.size > 0 && this.active && this.pending.length === 0) {
      const batch = [...this.toExplain].slice(0, EXPLAIN_BATCH);
      for (const text of batch) this.toExplain.delete(text);
      let response: z.output<typeof ClassifyResponse>;
      try {
        response = await this.deps.classify(batch, true);
      } catch (error) {
        console.warn('[counterweight] evidence failed', error);
        return;
      }
      batch.forEach((text, i) => {
        const seen = this.texts.seen.get(text);
        const item = response.items[i];
        if (!seen || !item) return;
        seen.explained = true;
        seen.result = { ...seen.result, evidence: item.result.evidence };
        for (const el of this.texts.elementsOf(text)) this.render(el, text);
      });
      this.notify(true);
    }
  }

  private async rescan(roots: Element[]): Promise<void> {
    for (const root of roots) {
      const blocks = await collectTextBlocks(root);
      if (!this.active) return;
      for (const { element, text } of blocks)
        this.register(element, text.slice(0, MAX_CLASSIFIED_CHARS));
    }
    await this.drain();
    this.notify();
  }

  private notify(changedEvidence = false): void {
    const count = this.active ? this.texts.flagCount((seen) => this.decisionFor(seen)) : 0;
    const progress = this.active ? this.texts.progress() : { classified: 0, total: 0 };
    const progressKey = `${progress.classified}/${progress.total}`;
    // New blocks the model could not read change the panel's language notice, not the count.
    if (
      count === this.lastFlagCount &&
      this.abstained === this.lastAbstained &&
      progressKey === this.lastProgress &&
      !changedEvidence
    )
      return;
    this.lastFlagCount = count;
    this.lastAbstained = this.abstained;
    this.lastProgress = progressKey;
    this.deps.onFlagsChanged?.(count, progress);
  }
}
