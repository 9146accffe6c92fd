import type { ClassifierLabel } from '@counterweight/shared/taxonomy';
import type { ClassifierScores } from '@counterweight/shared/classifier';

export const MARKER_TAG = 'counterweight-marker';

export interface MarkerInfo {
  decision: 'flag' | 'uncertain';
  label: ClassifierLabel;
  score: number;
  scores: ClassifierScores;
  evidence: readonly string[];
  reported: boolean;
}

const LABEL_NAMES: Record<ClassifierLabel, string> = {
  hate: 'hate speech',
  extremist: 'violent extremism',
};

// Inline and !important so no page stylesheet can hide, move or restyle the host.
const HOST_STYLE =
  'all: initial !important; display: inline-block !important; position: relative !important; ' +
  'visibility: visible !important; opacity: 1 !important; margin: 0 0.4em 0 0 !important; ' +
  'vertical-align: baseline !important; z-index: 2147483646 !important;';

const SHADOW_CSS = `
  :host { font: 13px/1.3 system-ui, sans-serif; color: #1b1b1b; }
  button.marker { all: unset; cursor: pointer; display: inline-flex; gap: .3em; align-items: center;
    padding: 1px 6px; border-radius: 4px; font-weight: 600; background: #fff3f2; border: 2px solid #b3261e; color: #6e1410; }
  button.marker.uncertain { background: #fff8e6; border-style: dashed; border-color: #8a5a00; color: #5c3c00; }
  button.marker.reported { background: #eef6ee; border-color: #2e6b30; color: #1d4a1f; }
  button.marker:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
  .evidence { position: absolute; left: 0; top: calc(100% + 4px); width: max-content; max-width: 24em;
    background: #fff; color: #1b1b1b; border: 1px solid #555; border-radius: 6px; padding: 8px 10px;
    box-shadow: 0 4px 16px rgba(0,0,0,.25); font-weight: 400; }
  .evidence h2 { font-size: 13px; margin: 0 0 4px; }
  .evidence ul { margin: 4px 0; padding-left: 1.2em; }
  .evidence p { margin: 4px 0; }
  .evidence .note { color: #444; font-size: 12px; }
`;

function text(doc: Document, tag: string, content: string, className?: string): HTMLElement {
  const el = doc.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}

/** What a screen reader hears on the marker. */
export function markerLabel(info: MarkerInfo): string {
  const what = info.decision === 'flag' ? 'flagged as likely' : 'possibly';
  const state = info.reported ? ' Reported.' : '';
  return `Counterweight: ${what} ${LABEL_NAMES[info.label]}, score ${info.score.toFixed(2)}.${state} Show the words that moved the score.`;
}

const sheets = new WeakMap<Document, CSSStyleSheet | null>();
const infos = new WeakMap<HTMLElement, MarkerInfo>();

/** One constructed stylesheet per page, adopted by every marker (no per-marker CSS to parse). */
function styleInto(root: ShadowRoot, doc: Document): void {
  if (!sheets.has(doc)) {
    let sheet: CSSStyleSheet | null = null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(SHADOW_CSS);
    } catch {
      sheet = null;
    }
    sheets.set(doc, sheet);
  }
  const sheet = sheets.get(doc);
  try {
    if (sheet) {
      root.adoptedStyleSheets = [sheet];
      return;
    }
  } catch {
    // Some engines refuse sheets made in a content script's world; a <style> always works.
  }
  const style = doc.createElement('style');
  style.textContent = SHADOW_CSS;
  root.append(style);
}

/**
 * Every marker is its own stacking context at the same z-index, so a later marker would paint
 * over an earlier one's open evidence: the marker whose evidence is open goes one above the rest.
 */
function raise(host: HTMLElement, open: boolean): void {
  host.style.setProperty('z-index', open ? '2147483647' : '2147483646', 'important');
}

/**
 * The visible marker of a flagged block: a keyboard-reachable button in an open shadow root
 * (page CSS cannot reach it) whose text, border style and icon say flag or uncertain, so colour
 * is never the only cue. Activating it shows the evidence (built only then, to keep thousands of
 * markers light); Escape hides it. Everything is set with `textContent`, never as HTML.
 */
export function createMarker(doc: Document, info: MarkerInfo): HTMLElement {
  const host = doc.createElement(MARKER_TAG);
  host.setAttribute('style', HOST_STYLE);
  const root = host.attachShadow({ mode: 'open' });
  styleInto(root, doc);
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-expanded', 'false');
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    const panel = root.querySelector<HTMLElement>('.evidence');
    if (panel) {
      panel.remove();
      button.setAttribute('aria-expanded', 'false');
    } else {
      root.append(evidencePanel(doc, infos.get(host) ?? info));
      button.setAttribute('aria-expanded', 'true');
    }
    raise(host, !panel);
  });
  root.addEventListener('keydown', (event) => {
    const panel = root.querySelector('.evidence');
    if ((event as KeyboardEvent).key === 'Escape' && panel) {
      panel.remove();
      button.setAttribute('aria-expanded', 'false');
      raise(host, false);
      button.focus();
    }
  });
  root.append(button);
  updateMarker(host, info);
  return host;
}

function evidencePanel(doc: Document, info: MarkerInfo): HTMLElement {
  const panel = doc.createElement('div');
  panel.className = 'evidence';
  panel.setAttribute('role', 'note');
  const words = doc.createElement('ul');
  for (const word of info.evidence) words.append(text(doc, 'li', word));
  panel.append(
    text(doc, 'h2', `Why: ${LABEL_NAMES[info.label]} (${info.decision})`),
    info.evidence.length > 0
      ? text(doc, 'p', 'Words that moved the score:')
      : text(doc, 'p', 'The model gave no single words for this score.'),
    ...(info.evidence.length > 0 ? [words] : []),
    text(
      doc,
      'p',
      `Scores: hate ${info.scores.hate.toFixed(2)}, extremist ${info.scores.extremist.toFixed(2)}.`,
    ),
    text(
      doc,
      'p',
      'A classifier only ranks. A reviewer decides in the Counterweight side panel.',
      'note',
    ),
  );
  return panel;
}

/** Re-renders a marker for a new decision, score or reported state. */
export function updateMarker(host: HTMLElement, info: MarkerInfo): void {
  const root = host.shadowRoot;
  const button = root?.querySelector('button');
  if (!root || !button) return;
  infos.set(host, info);
  // Unchanged parts are not written again: each write invalidates the page's layout, and the
  // evidence arriving for a thousand markers would otherwise lay the page out again for nothing.
  const className = `marker ${info.decision}${info.reported ? ' reported' : ''}`;
  if (button.className !== className) button.className = className;
  const label = markerLabel(info);
  if (button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
  const icon = info.reported ? '✓' : info.decision === 'flag' ? '⚑' : '?';
  const name = info.label === 'hate' ? 'Hate' : 'Extremist';
  const state = info.reported ? 'reported' : info.decision === 'flag' ? 'flag' : 'uncertain';
  const content = `${icon} ${name} · ${state} ${info.score.toFixed(2)}`;
  if (button.textContent !== content) button.textContent = content;
  const open = root.querySelector('.evidence');
  if (open) open.replaceWith(evidencePanel(host.ownerDocument, info));
}
