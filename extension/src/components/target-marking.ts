import { useCallback, useEffect, useState } from 'react';
import type { PageFlag } from '@/utils/page/page-flag';
import { pendingTargetItem } from '@/utils/targets/pending-target';
import type { TargetCandidate } from '@/utils/targets/target-draft';
import { useStorageItem } from './hooks/use-storage-item';

/**
 * Which text the side panel is marking as a counter-narrative target: a flag the team member
 * chose, or the selection left by the context menu for this tab. Only for `cso` tokens; anyone
 * else who uses the menu is told why nothing opens.
 */
export function useTargetMarking(
  tabId: number | undefined,
  enabled: boolean,
  pageLanguage: string | null,
) {
  const pending = useStorageItem(pendingTargetItem);
  const [fromFlag, setFromFlag] = useState<TargetCandidate | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const forThisTab =
    pending && (pending.tabId === null || pending.tabId === tabId) ? pending : null;
  useEffect(() => {
    if (forThisTab && !enabled) {
      setMessage('Marking counter-narrative targets needs a cso token (set it in the options).');
      void pendingTargetItem.set(null);
    }
  }, [forThisTab, enabled]);

  const markFlag = useCallback((flag: PageFlag, language: string | null) => {
    setMessage(null);
    setFromFlag({
      text: flag.text,
      url: flag.url,
      capturedAt: flag.capturedAt,
      source: 'flag',
      language,
    });
  }, []);

  const close = useCallback(() => {
    setFromFlag(null);
    void pendingTargetItem.set(null);
  }, []);

  const candidate: TargetCandidate | null =
    fromFlag ??
    (enabled && forThisTab
      ? {
          text: forThisTab.text,
          url: forThisTab.url,
          capturedAt: forThisTab.capturedAt,
          source: forThisTab.source,
          language: forThisTab.language ?? pageLanguage,
        }
      : null);
  return { enabled, candidate, markFlag, close, message };
}
