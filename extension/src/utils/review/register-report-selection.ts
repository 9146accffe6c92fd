import { browser } from 'wxt/browser';
import {
  pendingSelectionItem,
  REPORT_SELECTION_MENU_ID,
  selectionFromMenuClick,
} from './pending-selection';

/**
 * The background's part of reporting selected text: a click on "Report selected text for
 * review" opens the side panel, which picks the selection up from storage and opens the review
 * form for it (see components/selection-report.ts).
 */
export function registerReportSelection(): void {
  browser.contextMenus?.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== REPORT_SELECTION_MENU_ID) return;
    const pending = selectionFromMenuClick(info, tab, new Date());
    if (!pending) return;
    // open first, inside the user gesture; the panel picks the selection up from storage
    if (tab?.id !== undefined)
      void browser.sidePanel?.open({ tabId: tab.id }).catch(() => undefined);
    void pendingSelectionItem.set(pending);
  });
}
