import { useEffect, useState } from 'react';
import { feedbackSharingItem } from '@/utils/feedback/feedback-item';
import { sendMessage } from '@/utils/messaging/messenger';
import { useStorageItem } from './hooks/use-storage-item';

/**
 * The opt-in to share feedback with the API (off by default): daily counts of dismissed and
 * confirmed flags, by label, decision, score bucket, model version and language. What would be
 * sent is shown before it is.
 */
export function FeedbackSharingOption() {
  const sharing = useStorageItem(feedbackSharingItem);
  const [status, setStatus] = useState<string | null>(null);
  // Shown at once; storage follows (a controlled checkbox must not wait for the round trip).
  const [optIn, setOptIn] = useState<boolean | null>(null);
  useEffect(() => setOptIn(sharing?.optIn ?? null), [sharing?.optIn]);
  if (!sharing || optIn === null) return null;
  const waiting = [...sharing.pending, ...(sharing.sending?.counts ?? [])].reduce(
    (n, c) => n + c.count,
    0,
  );
  return (
    <section aria-labelledby="sharing-heading">
      <h3 id="sharing-heading">Share feedback with the team</h3>
      <label className="option">
        <input
          type="checkbox"
          checked={optIn}
          onChange={(e) => {
            const optIn = e.target.checked;
            setOptIn(optIn);
            void feedbackSharingItem.update((s) => ({
              ...s,
              optIn,
              ...(optIn ? {} : { pending: [] }),
            }));
          }}
        />{' '}
        Send daily counts of my dismissals and confirmations to the API
      </label>
      <p className="hint">
        Counts only, by label, decision, score range, model version and language: never the text,
        the address or the site. The API publishes the false-flag rate per model version on its
        transparency page. Off by default; turning it off drops the counts not yet sent.
      </p>
      {optIn && (
        <p className="row">
          {waiting === 0
            ? 'Nothing waiting.'
            : `${waiting} ${waiting === 1 ? 'verdict' : 'verdicts'} waiting to be sent.`}
          <button
            type="button"
            onClick={() =>
              void sendMessage('sendFeedback', {}).then(
                (a) => setStatus(a.message),
                (e: unknown) => setStatus(`Not sent: ${String(e)}`),
              )
            }
          >
            Send now
          </button>
          {status && <span role="status">{status}</span>}
        </p>
      )}
    </section>
  );
}
