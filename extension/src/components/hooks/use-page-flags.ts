import { useCallback, useEffect, useRef, useState } from 'react';
import { onMessage, sendMessage } from '@/utils/messaging/messenger';
import type { MessageAnswer } from '@/utils/messaging/protocol';

export type PageState = MessageAnswer<'getPageFlags'> | { unavailable: string };
type Progress = MessageAnswer<'getPageFlags'>['progress'];

/**
 * The flags of a tab's page, asked of its content script and asked again whenever the page says
 * they changed. While the page is classified it says so after every batch: one question at a
 * time, the last change always answered, and the progress line follows each message at once.
 */
export function usePageFlags(tabId: number | undefined, url: string | undefined) {
  const [page, setPage] = useState<PageState | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);

  const refresh = useCallback(async () => {
    if (tabId === undefined) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      do {
        again.current = false;
        try {
          const asked = performance.now();
          const answer = await sendMessage('getPageFlags', {}, tabId);
          // Read by the side panel benchmark (test/bench/side-panel.ts).
          performance.measure('cw:getPageFlags', { start: asked });
          setPage(answer);
          setProgress(answer.progress);
        } catch {
          setPage({
            unavailable:
              'Counterweight does not run on this page (browser pages, files and the store are out of reach).',
          });
        }
      } while (again.current);
    } finally {
      inFlight.current = false;
    }
  }, [tabId]);

  useEffect(() => {
    // A new page starts with no progress: the last page's line must not linger over it.
    setProgress(null);
    void refresh();
    return onMessage('pageFlagsChanged', (data, sender) => {
      if (sender.tab?.id === tabId) {
        setProgress(data.progress);
        void refresh();
      }
      return { ok: true } as const;
    });
  }, [refresh, tabId, url]);

  return { page, progress, refresh };
}
