import { useCallback, useEffect, useState } from 'react';
import { onMessage, sendMessage } from '@/utils/messaging/messenger';
import type { MessageAnswer } from '@/utils/messaging/protocol';
import type { PageFlag } from '@/utils/page/page-flag';
import { connectionItem, outboxItem } from '@/utils/storage/items';
import { FlagCard } from './flag-card';
import { ImageMatchList } from './image-match-list';
import { LanguageNotice } from './language-notice';
import { useStorageItem } from './hooks/use-storage-item';
import { useTargetTab } from './hooks/use-target-tab';
import { OutboxList } from './outbox-list';
import { ReviewPanel } from './review-panel';
import { TargetPanel } from './target-panel';
import { useTargetMarking } from './target-marking';

type PageState = MessageAnswer<'getPageFlags'> | { unavailable: string };

/** The side panel: the page's flags to confirm or dismiss, the review, and the outbox. */
export function SidePanelApp() {
  const tab = useTargetTab();
  const outbox = useStorageItem(outboxItem) ?? [];
  const connection = useStorageItem(connectionItem);
  const [page, setPage] = useState<PageState | null>(null);
  const [reviewing, setReviewing] = useState<PageFlag | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const tabId = tab?.id;
  const marking = useTargetMarking(
    tabId,
    connection?.me?.role === 'cso',
    page === null ? undefined : 'unavailable' in page ? null : page.language,
  );

  const refresh = useCallback(async () => {
    if (tabId === undefined) return;
    try {
      setPage(await sendMessage('getPageFlags', {}, tabId));
    } catch {
      setPage({
        unavailable:
          'Counterweight does not run on this page (browser pages, files and the store are out of reach).',
      });
    }
  }, [tabId]);

  useEffect(() => {
    void refresh();
    const remove = onMessage('pageFlagsChanged', (_data, sender) => {
      if (sender.tab?.id === tabId) void refresh();
      return { ok: true } as const;
    });
    return remove;
  }, [refresh, tabId, tab?.url]);

  const dismiss = async (flag: PageFlag) => {
    if (!tabId || !page || 'unavailable' in page) return;
    await sendMessage('recordDismissal', { site: page.site, text: flag.text, label: flag.label });
    await sendMessage('dismissFlag', { flagId: flag.flagId }, tabId);
    setNotice(
      'Dismissed. This text will not be flagged again on this site; counted as feedback for the model.',
    );
    await refresh();
  };

  const flags = page && !('unavailable' in page) ? page.flags : [];
  const pending = outbox.filter((e) => e.state === 'queued' || e.state === 'sending').length;

  return (
    <main>
      <h1>Counterweight review</h1>
      {connection && !connection.token && (
        <p className="issues">
          No API token set. Reports wait in the outbox until you add one in the{' '}
          <a href="/options.html" target="_blank">
            options
          </a>
          .
        </p>
      )}
      {connection?.me && (
        <p>
          Sending as {connection.me.name ?? 'token'} ({connection.me.role}) to{' '}
          {connection.apiBaseUrl}
        </p>
      )}
      {marking.message && <p role="status">{marking.message}</p>}
      {marking.candidate ? (
        <TargetPanel
          key={marking.candidate.capturedAt}
          candidate={marking.candidate}
          onClose={(sent) => {
            marking.close();
            setNotice(sent ? 'Target queued in the outbox. Its state is shown below.' : null);
          }}
        />
      ) : reviewing && tabId !== undefined && page && !('unavailable' in page) ? (
        <ReviewPanel
          flag={reviewing}
          site={page.site}
          language={page.language}
          tabId={tabId}
          windowId={tab?.windowId ?? null}
          onClose={(sent) => {
            setReviewing(null);
            setNotice(sent ? 'Report queued in the outbox. Its state is shown below.' : null);
            void refresh();
          }}
        />
      ) : (
        <>
          <ImageMatchList tabId={tabId} refreshKey={page} />
          <section aria-labelledby="flags-heading">
            <h2 id="flags-heading">Flags on this page ({flags.length})</h2>
            {notice && <p role="status">{notice}</p>}
            {page && 'unavailable' in page && <p>{page.unavailable}</p>}
            {page && !('unavailable' in page) && !page.active && (
              <p>
                Counterweight is paused or off for {page.site}. Use the toolbar popup to turn it on.
              </p>
            )}
            {page && !('unavailable' in page) && page.active && (
              <LanguageNotice languages={page.languages} />
            )}
            {page && !('unavailable' in page) && page.active && flags.length === 0 && (
              <p>Nothing flagged on this page.</p>
            )}
            <ul aria-label="Flags" style={{ listStyle: 'none', padding: 0 }}>
              {flags.map((flag) => (
                <FlagCard
                  key={flag.flagId}
                  flag={flag}
                  onConfirm={() => {
                    setNotice(null);
                    setReviewing(flag);
                  }}
                  onDismiss={() => void dismiss(flag)}
                  onMarkTarget={
                    marking.enabled
                      ? () => {
                          setNotice(null);
                          marking.markFlag(
                            flag,
                            page && !('unavailable' in page) ? page.language : null,
                          );
                        }
                      : undefined
                  }
                  onReveal={() =>
                    tabId !== undefined &&
                    void sendMessage('revealFlag', { flagId: flag.flagId }, tabId)
                  }
                />
              ))}
            </ul>
          </section>
        </>
      )}
      <section aria-labelledby="outbox-heading">
        <h2 id="outbox-heading">Outbox{pending > 0 ? ` (${pending} waiting)` : ''}</h2>
        <OutboxList
          entries={outbox}
          onRetry={(key) => void sendMessage('retryOutboxEntry', { key })}
          onRemove={(key) => void sendMessage('removeOutboxEntry', { key })}
        />
      </section>
    </main>
  );
}
