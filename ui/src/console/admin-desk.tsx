import { useEffect, useState, type FormEvent } from 'react';
import { ROLES, type IssuedToken } from '@counterweight/shared/auth';
import type { ThemeGuidance } from '@counterweight/shared/target';
import { api, ApiFailure } from '../common/api-client';
import { Field } from '../common/field';

const failureText = (error: unknown) =>
  error instanceof ApiFailure && error.issues.length > 0
    ? error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')
    : (error as Error).message;

function IssueToken() {
  const [role, setRole] = useState<string>('reviewer');
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      setIssued(
        await api<IssuedToken>('/v1/tokens', {
          method: 'POST',
          body: { role, ...(name.trim() ? { name: name.trim() } : {}) },
        }),
      );
    } catch (error) {
      setFailure(failureText(error));
    }
  };
  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Issue a token</h2>
      <form onSubmit={submit}>
        <Field id="token-role" label="Role">
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r.replace('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="token-name"
          label="Name"
          hint="The person it is for: two tokens with one name are one person for the four-eyes rule."
        >
          {(p) => (
            <input {...p} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <button type="submit">Issue token</button>
      </form>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {issued && (
        <p role="status">
          Token for {issued.name ?? 'an unnamed holder'} ({issued.role}), shown once:{' '}
          <code data-testid="issued-token">{issued.token}</code>
        </p>
      )}
    </section>
  );
}

function LegalHolds() {
  const [reportId, setReportId] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const act = async (method: 'POST' | 'DELETE') => {
    setNote(null);
    try {
      await api(`/v1/reports/${encodeURIComponent(reportId.trim())}/legal-hold`, {
        method,
        ...(method === 'POST' ? { body: { reason } } : {}),
      });
      setNote(
        method === 'POST'
          ? 'Legal hold set: the content will not be purged.'
          : 'Legal hold released.',
      );
    } catch (error) {
      setNote(failureText(error));
    }
  };
  return (
    <section className="card" aria-labelledby="holds-title">
      <h2 id="holds-title">Legal holds</h2>
      <form onSubmit={(e) => (e.preventDefault(), void act('POST'))}>
        <Field id="hold-report" label="Report id">
          {(p) => <input {...p} value={reportId} onChange={(e) => setReportId(e.target.value)} />}
        </Field>
        <Field id="hold-reason" label="Reason">
          {(p) => (
            <input
              {...p}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <button type="submit">Set legal hold</button>{' '}
        <button type="button" onClick={() => void act('DELETE')}>
          Release legal hold
        </button>
      </form>
      {note && <p role="status">{note}</p>}
    </section>
  );
}

function Guidance() {
  const [themes, setThemes] = useState<ThemeGuidance[]>([]);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    api<ThemeGuidance[]>('/v1/guidance')
      .then(setThemes)
      .catch((e) => setNote(failureText(e)));
  }, []);
  const save = async (theme: ThemeGuidance, text: string) => {
    try {
      const points = text
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean);
      await api(`/v1/guidance/${theme.theme}`, { method: 'PUT', body: { points } });
      setNote(`Guidance for ${theme.theme} saved.`);
    } catch (error) {
      setNote(failureText(error));
    }
  };
  return (
    <section className="card" aria-labelledby="guidance-title">
      <h2 id="guidance-title">Do-no-harm guidance</h2>
      {note && <p role="status">{note}</p>}
      {themes.map((theme) => (
        <form
          key={theme.theme}
          onSubmit={(e) => {
            e.preventDefault();
            const text = new FormData(e.currentTarget).get('points');
            void save(theme, String(text ?? ''));
          }}
        >
          <Field
            id={`guidance-${theme.theme}`}
            label={`Guidance: ${theme.theme.replace(/_/g, ' ')}`}
            hint="One point a line."
          >
            {(p) => (
              <textarea {...p} name="points" rows={3} defaultValue={theme.points.join('\n')} />
            )}
          </Field>
          <button type="submit">Save</button>
        </form>
      ))}
    </section>
  );
}

/** Admins: tokens, legal holds and the CSO teams' do-no-harm guidance. */
export function AdminDesk() {
  return (
    <div className="admin">
      <IssueToken />
      <LegalHolds />
      <Guidance />
    </div>
  );
}
