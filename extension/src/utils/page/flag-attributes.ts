import { ATTR_BANK, ATTR_DISTANCE, markKnown, type KnownMatch } from '../banks/known-marker';
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

/**
 * Marks a block whose text matched a bank: `data-counterweight="match"` with the bank and the
 * distance, and a marker naming the bank's label as its first child (instead of any flag: the
 * match is known content, whatever the model said). Calling it again with the same match keeps
 * the marker.
 */
export function applyKnownText(element: Element, match: KnownMatch): void {
  if (
    element.getAttribute(ATTR_DECISION) === 'match' &&
    element.getAttribute(ATTR_BANK) === match.bank &&
    element.getAttribute(ATTR_DISTANCE) === String(match.distance)
  )
    return;
  clearFlag(element);
  element.prepend(markKnown(element, match));
}

/** Takes a flag or a match off a block: a clear block carries no attribute and no marker. */
export function clearFlag(element: Element): void {
  if (!element.hasAttribute(ATTR_DECISION)) return;
  for (const name of [ATTR_DECISION, ATTR_LABEL, ATTR_SCORE, ATTR_BANK, ATTR_DISTANCE])
    element.removeAttribute(name);
  ownMarker(element)?.remove();
}

/** Scrolls a flagged block into view and moves keyboard focus to its marker. */
export function revealFlag(element: Element): void {
  element.scrollIntoView({ block: 'center', behavior: 'smooth' });
  ownMarker(element)?.shadowRoot?.querySelector('button')?.focus();
}
