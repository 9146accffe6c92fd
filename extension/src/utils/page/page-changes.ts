import { MARKER_TAG } from './marker';
import { BLOCK_SELECTOR, enclosingBlock, isBlockElement } from './text-blocks';

export const MUTATION_DEBOUNCE_MS = 60;

/**
 * Follows a page's changes (infinite scroll, client navigation, edited posts) and hands the
 * blocks to read again, outermost only, in one batch per quiet moment of
 * {@link MUTATION_DEBOUNCE_MS}. The extension's own markers are not changes.
 */
export class PageChanges {
  private observer: MutationObserver | null = null;
  private dirty = new Set<Element>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The batch being read, while it is. */
  reading: Promise<void> | null = null;

  constructor(private readonly read: (roots: Element[]) => Promise<void>) {}

  /** Whether changes are waiting for their quiet moment. */
  get waiting(): boolean {
    return this.timer !== null;
  }

  observe(body: HTMLElement): void {
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.observer.observe(body, { childList: true, subtree: true, characterData: true });
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.observer = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty.clear();
  }

  private onMutations(records: MutationRecord[]): void {
    for (const record of records) {
      const target = record.target;
      if (isOwnUi(target)) continue;
      if (record.type === 'characterData') {
        this.addEnclosing(target);
        continue;
      }
      // A new block (or a custom element holding blocks) is read on its own; loose text or
      // inline content changes the text of the block around it.
      for (const node of Array.from(record.addedNodes)) {
        if (isOwnUi(node)) continue;
        if (isBlockElement(node) || holdsBlocks(node)) this.dirty.add(node as Element);
        else this.addEnclosing(target);
      }
      for (const node of Array.from(record.removedNodes))
        if (!isOwnUi(node) && !isBlockElement(node) && !holdsBlocks(node))
          this.addEnclosing(target);
    }
    if (this.dirty.size > 0 && !this.timer)
      this.timer = setTimeout(() => {
        this.timer = null;
        const roots = [...this.dirty].filter((el) => el.isConnected);
        this.dirty.clear();
        const outermost = roots.filter(
          (el) => !roots.some((other) => other !== el && other.contains(el)),
        );
        this.reading = this.read(outermost).finally(() => {
          this.reading = null;
        });
      }, MUTATION_DEBOUNCE_MS);
  }

  private addEnclosing(node: Node): void {
    const block = enclosingBlock(node);
    if (block) this.dirty.add(block);
  }
}

function holdsBlocks(node: Node): boolean {
  return (
    node.nodeType === Node.ELEMENT_NODE && (node as Element).querySelector(BLOCK_SELECTOR) !== null
  );
}

function isOwnUi(node: Node): boolean {
  return (
    node.nodeType === Node.ELEMENT_NODE && (node as Element).tagName.toLowerCase() === MARKER_TAG
  );
}
