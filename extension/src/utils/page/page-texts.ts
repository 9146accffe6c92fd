import type { ClassifierResult } from '@counterweight/shared/classifier';
import type { KnownMatch } from '../banks/known-marker';
import { languageShares, type PageLanguages } from './language-shares';
import type { PageFlag } from './page-flag';

/** Blocks of the page the model has answered for, of all the blocks read so far. */
export interface ScanProgress {
  classified: number;
  total: number;
}

/** What the model said about one distinct text of the page, and what the reviewer did with it. */
export interface SeenText {
  flagId: string;
  result: ClassifierResult;
  dismissed: boolean;
  reported: boolean;
  /** Whether the evidence has been asked for (flags are shown first, evidence follows). */
  explained: boolean;
  modelVersion: string;
  url: string;
  capturedAt: string;
  /** The text's nearest match among the banks' text signals; it is marked as known content. */
  match: KnownMatch | null;
}

/** A text of the page that matched a bank, for the side panel. */
export interface TextOnPage {
  flagId: string;
  text: string;
  occurrences: number;
  bank: string;
  distance: number;
  category: string;
  source: string;
}

/** The decision a seen text gets now (the reviewer's sensitivity and dismissals applied). */
export type DecisionOf = (seen: SeenText) => Pick<ClassifierResult, 'decision' | 'label'>;

const isFlag = ({ decision, label }: Pick<ClassifierResult, 'decision' | 'label'>) =>
  decision !== 'clear' && decision !== 'abstain' && label !== null;

/**
 * The page's distinct texts: which blocks show each one, what the model said about it and its
 * flag id. The page scanner keeps it in step with the page; this answers what is on it.
 */
export class PageTexts {
  private textOf = new WeakMap<Element, string>();
  private readonly elementsByText = new Map<string, Set<Element>>();
  readonly seen = new Map<string, SeenText>();
  private readonly textByFlagId = new Map<string, string>();
  private nextFlag = 1;

  /**
   * Records that `element` shows `text`. Returns whether it already did, and the text it showed
   * before when that changed (its flag is to be taken off).
   */
  attach(element: Element, text: string): { same: boolean; previous: string | undefined } {
    const previous = this.textOf.get(element);
    if (previous === text) {
      // A block the page detached and attached again (virtualised lists) is counted again.
      this.elementsByText.get(text)?.add(element);
      return { same: true, previous };
    }
    if (previous !== undefined) this.elementsByText.get(previous)?.delete(element);
    this.textOf.set(element, text);
    const set = this.elementsByText.get(text);
    if (set) set.add(element);
    else this.elementsByText.set(text, new Set([element]));
    return { same: false, previous };
  }

  /** Keeps the model's answer for `text` under a new flag id. */
  record(text: string, seen: Omit<SeenText, 'flagId'>): void {
    const flagId = `f${this.nextFlag++}`;
    this.seen.set(text, { flagId, ...seen });
    this.textByFlagId.set(flagId, text);
  }

  textOfFlag(flagId: string): string | undefined {
    return this.textByFlagId.get(flagId);
  }

  /** The blocks last seen showing `text`. */
  elementsOf(text: string): Iterable<Element> {
    return this.elementsByText.get(text) ?? [];
  }

  /** Every text with the blocks that show it. */
  entries(): [string, Set<Element>][] {
    return [...this.elementsByText];
  }

  /** Lets go of every block (the model's answers are kept for a restart); returns them. */
  releaseElements(): Element[] {
    const all = [...this.elementsByText.values()].flatMap((set) => [...set]);
    this.elementsByText.clear();
    this.textOf = new WeakMap();
    return all;
  }

  /** How many blocks on the page show `text`; blocks the page has removed are let go of here. */
  occurrences(text: string): number {
    const elements = this.elementsByText.get(text);
    if (!elements) return 0;
    for (const el of elements) if (!el.isConnected) elements.delete(el);
    return elements.size;
  }

  /** How many of the page's blocks the model has answered for so far. */
  progress(): ScanProgress {
    let total = 0;
    let classified = 0;
    for (const [text, elements] of this.elementsByText) {
      total += elements.size;
      if (this.seen.has(text)) classified += elements.size;
    }
    return { classified, total };
  }

  /** The flags for the side panel: one per distinct flagged text still on the page. */
  flags(decisionOf: DecisionOf): PageFlag[] {
    const out: PageFlag[] = [];
    for (const [text, seen] of this.seen) {
      const decision = decisionOf(seen);
      if (decision.decision === 'clear' || decision.decision === 'abstain' || !decision.label)
        continue;
      const occurrences = this.occurrences(text);
      if (occurrences === 0) continue;
      out.push({
        flagId: seen.flagId,
        text,
        decision: decision.decision,
        label: decision.label,
        scores: seen.result.scores,
        evidence: seen.result.evidence,
        modelVersion: seen.modelVersion,
        language: seen.result.language,
        url: seen.url,
        capturedAt: seen.capturedAt,
        occurrences,
        reported: seen.reported,
      });
    }
    return out;
  }

  /** The number of {@link flags}, counted without building them (it runs after every batch). */
  flagCount(decisionOf: DecisionOf): number {
    let count = 0;
    for (const [text, seen] of this.seen)
      if (isFlag(decisionOf(seen)) && this.occurrences(text) > 0) count++;
    return count;
  }

  /** The languages the model does not read, with their share of the page (see language-shares). */
  languages(covered: string[]): PageLanguages {
    const texts = [...this.seen].map(([text, seen]) => ({
      language: seen.result.language,
      abstained: seen.result.decision === 'abstain',
      chars: text.length,
      occurrences: this.occurrences(text),
    }));
    return { covered, notRead: languageShares(texts) };
  }

  /** The texts still on the page that matched a bank's text signal, nearest first. */
  matches(): TextOnPage[] {
    const out: TextOnPage[] = [];
    for (const [text, { flagId, match }] of this.seen) {
      const occurrences = match ? this.occurrences(text) : 0;
      if (match && occurrences > 0)
        out.push({
          flagId,
          text,
          occurrences,
          bank: match.bank,
          distance: match.distance,
          ...match.label,
        });
    }
    return out.sort((a, b) => a.distance - b.distance);
  }

  /** The texts of the page that are dismissed, with their flag ids (for an undo). */
  dismissed(): { flagId: string; text: string }[] {
    const out: { flagId: string; text: string }[] = [];
    for (const [text, seen] of this.seen)
      if (seen.dismissed && this.occurrences(text) > 0) out.push({ flagId: seen.flagId, text });
    return out;
  }
}
