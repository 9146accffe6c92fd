import { MARKER_TAG } from '../page/marker';

/** The attributes of content that matched a bank; a contract for automation, exactly these names. */
export const ATTR_BANK = 'data-counterweight-bank';
export const ATTR_DISTANCE = 'data-counterweight-distance';

/** A bank match as the page shows it: the bank, its label and the distance. */
export interface KnownMatch {
  bank: string;
  distance: number;
  label: { category: string; source: string };
}

const MARKER_CSS = `:host { all: initial; display: inline-block; font: 600 12px/1.3 system-ui, sans-serif; }
span { display: inline-block; padding: 1px 6px; border-radius: 4px; background: #fff3f2;
  border: 2px solid #b3261e; color: #6e1410; }`;

/** What the marker says of a match (and a screen reader reads). */
export function knownMatchLabel(match: KnownMatch): string {
  return `Known content: ${match.label.category} (${match.bank}, ${match.label.source}), distance ${match.distance}`;
}

/**
 * Marks `element` as matching a bank: `data-counterweight="match"` with the bank and distance,
 * and returns a marker naming the bank's label and the distance, for the caller to place (in a
 * closed shadow root with inline `!important` styles, so that no page style can hide it).
 */
export function markKnown(element: Element, match: KnownMatch): HTMLElement {
  const doc = element.ownerDocument;
  element.setAttribute('data-counterweight', 'match');
  element.setAttribute(ATTR_BANK, match.bank);
  element.setAttribute(ATTR_DISTANCE, String(match.distance));
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
  label.textContent = knownMatchLabel(match);
  root.append(style, label);
  return host;
}
