import { z } from 'zod';
import { Timestamp } from '@counterweight/shared';
import { typedItem } from '../storage/typed-item';

export const REPORT_SELECTION_MENU_ID = 'counterweight-report-selection';

/**
 * Text a reviewer chose with "Report selected text for review" in the page's context menu,
 * waiting for the side panel to open the review form for it. Any language: the classifier may
 * have abstained on it or never flagged it.
 */
export const PendingSelection = z.strictObject({
  text: z.string().min(1),
  url: z.string(),
  capturedAt: Timestamp,
  tabId: z.number().int().nullable(),
});
export type PendingSelection = z.infer<typeof PendingSelection>;

export const pendingSelectionItem = typedItem(
  'local:pendingSelection',
  PendingSelection.nullable(),
  null,
);

/** What a click on the report entry leaves for the side panel; null without a selection. */
export function selectionFromMenuClick(
  info: { selectionText?: string; pageUrl?: string; frameUrl?: string },
  tab: { id?: number; url?: string } | undefined,
  now: Date,
): PendingSelection | null {
  const text = info.selectionText?.trim();
  const url = info.frameUrl ?? info.pageUrl ?? tab?.url;
  if (!text || !url) return null;
  return { text, url, capturedAt: now.toISOString(), tabId: tab?.id ?? null };
}
