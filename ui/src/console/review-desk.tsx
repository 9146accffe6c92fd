import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Me } from '@counterweight/shared/auth';
import type { DecisionSubmission } from '@counterweight/shared/decision';
import type { ClaimLease } from '@counterweight/shared/progress';
import type { Report } from '@counterweight/shared/report';
import type { StatementOfReasons } from '@counterweight/shared/statement';
import { api, ApiFailure } from '../common/api-client';
import { age } from '../common/format';
import { CaseView } from './case-view';
import { draftFrom, type DecisionDraft } from './decision-draft';
/** The decision form and its checks (with the shared schemas): loaded once the queue shows. */
type DecisionForms = typeof import('./decision-form');
let decisionForms: Promise<DecisionForms> | undefined;
const loadDecisionForms = () => (decisionForms ??= import('./decision-form'));
import { firstRequest, QUEUE_PAGE } from './first-requests';
import {
  filterQuery,
  NO_FILTER,
  OrdersList,
  QueueFilters,
  QueueTable,
  type QueueFilter,
  type RemovalOrder,
} from './queue-list';
import { REVIEW_SHORTCUTS, useShortcuts } from './use-shortcuts';
import { wellness } from './wellness';

interface QueueSummary {
  waiting: number;
  claimed: number;
  threatsToLife: number;
  oldestReceivedAt: string | null;
}

/** A claim is renewed this often while its case is open (the lease lasts 15 minutes). */
const RENEW_MS = 5 * 60_000;

/**
 * The review desk: the queue (orders first, then threats to life, then oldest), the open case
 * with its claim, and the decision form. Everything on the common path has a key.
 */
