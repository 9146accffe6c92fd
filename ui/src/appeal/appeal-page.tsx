import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppealNotice, AppealReceipt } from '@counterweight/shared/appeal';
import type { StatementOfReasons } from '@counterweight/shared/statement';
import { api, ApiFailure } from '../common/api-client';
import { Field } from '../common/field';
import { when } from '../common/format';
import { StatementView } from '../common/statement-view';

type Standing =
  | { appellant: 'content_provider'; token: string }
  | { appellant: 'reporter'; reportId: string; bearer: string };

const request = (s: Standing) =>
  s.appellant === 'content_provider'
    ? { body: { appellant: s.appellant, token: s.token }, token: null }
    : { body: { appellant: s.appellant, reportId: s.reportId }, token: s.bearer };

const OUTCOMES: Record<string, string> = {
  upheld: 'The decision was upheld: it stands.',
  reversed: 'The decision was reversed.',
  modified: 'The decision was modified.',
};

function Status({ notice }: { notice: AppealNotice }) {
  return (
    <section className="card" aria-labelledby="status-title" data-testid="appeal-status">
      <h2 id="status-title">Your appeal on {notice.caseNumber}</h2>
      <ol className="progress">
        <li className="done">Filed {when(notice.filedAt)}</li>
        <li className={notice.status === 'decided' ? 'done' : 'current'}>
          A senior reviewer who took no part in the decision reviews it, by {when(notice.dueAt)}
        </li>
        <li className={notice.status === 'decided' ? 'done' : undefined}>
          {notice.status === 'decided' ? `Decided ${when(notice.decidedAt!)}` : 'Decision'}
        </li>
      </ol>
      {notice.status === 'decided' && (
        <>
          <p>
            <strong>{OUTCOMES[notice.outcome!]}</strong> Action now in force:{' '}
            {notice.resultingAction?.replace(/_/g, ' ')}.
          </p>
          <h3>Reasons</h3>
          <blockquote data-testid="appeal-reasons">{notice.reasons}</blockquote>
        </>
      )}
    </section>
  );
}

/**
 * The public appeal page: no account. The content provider opens the link that came with the
 * statement of reasons (`/appeal?token=…`) or pastes the token; a reporter contesting a "no
 * action" decision gives the report id and their own token. Both read the statement, write their
 * grounds, and come back to the status.
 */
export function AppealPage() {
  const params = new URLSearchParams(location.search);
  const [asReporter, setAsReporter] = useState(params.has('report'));
  const [token, setToken] = useState(params.get('token') ?? '');
  const [reportId, setReportId] = useState(params.get('report') ?? '');
  const [standing, setStanding] = useState<Standing | null>(null);
  const [statement, setStatement] = useState<StatementOfReasons | null>(null);
  const [notice, setNotice] = useState<AppealNotice | null>(null);
  const [grounds, setGrounds] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [groundsError, setGroundsError] = useState<string | null>(null);
  const groundsField = useRef<HTMLTextAreaElement>(null);

  const open = async (s: Standing) => {
    setError(null);
    try {
      const r = request(s);
      setStatement(
        await api<StatementOfReasons>('/v1/appeals/statement', { method: 'POST', ...r }),
      );
      setStanding(s);
      try {
        setNotice(await api<AppealNotice>('/v1/appeals/status', { method: 'POST', ...r }));
      } catch (e) {
        if (!(e instanceof ApiFailure && e.status === 404)) throw e;
        setNotice(null);
      }
    } catch (e) {
      setError(
        e instanceof ApiFailure && e.status === 404
          ? 'No decision was found for these details. Check the token (it starts with cwa_).'
          : (e as Error).message,
      );
    }
  };

  useEffect(() => {
    // the token leaves the address bar (and the history) once it has been read
    if (params.has('token')) history.replaceState(null, '', location.pathname);
    if (token) void open({ appellant: 'content_provider', token });
  }, []);

  const signIn = (event: FormEvent) => {
    event.preventDefault();
    void open(
      asReporter
        ? { appellant: 'reporter', reportId: reportId.trim(), bearer: token.trim() }
        : { appellant: 'content_provider', token: token.trim() },
    );
  };

  const file = async (event: FormEvent) => {
    event.preventDefault();
    if (!standing) return;
    if (!grounds.trim()) {
      setGroundsError('Write why the decision is wrong: the reviewer reads exactly this.');
      groundsField.current?.focus();
      return;
    }
    setGroundsError(null);
    try {
      const r = request(standing);
      await api<AppealReceipt>('/v1/appeals', {
        method: 'POST',
        token: r.token,
        body: { ...r.body, grounds },
      });
      setNotice(await api<AppealNotice>('/v1/appeals/status', { method: 'POST', ...r }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <>
      <header className="site">
        <h1>
          Counterweight <span className="muted">appeal a decision</span>
        </h1>
        <p className="lede">
          If your content was restricted, or you reported content that was left up, you can ask for
          the decision to be reviewed by someone who took no part in it (DSA Art. 20, TCO Art. 10).
          You will get a reasoned answer.
        </p>
      </header>
      <main>
        {!statement && (
          <section className="card" aria-labelledby="find-title">
            <h2 id="find-title">Find the decision</h2>
            <form onSubmit={signIn}>
              <fieldset>
                <legend>You are</legend>
                <label className="check">
                  <input
                    type="radio"
                    name="appellant"
                    checked={!asReporter}
                    onChange={() => setAsReporter(false)}
                  />
                  The content provider (you received a statement of reasons)
                </label>
                <label className="check">
                  <input
                    type="radio"
                    name="appellant"
                    checked={asReporter}
                    onChange={() => setAsReporter(true)}
                  />
                  The reporter (you reported content that was left up)
                </label>
              </fieldset>
              {asReporter && (
                <Field id="report-id" label="Report id">
                  {(p) => (
                    <input {...p} value={reportId} onChange={(e) => setReportId(e.target.value)} />
                  )}
                </Field>
              )}
              <Field
                id="appeal-token"
                label="Token"
                hint={
                  asReporter
                    ? 'Your own API token: the one that sent the report.'
                    : 'The appeal token of your statement of reasons (it starts with cwa_).'
                }
                error={error ?? undefined}
              >
                {(p) => (
                  <input
                    {...p}
                    type="password"
                    autoComplete="off"
                    value={token}
                    onChange={(e) => setToken(e.target.value)}
                  />
                )}
              </Field>
              <button type="submit">Show the decision</button>
            </form>
          </section>
        )}
        {statement && (
          <section className="card" aria-labelledby="statement-title">
            <h2 id="statement-title">The statement of reasons</h2>
            <StatementView statement={statement} />
          </section>
        )}
        {statement && notice && <Status notice={notice} />}
        {statement && !notice && (
          <section className="card" aria-labelledby="grounds-title">
            <h2 id="grounds-title">Your appeal</h2>
            <form onSubmit={file} noValidate>
              <Field
                id="grounds"
                label="Grounds for appeal"
                hint="Why the decision is wrong: context the reviewer did not have, the purpose of the content (news, research, art, counter-speech…)."
                error={groundsError ?? undefined}
              >
                {(p) => (
                  <textarea
                    {...p}
                    ref={groundsField}
                    rows={6}
                    maxLength={5000}
                    value={grounds}
                    onChange={(e) => {
                      setGrounds(e.target.value);
                      if (e.target.value.trim()) setGroundsError(null);
                    }}
                  />
                )}
              </Field>
              {error && (
                <p className="error" role="alert">
                  {error}
                </p>
              )}
              <button type="submit">File appeal</button>
            </form>
          </section>
        )}
      </main>
    </>
  );
}
