import type { MatchImagesResponse } from './image-messages';
import { MAX_IMAGES_PER_MATCH, MIN_IMAGE_SIDE } from './image-limits';
import type { z } from 'zod';

type Results = z.output<typeof MatchImagesResponse>['results'];
type Send = (images: string[]) => Promise<{ results: Results }>;

/** The marker's tag: the text scanner skips it like its own markers. */
const MARKER_TAG = 'counterweight-marker';

const MARKER_CSS = `:host { all: initial; display: inline-block; font: 600 12px/1.3 system-ui, sans-serif; }
span { display: inline-block; padding: 1px 6px; border-radius: 4px; background: #fff3f2;
  border: 2px solid #b3261e; color: #6e1410; }`;

/** A matched image on the page, for the side panel. */
export interface ImageOnPage {
  src: string;
  pdq: string;
  bank: string;
  distance: number;
  category: string;
  source: string;
}

function candidate(img: HTMLImageElement): boolean {
  return (
    img.complete &&
    img.naturalWidth >= MIN_IMAGE_SIDE &&
    img.naturalHeight >= MIN_IMAGE_SIDE &&
    /^https?:/.test(img.currentSrc || img.src)
  );
}

function mark(
  doc: Document,
  img: HTMLImageElement,
  match: Results[number]['matches'][number],
): void {
  img.setAttribute('data-counterweight', 'match');
  img.setAttribute('data-counterweight-bank', match.bank);
  img.setAttribute('data-counterweight-distance', String(match.distance));
  const previous = img.previousElementSibling;
  if (previous?.tagName.toLowerCase() === MARKER_TAG) previous.remove();
  const host = doc.createElement(MARKER_TAG);
  host.setAttribute(
    'style',
    'all: initial !important; display: inline-block !important; margin: 0 0.4em 0 0 !important;',
  );
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = MARKER_CSS;
  const label = doc.createElement('span');
  label.setAttribute('role', 'note');
  label.textContent = `Known content: ${match.label.category} (${match.bank}, ${match.label.source}), distance ${match.distance}`;
  root.append(style, label);
  img.before(host);
}

/**
 * Finds the page's images big enough to be content (not icons), has the background hash them
 * on-device and match them against the local bank copy, and marks the matched ones with
 * `data-counterweight="match"`, `data-counterweight-bank`, `data-counterweight-distance` and a
 * marker naming the bank's label and the distance. Only image URLs leave the page, and only to
 * the extension's background. Follows images added or loaded later. Returns a stop function.
 */
export function startImageMatching(
  doc: Document,
  send: Send,
  found: (images: ImageOnPage[]) => void = () => undefined,
): () => void {
  const seen = new WeakSet<HTMLImageElement>();
  const matched: ImageOnPage[] = [];
  let pending: HTMLImageElement[] = [];
  let scheduled = false;
  let stopped = false;

  const flush = async () => {
    scheduled = false;
    while (pending.length > 0 && !stopped) {
      const batch = pending.splice(0, MAX_IMAGES_PER_MATCH);
      const bySrc = new Map<string, HTMLImageElement[]>();
      for (const img of batch) {
        const src = img.currentSrc || img.src;
        bySrc.set(src, [...(bySrc.get(src) ?? []), img]);
      }
      let results: Results;
      try {
        ({ results } = await send([...bySrc.keys()]));
      } catch {
        return; // the background is gone (extension reloaded): nothing to mark
      }
      for (const result of results) {
        const best = result.matches[0];
        if (!best || !result.pdq) continue;
        for (const img of bySrc.get(result.src) ?? []) mark(doc, img, best);
        matched.push({
          src: result.src,
          pdq: result.pdq,
          bank: best.bank,
          distance: best.distance,
          ...best.label,
        });
      }
      if (results.some((r) => r.matches.length > 0)) found([...matched]);
    }
  };
  const consider = (img: HTMLImageElement) => {
    if (seen.has(img) || !candidate(img)) return;
    seen.add(img);
    pending.push(img);
    if (!scheduled) {
      scheduled = true;
      setTimeout(() => void flush(), 0);
    }
  };
  const scan = (root: ParentNode) => root.querySelectorAll('img').forEach(consider);
  const onLoad = (event: Event) => {
    if (event.target instanceof HTMLImageElement) consider(event.target);
  };
  doc.addEventListener('load', onLoad, true);
  const observer = new MutationObserver((records) => {
    for (const r of records)
      for (const node of r.addedNodes) {
        if (node instanceof HTMLImageElement) consider(node);
        else if (node instanceof Element) scan(node);
      }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  scan(doc);
  return () => {
    stopped = true;
    pending = [];
    observer.disconnect();
    doc.removeEventListener('load', onLoad, true);
  };
}
