import { useCallback, useEffect, useState } from 'react';
import type { PageFlag } from '@/utils/page/page-flag';
import { pendingTargetItem } from '@/utils/targets/pending-target';
import { readVisibleReach } from '@/utils/targets/read-visible-reach';
import type { TargetCandidate } from '@/utils/targets/target-draft';
import { useStorageItem } from './hooks/use-storage-item';

type Reach = { views?: number; shares?: number };

/**
 * Which text the side panel is marking as a counter-narrative target: a flag the team member
 * chose, or the selection left by the context menu for this tab, with the reach the page shows
 * around it. Only for `cso` tokens; anyone else who uses the menu is told why nothing opens.
 */
export function useTargetMarking(
  tabId: number | undefined,
  enabled: boolean,
  /** The page's declared language; `undefined` while the page has not answered yet. */
  pageLanguage: string | null | undefined,
) {
  const pending = useStorageItem(pendingTargetItem);
  const [fromFlag, setFromFlag] = useState<TargetCandidate | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [reach, setReach] = useState<{ text: string; reach: Reach } | null>(null);

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
    setReach(null);
    void pendingTargetItem.set(null);
  }, []);

  const base: TargetCandidate | null =
    fromFlag ??
    // Wait for the page's answer, so the form starts with the page's language filled in.
    (enabled && forThisTab && pageLanguage !== undefined
      ? {
          text: forThisTab.text,
          url: forThisTab.url,
          capturedAt: forThisTab.capturedAt,
          source: forThisTab.source,
          language: forThisTab.language ?? pageLanguage,
        }
      : null);

  const text = base?.text ?? null;
  useEffect(() => {
    if (text === null || tabId === undefined) return;
    let alive = true;
    void readVisibleReach(tabId, text).then((found) => alive && setReach({ text, reach: found }));
    return () => {
      alive = false;
    };
  }, [text, tabId]);

  const candidate = base && reach?.text === base.text ? { ...base, reach: reach.reach } : base;
  return { enabled, candidate, markFlag, close, message };
}
