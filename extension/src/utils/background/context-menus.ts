import { browser } from 'wxt/browser';
import { permissionsOf } from '../flags/permissions';
import { REPORT_SELECTION_MENU_ID } from '../review/pending-selection';
import { connectionItem } from '../storage/items';
import { TARGET_MENU_ID } from '../targets/menu-click';

/**
 * The entries the extension adds to the context menu on selected text: "Report selected text for
 * review" (shown while the token's role may report, as `GET /v1/me` last told) and "Mark as
 * counter-narrative target". Each opens the side panel (see register-report-selection.ts and
 * register-targets.ts); the API still decides what a token may send.
 */
export function registerContextMenus(): void {
  const menus = browser.contextMenus;
  if (!menus) return;
  const ignore = () => void browser.runtime.lastError;
  const create = async () => {
    const { me } = await connectionItem.get();
    await menus.removeAll();
    menus.create(
      {
        id: REPORT_SELECTION_MENU_ID,
        title: 'Report selected text for review',
        contexts: ['selection'],
        visible: permissionsOf(me).report,
      },
      ignore,
    );
    menus.create(
      { id: TARGET_MENU_ID, title: 'Mark as counter-narrative target', contexts: ['selection'] },
      ignore,
    );
  };
  browser.runtime.onInstalled.addListener(() => void create());
  connectionItem.watch(({ me }) => {
    // the entry may not exist yet (before onInstalled); it is then created with the right state
    void Promise.resolve()
      .then(() => menus.update(REPORT_SELECTION_MENU_ID, { visible: permissionsOf(me).report }))
      .catch(() => undefined);
  });
}
