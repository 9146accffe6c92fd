import { createMarker, MARKER_TAG, updateMarker, type MarkerInfo } from './marker';

/** The attributes a flagged block carries; a contract for automation, exactly these names. */
export const ATTR_DECISION = 'data-counterweight';
export const ATTR_LABEL = 'data-counterweight-label';
export const ATTR_SCORE = 'data-counterweight-score';

/** The score as written to `data-counterweight-score`: three decimals, dot separator. */
export function formatScore(score: number): string {
  return score.toFixed(3);
}

function ownMarker(element: Element): HTMLElement | null {
  for (const child of Array.from(element.children))
    if (child.tagName.toLowerCase() === MARKER_TAG) return child as HTMLElement;
  return null;
}

function setIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/**
 * Puts a flag on a block: the three attributes on the element itself and a marker as its first
 * child. Calling it again updates both in place.
 */
export function applyFlag(element: Element, info: MarkerInfo): void {
  setIfChanged(element, ATTR_DECISION, info.decision);
  setIfChanged(element, ATTR_LABEL, info.label);
  setIfChanged(element, ATTR_SCORE, formatScore(info.score));
  const marker = ownMarker(element);
  if (marker) updateMarker(marker, info);
  else element.prepend(createMarker(element.ownerDocument, info));
}

/** Takes a flag off a block: a clear block carries no attribute and no marker. */
export function clearFlag(element: Element): void {
  if (!element.hasAttribute(ATTR_DECISION)) return;
  element.removeAttribute(ATTR_DECISION);
  element.removeAttribute(ATTR_LABEL);
  element.removeAttribute(ATTR_SCORE);
  ownMarker(element)?.remove();
}

/** Scrolls a flagged block into view and moves keyboard focus to its marker. */
export function revealFlag(element: Element): void {
  element.scrollIntoView({ block: 'center', behavior: 'smooth' });
  ownMarker(element)?.shadowRoot?.querySelector('button')?.focus();
}
