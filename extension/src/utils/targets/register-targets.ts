import { browser } from 'wxt/browser';
import { onMessage } from '../messaging/messenger';
import type { OutboxRunner } from '../outbox/outbox-runner';
import { pendingFromMenuClick, TARGET_MENU_ID } from './menu-click';
import { pendingTargetItem } from './pending-target';

/**
 * The background's part of counter-narrative targets: a click on the "Mark as counter-narrative
 * target" entry (see background/context-menus.ts) opens the side panel with the target form, and queueing a target in
 * the same outbox as reports (same retries, same Idempotency-Key on every attempt).
 */
export function registerTargets(runner: OutboxRunner): void {
  browser.contextMenus?.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== TARGET_MENU_ID) return;
    const pending = pendingFromMenuClick(info, tab, new Date());
    if (!pending) return;
    // open first, inside the user gesture; the panel picks the pending text up from storage
    if (tab?.id !== undefined)
      void browser.sidePanel?.open({ tabId: tab.id }).catch(() => undefined);
    void pendingTargetItem.set(pending);
  });

  onMessage('enqueueTarget', async ({ submission }) => {
    const key = await runner.enqueue({
      kind: 'target',
      path: '/v1/targets',
      body: submission,
      summary: { title: `Target: ${submission.excerpt.slice(0, 150)}`, site: submission.platform },
      screenshotSha256: null,
    });
    return { key };
  });
}
