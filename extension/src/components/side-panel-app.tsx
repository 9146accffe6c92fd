import { useEffect, useMemo, useState } from 'react';
import {
  arrangeGroups,
  groupFlags,
  NO_FILTER,
  type FlagFilter,
  type FlagGroup,
  type FlagSort,
} from '@/utils/flags/flag-groups';
import { reportStatuses } from '@/utils/flags/flag-status';
import { permissionsOf } from '@/utils/flags/permissions';
import { markedTargets, targetOf } from '@/utils/flags/target-marks';
import { sendMessage } from '@/utils/messaging/messenger';
import type { PageFlag } from '@/utils/page/page-flag';
import { excerptOf } from '@/utils/review/review-draft';
import { connectionItem, outboxItem } from '@/utils/storage/items';
import { FlagList } from './flag-list';
import { ImageMatchList } from './image-match-list';
import { TextMatchList } from './text-match-list';
import { matchedImage, type MatchedImage } from '@/utils/review/matched-image';
import { LanguageNotice } from './language-notice';
import { useStorageItem } from './hooks/use-storage-item';
import { usePageFlags } from './hooks/use-page-flags';
import { useTargetTab } from './hooks/use-target-tab';
import { OutboxList } from './outbox-list';
import { ReviewPanel } from './review-panel';
import { TargetPanel } from './target-panel';
import { useTargetMarking } from './target-marking';
import { useSelectionReport } from './selection-report';
import { useFreshMe } from './hooks/use-fresh-me';
import { DismissedOnPage } from './dismissed-on-page';

const number = (n: number) => n.toLocaleString('en');

