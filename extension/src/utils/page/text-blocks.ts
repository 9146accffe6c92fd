import { forEachSliced } from './time-slice';

/** Elements whose own text forms one block: paragraphs, list items, cells, quotes, posts. */
const BLOCK_TAGS = new Set([
  'P',
  'LI',
  'BLOCKQUOTE',
  'DD',
  'DT',
  'TD',
  'TH',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'PRE',
  'FIGCAPTION',
  'CAPTION',
  'ARTICLE',
  'SECTION',
  'DIV',
  'MAIN',
  'ASIDE',
  'HEADER',
  'FOOTER',
  'BODY',
  'SUMMARY',
  'DETAILS',
  'TR',
  'UL',
  'OL',
  'DL',
  'TABLE',
  'FORM',
  'FIELDSET',
  'LEGEND',
  'ADDRESS',
  'CENTER',
  'NAV',
]);

export const BLOCK_SELECTOR = [...BLOCK_TAGS].map((t) => t.toLowerCase()).join(',');

/** Subtrees that hold no readable page text, or that are the reader's own input or our UI. */
const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'CANVAS',
  'MATH',
  'HEAD',
  'TITLE',
  'COUNTERWEIGHT-MARKER',
]);

/** Shortest text worth classifying; shorter blocks are labels, buttons and dates. */
export const MIN_BLOCK_CHARS = 15;

export interface TextBlock {
  element: Element;
  text: string;
}

/** Collapses runs of whitespace and trims, so the same words give the same text everywhere. */
export function normaliseBlockText(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

function skipped(element: Element): boolean {
  return (
    SKIP_TAGS.has(element.tagName.toUpperCase()) ||
    element.hasAttribute('hidden') ||
    element.getAttribute('aria-hidden') === 'true' ||
    (element as HTMLElement).isContentEditable === true
  );
}

function visible(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: (o?: object) => boolean })
    .checkVisibility;
  return check ? check.call(element, { visibilityProperty: true }) : true;
}

function blockOf(node: Node, root: Element): Element {
  let el = node.parentElement;
  while (el && el !== root && !BLOCK_TAGS.has(el.tagName.toUpperCase())) el = el.parentElement;
  return el ?? root;
}

/**
 * The visible text blocks under `root`, in document order: each block element with the text of
 * its own inline content (text in nested blocks belongs to those). Skips scripts, styles,
 * inputs, editable and hidden elements and the extension's own markers; drops blocks shorter
 * than {@link MIN_BLOCK_CHARS} or without letters. Works in time slices.
 */
export async function collectTextBlocks(root: Element): Promise<TextBlock[]> {
  const doc = root.ownerDocument;
  const parts = new Map<Element, string[]>();
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeType === Node.ELEMENT_NODE
        ? skipped(node as Element)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_SKIP
        : NodeFilter.FILTER_ACCEPT,
  });
  if (root.parentElement && [root, ...ancestors(root)].some(skipped)) return [];
  function* textNodes() {
    for (let n = walker.nextNode(); n; n = walker.nextNode()) yield n;
  }
  await forEachSliced(textNodes(), (node) => {
    const value = node.nodeValue;
    if (!value || !/\S/.test(value)) return;
    const block = blockOf(node, root);
    const list = parts.get(block);
    if (list) list.push(value);
    else parts.set(block, [value]);
  });
  const blocks: TextBlock[] = [];
  await forEachSliced(parts, ([element, texts]) => {
    const text = normaliseBlockText(texts.join(''));
    if (text.length < MIN_BLOCK_CHARS || !/\p{L}/u.test(text)) return;
    if (!visible(element)) return;
    blocks.push({ element, text });
  });
  return blocks;
}

function ancestors(el: Element): Element[] {
  const out: Element[] = [];
  for (let p = el.parentElement; p; p = p.parentElement) out.push(p);
  return out;
}

/** Whether a node is an element that forms its own text block. */
export function isBlockElement(node: Node): boolean {
  return (
    node.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has((node as Element).tagName.toUpperCase())
  );
}

/** The block element a changed node belongs to, for re-reading its text after a mutation. */
export function enclosingBlock(node: Node): Element | null {
  const doc = node.ownerDocument;
  if (!doc?.body) return null;
  return node.nodeType === Node.ELEMENT_NODE &&
    BLOCK_TAGS.has((node as Element).tagName.toUpperCase())
    ? (node as Element)
    : blockOf(node, doc.body);
}
