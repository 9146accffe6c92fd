import type { MatchImagesResponse } from './image-messages';
import { MAX_IMAGES_PER_MATCH, MIN_IMAGE_SIDE } from './image-limits';
import type { z } from 'zod';
import { MARKER_TAG } from '../page/marker';
import { markKnown, type KnownMatch } from './known-marker';

type Results = z.output<typeof MatchImagesResponse>['results'];
type Send = (images: string[]) => Promise<{ results: Results }>;

/** A matched image on the page, for the side panel. */
export interface ImageOnPage {
  src: string;
  alt: string;
  pdq: string;
  quality: number;
  md5: string;
  sha256: string;
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

function mark(img: HTMLImageElement, match: KnownMatch): void {
  const previous = img.previousElementSibling;
  if (previous?.tagName.toLowerCase() === MARKER_TAG) previous.remove();
  img.before(markKnown(img, match));
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
        if (!best || !result.pdq || !result.md5 || !result.sha256) continue;
        const imgs = bySrc.get(result.src) ?? [];
        for (const img of imgs) mark(img, best);
        matched.push({
          src: result.src,
          alt: (imgs[0]?.alt ?? '').slice(0, 1000),
          pdq: result.pdq,
          quality: result.quality,
          md5: result.md5,
          sha256: result.sha256,
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