export function ReviewDesk({ me, onHelp }: { me: Me; onHelp: () => void }) {
  const [summary, setSummary] = useState<QueueSummary | null>(null);
  const [items, setItems] = useState<Report[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [orders, setOrders] = useState<RemovalOrder[]>([]);
  const [filter, setFilter] = useState<QueueFilter>(NO_FILTER);
  const [selected, setSelected] = useState(0);
  // the lease is null while the claim is on its way: the case shows at once, the claim confirms
  const [open, setOpen] = useState<{ report: Report; lease: ClaimLease | null } | null>(null);
  const [draft, setDraft] = useState<DecisionDraft | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [decidedToday, setDecidedToday] = useState(() => wellness.decidedToday(me.tokenId));
  const [breakDue, setBreakDue] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [forms, setForms] = useState<DecisionForms | null>(null);
  const form = useRef<HTMLDivElement>(null);
  /** The claim of the open case on its way: a decision waits for it. */
  const claiming = useRef<Promise<unknown>>(Promise.resolve());

  const load = useCallback(async () => {
    // unfiltered, the first load takes the answers the page asked for before React started
    const request = filterQuery(filter) === '' ? firstRequest : api;
    const [s, page] = await Promise.all([
      request<QueueSummary>('/v1/queue/summary'),
      request<{ items: Report[]; nextCursor: string | null; orders?: RemovalOrder[] }>(
        `/v1/queue?limit=${QUEUE_PAGE}${filterQuery(filter)}`,
      ),
    ]);
    setSummary(s);
    setItems(page.items);
    setNextCursor(page.nextCursor);
    setNow(Date.now());
    // removal orders come with the queue's first page where this server takes them; otherwise
    // from the orders endpoint, if it answers
    if (page.orders) setOrders(page.orders);
    else
      api<{ orders: RemovalOrder[] }>('/v1/orders?status=open')
        .then((answer) => setOrders(answer.orders))
        .catch(() => setOrders([]));
  }, [filter]);

  useEffect(() => {
    load()
      .catch((error) => setNotice(String(error.message ?? error)))
      // the queue is on screen: now the form, so that opening a case waits for nothing
      .finally(() =>
        loadDecisionForms().then(setForms, () => {
          decisionForms = undefined;
          setNotice('The decision form could not be loaded: reload the page.');
        }),
      );
  }, [load]);

  const more = async () => {
    if (!nextCursor) return;
    const page = await api<{ items: Report[]; nextCursor: string | null }>(
      `/v1/queue?limit=${QUEUE_PAGE}&cursor=${encodeURIComponent(nextCursor)}${filterQuery(filter)}`,
    );
    setItems((shown) => [...shown, ...page.items]);
    setNextCursor(page.nextCursor);
  };
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(tick);
  }, []);
  // keep the claim while the case is open
  useEffect(() => {
    if (!open) return;
    const renew = setInterval(() => {
      api<ClaimLease>(`/v1/reports/${open.report.id}/claim`, { method: 'POST' })
        .then((lease) => setOpen((o) => (o ? { ...o, lease } : o)))
        .catch((error) => setNotice(`Your claim could not be renewed: ${error.message}`));
    }, RENEW_MS);
    return () => clearInterval(renew);
  }, [open?.report.id]);

  const openCase = async (report: Report) => {
    setNotice(null);
    // the queue row is the whole report: the case shows now, and the claim (the only round trip)
    // confirms it; a refused claim closes it again
    setOpen({ report, lease: null });
    setDraft(draftFrom(report.assessment));
    requestAnimationFrame(() => document.getElementById('case-title')?.focus());
    const claim = api<ClaimLease>(`/v1/reports/${report.id}/claim`, { method: 'POST' });
    claiming.current = claim.catch(() => {});
    try {
      const lease = await claim;
      setOpen((o) => (o?.report.id === report.id ? { report, lease } : o));
    } catch (error) {
      setOpen((o) => (o?.report.id === report.id ? null : o));
      setNotice(
        error instanceof ApiFailure && error.status === 409
          ? `${report.caseNumber} is no longer available: ${error.message}`
          : `Could not claim ${report.caseNumber}: ${(error as Error).message}`,
      );
      await load();
    }
  };

  const next = () => {
    const first = items.find((r) => r.id !== open?.report.id);
    if (first) void openCase(first);
    else setNotice('No other case waits.');
  };

  const skip = async () => {
    if (!open) return;
    await api(`/v1/reports/${open.report.id}/claim`, { method: 'DELETE' }).catch(() => {});
    setNotice(`${open.report.caseNumber} released back to the queue.`);
    setOpen(null);
    await load();
  };

  const preview = (submission: DecisionSubmission) =>
    api<StatementOfReasons>(`/v1/reports/${open!.report.id}/decision/preview`, {
      method: 'POST',
      body: submission,
    });

  const decide = async (submission: DecisionSubmission) => {
    const report = open!.report;
    await claiming.current;
    const recorded = await api<{ statement: StatementOfReasons }>(
      `/v1/reports/${report.id}/decision`,
      { method: 'POST', body: submission },
    );
    const count = wellness.countDecision(me.tokenId);
    setDecidedToday(count);
    setBreakDue(wellness.breakDue(count));
    const appealLink = `${location.origin}/appeal?token=${recorded.statement.x_appeal.token ?? ''}`;
    setNotice(
      <>
        {report.caseNumber} decided; its statement of reasons is published. Send the content
        provider this appeal link with it (shown only now):{' '}
        <code data-testid="appeal-link">{appealLink}</code>
      </>,
    );
    setOpen(null);
    await load();
  };

  useShortcuts({
    n: next,
    j: () => setSelected((i) => Math.min(i + 1, items.length - 1)),
    k: () => setSelected((i) => Math.max(i - 1, 0)),
    c: () => {
      const report = items[selected];
      if (report) void openCase(report);
    },
    s: () => void skip(),
    d: () => form.current?.querySelector('form')?.requestSubmit(),
    '?': onHelp,
  });

  return (
    <div className="desk">
      <section className="queue-pane" aria-labelledby="queue-title">
        <h2 id="queue-title">Queue</h2>
        <p className="summary" aria-live="polite" data-testid="queue-summary">
          <strong>{summary?.waiting ?? '…'}</strong> waiting
          {summary?.oldestReceivedAt && (
            <>
              {' '}
              · oldest <strong>{age(summary.oldestReceivedAt, now)}</strong>
            </>
          )}
          {summary && summary.threatsToLife > 0 && (
            <>
              {' '}
              · <span className="badge danger">{summary.threatsToLife} threat to life</span>
            </>
          )}
          {summary && <> · {summary.claimed} claimed</>}
        </p>
        <p className="wellness" data-testid="wellness">
          You decided <strong>{decidedToday}</strong> case{decidedToday === 1 ? '' : 's'} today.
        </p>
        {breakDue && (
          <div className="break" role="status">
            <p>
              That is {decidedToday} cases. Take a break: step away from the screen for ten minutes.
              The queue will wait.
            </p>
            <button type="button" onClick={() => setBreakDue(false)}>
              I took a break
            </button>
          </div>
        )}
        <QueueFilters filter={filter} onChange={setFilter} />
        <OrdersList orders={orders} now={now} />
        <QueueTable
          items={items}
          selected={selected}
          now={now}
          onSelect={setSelected}
          onOpen={(report) => void openCase(report)}
        />
        {nextCursor && (
          <button type="button" onClick={() => void more()}>
            Show more of the queue
          </button>
        )}
      </section>
      <section className="case-pane" aria-label="Case">
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {open && draft ? (
          <>
            {open.lease ? (
              <p className="lease" data-testid="lease">
                Claimed by you until {new Date(open.lease.expiresAt).toLocaleTimeString()} (renewed
                while the case is open).{' '}
                <button type="button" onClick={() => void skip()}>
                  Skip <kbd>s</kbd>
                </button>
              </p>
            ) : (
              <p className="lease" data-testid="claiming">
                Claiming this case for you…
              </p>
            )}
            <CaseView report={open.report} />
            <div ref={form}>
              <h3>Decision</h3>
              {forms ? (
                <forms.DecisionForm
                  key={open.report.id}
                  draft={draft}
                  onDraft={setDraft}
                  preview={preview}
                  decide={decide}
                />
              ) : (
                <p className="hint">Loading the decision form…</p>
              )}
            </div>
          </>
        ) : (
          <p className="hint">
            Press <kbd>n</kbd> for the next case, or choose one in the queue. Press <kbd>?</kbd> for
            every shortcut.
          </p>
        )}
      </section>
    </div>
  );
}

export { REVIEW_SHORTCUTS };
