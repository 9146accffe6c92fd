import { pageLanguage } from './page-language';
import type { PendingSelection } from './pending-selection';

/**
 * Text a reviewer selected and reports themself, whatever its language: the report says
 * `detectedBy: "reviewer"` and carries no classifier signals.
 */
export interface SelectedText {
  kind: 'selection';
  text: string;
  url: string;
  capturedAt: string;
  /** ISO 639-1 code as identified on-device, else the page's `lang`; null when neither tells. */
  language: string | null;
}

/**
 * The language a selection is reported in: the on-device identification when it gave an ISO
 * 639-1 code, else the page's declared language, else null (`und`, or a 639-3 code the API does
 * not take): the reviewer then picks it in the form.
 */
export function selectionLanguage(
  identified: string | null | undefined,
  declared: string | null | undefined,
): string | null {
  if (identified && /^[a-z]{2}$/.test(identified)) return identified;
  return pageLanguage(declared);
}

/** The review subject for a pending selection, once its language is known. */
export function selectedText(pending: PendingSelection, language: string | null): SelectedText {
  return {
    kind: 'selection',
    text: pending.text,
    url: pending.url,
    capturedAt: pending.capturedAt,
    language,
  };
}
