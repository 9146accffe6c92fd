import type { PendingTarget } from './pending-target';

export const TARGET_MENU_ID = 'counterweight-mark-target';

/** What a click on the context-menu entry leaves for the side panel; null without a selection. */
export function pendingFromMenuClick(
  info: { selectionText?: string; pageUrl?: string; frameUrl?: string },
  tab: { id?: number; url?: string } | undefined,
  now: Date,
): PendingTarget | null {
  const text = info.selectionText?.trim();
  const url = info.frameUrl ?? info.pageUrl ?? tab?.url;
  if (!text || !url) return null;
  return {
    text,
    url,
    capturedAt: now.toISOString(),
    source: 'selection',
    language: null,
    tabId: tab?.id ?? null,
  };
}