/** The side panel: the page's flags to confirm or dismiss, the review, and the outbox. */
export function SidePanelApp() {
  const tab = useTargetTab();
  const outbox = useStorageItem(outboxItem) ?? [];
  const connection = useStorageItem(connectionItem);
  useFreshMe(connection);
  const tabId = tab?.id;
  const { page: state, progress, refresh } = usePageFlags(tabId, tab?.url);
  const page = state && !('unavailable' in state) ? state : null;
  const [reviewing, setReviewing] = useState<PageFlag[] | MatchedImage[] | null>(null);
  const [notice, setNotice] = useState<{ text: string; undo?: () => void } | null>(null);
  const [sort, setSort] = useState<FlagSort>('score');
  const [filter, setFilter] = useState<FlagFilter>(NO_FILTER);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const may = permissionsOf(connection?.me);
  const marking = useTargetMarking(
    tabId,
    may.markTargets,
    state === null ? undefined : page ? page.language : null,
  );
  const selection = useSelectionReport(
    tabId,
    may.report,
    state === null ? undefined : page ? page.language : null,
  );

  const flags = page?.flags;
  const groups = useMemo(() => {
    const started = performance.now();
    const grouped = groupFlags(flags ?? []);
    performance.measure('cw:groupFlags', { start: started });
    return grouped;
  }, [flags]);
  const shown = useMemo(() => arrangeGroups(groups, sort, filter), [groups, sort, filter]);
  const statuses = useMemo(() => reportStatuses(outbox), [outbox]);
  const targets = useMemo(() => markedTargets(outbox), [outbox]);

  const restore = async (site: string, members: { flagId: string; text: string }[]) => {
    if (tabId === undefined) return;
    await sendMessage('undoDismissals', { site, texts: members.map((m) => m.text) });
    await sendMessage('restoreFlags', { flagIds: members.map((m) => m.flagId) }, tabId);
    setNotice({
      text: `Restored ${members.length === 1 ? 'the flag' : `${members.length} flags`}.`,
    });
    await refresh();
  };

  const dismiss = async (group: FlagGroup) => {
    if (tabId === undefined || !page) return;
    const members = group.members;
    const site = page.site;
    await sendMessage('recordDismissals', {
      site,
      items: members.map((f) => ({
        text: f.text,
        label: f.label,
        verdict: {
          decision: f.decision,
          score: f.scores[f.label],
          modelVersion: f.modelVersion,
          language: f.language,
        },
      })),
    });
    await sendMessage('dismissFlags', { flagIds: members.map((f) => f.flagId) }, tabId);
    setNotice({
      text: `Dismissed ${members.length === 1 ? 'the flag' : `${members.length} similar flags`}. Not flagged again on this site; counted as feedback for the model.`,
      undo: () => void restore(site, members),
    });
    await refresh();
  };

  useEffect(() => {
    setNotice(null);
  }, [tabId, tab?.url]);

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
          {!may.report && !may.markTargets && '. This role sees the flags only.'}
        </p>
      )}
      {marking.message && <p role="status">{marking.message}</p>}
      {selection.message && <p role="status">{selection.message}</p>}
      {marking.candidate ? (
        <TargetPanel
          key={marking.candidate.capturedAt}
          candidate={marking.candidate}
          onClose={(sent) => {
            marking.close();
            setNotice(
              sent ? { text: 'Target queued in the outbox. Its state is shown below.' } : null,
            );
          }}
        />
      ) : selection.subjects?.[0] && tabId !== undefined ? (
        <ReviewPanel
          key={selection.subjects[0].capturedAt}
          subjects={selection.subjects}
          site={page?.site ?? selection.site}
          language={selection.subjects[0].language}
          tabId={tabId}
          windowId={tab?.windowId ?? null}
          onClose={(sent) => {
            selection.close();
            setNotice(
              sent ? { text: 'Report queued in the outbox. Its state is shown below.' } : null,
            );
          }}
        />
      ) : reviewing && tabId !== undefined && page ? (
        <ReviewPanel
          subjects={reviewing}
          site={page.site}
          language={page.language}
          tabId={tabId}
          windowId={tab?.windowId ?? null}
          onClose={(sent) => {
            setReviewing(null);
            setNotice(
              sent ? { text: 'Report queued in the outbox. Its state is shown below.' } : null,
            );
            void refresh();
          }}
        />
      ) : (
        <>
          <ImageMatchList
            tabId={tabId}
            refreshKey={state}
            onReport={
              may.report && page
                ? (image) => {
                    setNotice(null);
                    setReviewing([matchedImage(image, page.url, new Date().toISOString())]);
                  }
                : undefined
            }
          />
          <TextMatchList
            tabId={tabId}
            refreshKey={state}
            onReveal={(flagId) =>
              tabId !== undefined && void sendMessage('revealFlag', { flagId }, tabId)
            }
          />
          <section aria-labelledby="flags-heading">
            <h2 id="flags-heading">Flags on this page ({flags?.length ?? 0})</h2>
            {progress && page?.active && progress.classified < progress.total && (
              <p
                role="progressbar"
                aria-valuenow={progress.classified}
                aria-valuemax={progress.total}
              >
                Classified {number(progress.classified)} of {number(progress.total)} blocks…
              </p>
            )}
            {notice && (
              <p role="status">
                {notice.text}{' '}
                {notice.undo && (
                  <button type="button" onClick={notice.undo}>
                    Undo
                  </button>
                )}
              </p>
            )}
            {state && 'unavailable' in state && <p>{state.unavailable}</p>}
            {page?.ownApi && (
              <p>
                This is a page of the Counterweight API this browser reports to ({page.site}); the
                extension does not scan it.
              </p>
            )}
            {page && !page.active && !page.ownApi && (
              <p>
                Counterweight is paused or off for {page.site}. Use the toolbar popup to turn it on,
                or remove the site from the options' list of sites not scanned.
              </p>
            )}
            {page?.active && <LanguageNotice languages={page.languages} />}
            {page?.active && groups.length === 0 && <p>Nothing flagged on this page.</p>}
            {groups.length > 0 && (
              <>
                {groups.length < (flags?.length ?? 0) && (
                  <p>
                    {number(flags?.length ?? 0)} flags in {number(groups.length)} groups of similar
                    texts.
                  </p>
                )}
                <FlagList
                  groups={shown}
                  sort={sort}
                  filter={filter}
                  onSort={setSort}
                  onFilter={setFilter}
                  selectedKey={selectedKey}
                  onSelect={setSelectedKey}
                  actions={{
                    status: (g) => statuses.get(excerptOf(g.lead)) ?? { state: 'none' },
                    target: (g) => targetOf(targets, g.lead.text),
                    confirm: may.report
                      ? (g) => {
                          setNotice(null);
                          setReviewing(g.members.filter((f) => !f.reported));
                        }
                      : undefined,
                    dismiss: (g) => void dismiss(g),
                    reveal: (g) =>
                      tabId !== undefined &&
                      void sendMessage('revealFlag', { flagId: g.lead.flagId }, tabId),
                    markTarget: marking.enabled
                      ? (g) => {
                          setNotice(null);
                          marking.markFlag(g.lead, page?.language ?? null);
                        }
                      : undefined,
                  }}
                />
              </>
            )}
            {page && page.dismissed.length > 0 && (
              <DismissedOnPage
                count={page.dismissed.length}
                onRestore={() => void restore(page.site, page.dismissed)}
              />
            )}
          </section>
        </>
      )}
      <section aria-labelledby="outbox-heading">
        <h2 id="outbox-heading">
          Outbox
          {(() => {
            const waiting = outbox.filter((e) => e.state === 'queued' || e.state === 'sending');
            return waiting.length > 0 ? ` (${waiting.length} waiting)` : '';
          })()}
        </h2>
        <OutboxList
          entries={outbox}
          onRetry={(key) => void sendMessage('retryOutboxEntry', { key })}
          onRemove={(key) => void sendMessage('removeOutboxEntry', { key })}
        />
      </section>
    </main>
  );
}
