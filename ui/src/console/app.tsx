import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import type { Me, Role } from '@counterweight/shared/auth';
import { api, session, whenUnauthorized } from '../common/api-client';
import { Field } from '../common/field';
import { firstRequest } from './first-requests';
import { HelpDialog } from './help-dialog';
import { ReviewDesk } from './review-desk';
import { BreakSetting } from './break-setting';

// the desks other than review load when opened, so that the review desk's first load evaluates less
const AdminDesk = lazy(() => import('./admin-desk').then((m) => ({ default: m.AdminDesk })));
const AppealsDesk = lazy(() => import('./appeals-desk').then((m) => ({ default: m.AppealsDesk })));
const CsoDesk = lazy(() => import('./cso/cso-desk').then((m) => ({ default: m.CsoDesk })));

type Desk = 'review' | 'appeals' | 'admin' | 'cso';

/** The desks each role may open, first the one it lands on. */
const DESKS: Record<Role, Desk[]> = {
  reviewer: ['review'],
  senior_reviewer: ['review', 'appeals'],
  admin: ['admin'],
  cso: ['cso'],
  auditor: [],
  authority_liaison: [],
};
const DESK_NAMES: Record<Desk, string> = {
  review: 'Review',
  appeals: 'Appeals',
  admin: 'Administration',
  cso: 'Counter-narratives',
};

function SignIn({ onSignedIn, reason }: { onSignedIn: (me: Me) => void; reason: string | null }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(reason);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const me = await api<Me>('/v1/me', { token: token.trim() });
      session.signIn(token.trim());
      onSignedIn(me);
    } catch (e) {
      setError(`That token was refused: ${(e as Error).message}`);
    }
  };
  return (
    <section className="card signin" aria-labelledby="signin-title">
      <h2 id="signin-title">Sign in</h2>
      <form onSubmit={submit}>
        <Field
          id="token"
          label="Token"
          error={error ?? undefined}
          hint="Kept in this tab only (sessionStorage) and sent to this server only."
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
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}

/** The console: sign in with a token, then the desks of the token's role. */
export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(Boolean(session.token()));
  const [reason, setReason] = useState<string | null>(null);
  const [desk, setDesk] = useState<Desk | null>(null);
  const [help, setHelp] = useState(false);

  const signOut = (why: string | null = null) => {
    session.signOut();
    setMe(null);
    setReason(why);
  };
  useEffect(() => {
    whenUnauthorized(() => signOut('The token is no longer valid: sign in again.'));
    if (!session.token()) return;
    firstRequest<Me>('/v1/me')
      .then(setMe)
      .catch(() => signOut())
      .finally(() => setChecking(false));
  }, []);
  useEffect(() => setDesk(me ? (DESKS[me.role][0] ?? null) : null), [me]);

  return (
    <>
      <header className="site">
        <h1>
          Counterweight <span className="muted">console</span>
        </h1>
        {me && (
          <nav aria-label="Desks">
            {DESKS[me.role].map((d) => (
              <button
                key={d}
                type="button"
                aria-current={d === desk ? 'page' : undefined}
                onClick={() => setDesk(d)}
              >
                {DESK_NAMES[d]}
              </button>
            ))}
          </nav>
        )}
        {me && (
          <div className="session">
            <span data-testid="signed-in">
              {me.name ?? 'unnamed'} · {me.role.replace('_', ' ')}
            </span>{' '}
            {desk === 'review' && <BreakSetting />}{' '}
            <button type="button" onClick={() => setHelp(true)}>
              Shortcuts <kbd>?</kbd>
            </button>{' '}
            <button type="button" onClick={() => signOut()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main>
        <Suspense fallback={<p className="hint">Opening the desk…</p>}>
          {checking && !me ? (
            <p className="hint">Signing in…</p>
          ) : !me ? (
            <SignIn onSignedIn={setMe} reason={reason} />
          ) : desk === 'review' ? (
            <ReviewDesk me={me} onHelp={() => setHelp((h) => !h)} />
          ) : desk === 'appeals' ? (
            <AppealsDesk />
          ) : desk === 'admin' ? (
            <AdminDesk />
          ) : desk === 'cso' ? (
            <CsoDesk />
          ) : (
            <section className="card">
              <h2>Nothing to decide here</h2>
              <p>
                {me.role === 'auditor'
                  ? 'Auditors read and verify the public transparency page and log; no token is needed there: '
                  : 'This role has no desk in the console. Its work is in the API (see the documentation) and on the public pages: '}
                <a href="/transparency">transparency</a>, <a href="/docs">API documentation</a>.
              </p>
            </section>
          )}
        </Suspense>
      </main>
      <HelpDialog open={help} onClose={() => setHelp(false)} />
    </>
  );
}
