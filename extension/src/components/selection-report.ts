import { useCallback, useEffect, useMemo, useState } from 'react';
import { sendMessage } from '@/utils/messaging/messenger';
import { MAX_CLASSIFIED_CHARS } from '@/utils/messaging/page-limits';
import { pendingSelectionItem } from '@/utils/review/pending-selection';
import { selectedText, selectionLanguage, type SelectedText } from '@/utils/review/selected-text';
import { useStorageItem } from './hooks/use-storage-item';

/**
 * The text a reviewer chose with "Report selected text for review" for this tab, as a review
 * subject (in a stable one-element list, as the review panel takes them): its language identified on-device (the classifier tells it even where it abstains),
 * else the page's declared one. Only for roles that may report; anyone else is told why nothing
 * opens.
 */
export function useSelectionReport(
  tabId: number | undefined,
  enabled: boolean,
  /** The page's declared language; `undefined` while the page has not answered yet. */
  pageLanguage: string | null | undefined,
) {
  const pending = useStorageItem(pendingSelectionItem);
  const [subject, setSubject] = useState<SelectedText | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const forThisTab =
    pending && (pending.tabId === null || pending.tabId === tabId) ? pending : null;

  useEffect(() => {
    if (!forThisTab) return;
    if (!enabled) {
      setMessage('Reporting selected text needs a reviewer token (set it in the options).');
      void pendingSelectionItem.set(null);
      return;
    }
    if (pageLanguage === undefined) return;
    let alive = true;
    setMessage(null);
    const site = hostOf(forThisTab.url);
    void sendMessage('classify', {
      site,
      texts: [forThisTab.text.slice(0, MAX_CLASSIFIED_CHARS)],
      evidence: false,
    })
      .then((answer) => answer.items[0]?.result.language ?? null)
      .catch(() => null)
      .then((identified) => {
        if (alive)
          setSubject(selectedText(forThisTab, selectionLanguage(identified, pageLanguage)));
      });
    return () => {
      alive = false;
    };
  }, [forThisTab, enabled, pageLanguage]);

  const close = useCallback(() => {
    setSubject(null);
    void pendingSelectionItem.set(null);
  }, []);

  // one stable array per subject: the review panel hashes its subjects whenever they change
  const subjects = useMemo(() => (subject ? [subject] : null), [subject]);
  return { subjects, close, message, site: subject ? hostOf(subject.url) : '' };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'unknown';
  } catch {
    return 'unknown';
  }
}
