import { useEffect, useState, type FormEvent } from 'react';
import { sendMessage } from '@/utils/messaging/messenger';
import { connectionItem, feedbackItem } from '@/utils/storage/items';
import { DismissalsBySite } from './dismissals-by-site';
import { FeedbackSharingOption } from './feedback-sharing';
import { useStorageItem } from './hooks/use-storage-item';
import { SiteExclusions } from './site-exclusions';

/** Options: where reports go (API base URL) and the reviewer's token, checked with GET /v1/me. */
export function OptionsApp() {
  const connection = useStorageItem(connectionItem);
  const feedback = useStorageItem(feedbackItem);
  const [apiBaseUrl, setApiBaseUrl] = useState('');
  const [token, setToken] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!connection) return;
    setApiBaseUrl((v) => v || connection.apiBaseUrl);
    setToken((v) => v || connection.token);
  }, [connection]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      const url = new URL(apiBaseUrl.trim());
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new Error('use an http(s) address');
      const answer = await sendMessage('checkConnection', {
        apiBaseUrl: url.origin + url.pathname.replace(/\/$/, ''),
        token: token.trim(),
      });
      setStatus(
        answer.ok
          ? {
              ok: true,
              text: `Connected. The API knows this token as ${answer.me.name ?? 'unnamed'} with the role ${answer.me.role}.`,
            }
          : { ok: false, text: `Saved, but the token check failed: ${answer.message}` },
      );
    } catch (e) {
      setStatus({ ok: false, text: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ maxWidth: 640 }}>
      <h1>Counterweight options</h1>
      <form onSubmit={save}>
        <label>
          API base URL
          <input
            type="url"
            required
            value={apiBaseUrl}
            onChange={(e) => setApiBaseUrl(e.target.value)}
          />
        </label>
        <label>
          API token
          <input
            type="password"
            required
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        <p className="row">
          <button type="submit" className="primary" disabled={busy}>
            Save and check token
          </button>
        </p>
      </form>
      {status && (
        <p role="status" className={status.ok ? '' : 'issues'}>
          {status.text}
        </p>
      )}
      {connection?.me && !status && (
        <p>
          Last check {connection.checkedAt}: role {connection.me.role}.
        </p>
      )}
      <SiteExclusions />
      <DismissalsBySite />
      <h2>Feedback on the classifier</h2>
      {feedback && (
        <dl className="kv">
          <dt>Confirmed</dt>
          <dd>
            hate {feedback.confirmed.hate}, extremist {feedback.confirmed.extremist}
          </dd>
          <dt>Dismissed</dt>
          <dd>
            hate {feedback.dismissed.hate}, extremist {feedback.dismissed.extremist}
          </dd>
        </dl>
      )}
      <p className="hint">
        These counts stay in this browser. Page text is never sent anywhere except in a report you
        send.
      </p>
      <FeedbackSharingOption />
    </main>
  );
}
