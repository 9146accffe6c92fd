import type { OutboxEntry, ReportProgress } from '@/utils/outbox/outbox-entry';

/** Where a sent report stands, in words. */
export function progressText(progress: ReportProgress): string {
  const action = progress.action ? progress.action.replace(/_/g, ' ') : '';
  switch (progress.state) {
    case 'waiting':
      return 'Waiting for a second reviewer.';
    case 'claimed':
      return 'A reviewer is deciding it now.';
    case 'decided':
      return `Decided: ${action}.`;
    case 'appealed':
      return `Decided: ${action}; the decision is under appeal.`;
    case 'appeal_decided':
      return `Appeal decided: ${action} is in force.`;
  }
}

const STATE_TEXT = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  refused: 'Refused',
} as const;

/** Every report the reviewer sent from this browser and where it stands with the API. */
export function OutboxList(props: {
  entries: readonly OutboxEntry[];
  onRetry: (key: string) => void;
  onRemove: (key: string) => void;
}) {
  if (props.entries.length === 0) return <p>No reports sent from this browser yet.</p>;
  return (
    <ul aria-label="Sent reports" style={{ listStyle: 'none', padding: 0 }}>
      {[...props.entries].reverse().map((entry) => (
        <li
          key={entry.key}
          className="card"
          data-outbox-key={entry.key}
          data-outbox-state={entry.state}
        >
          <div className="row">
            <span className={`chip ${entry.state}`}>{STATE_TEXT[entry.state]}</span>
            {entry.receipt && (
              <strong>
                {entry.kind === 'target' ? 'Target' : 'Case'} {entry.receipt.reference}
              </strong>
            )}
            <span>{entry.summary.site}</span>
          </div>
          <p className="excerpt">{entry.summary.title}</p>
          {entry.progress && (
            <p data-outbox-progress={entry.progress.state}>
              {progressText(entry.progress)}{' '}
              {entry.progress.statementUrl && (
                <a href={entry.progress.statementUrl} target="_blank" rel="noreferrer">
                  Statement of reasons
                </a>
              )}{' '}
              <small>checked {new Date(entry.progress.checkedAt).toLocaleTimeString()}</small>
            </p>
          )}
          {entry.state === 'queued' && (
            <p>
              {entry.attempts === 0
                ? 'Waiting to be sent.'
                : `Attempt ${entry.attempts} failed: ${entry.lastError ?? ''}`}{' '}
              {entry.attempts > 0 &&
                `Next try at ${new Date(entry.nextAttemptAt).toLocaleTimeString()}.`}
            </p>
          )}
          {entry.refusal && (
            <div className="issues">
              <p>
                The API refused this report ({entry.refusal.status} {entry.refusal.code}):{' '}
                {entry.refusal.message}
              </p>
              {entry.refusal.issues.length > 0 && (
                <ul>
                  {entry.refusal.issues.map((i) => (
                    <li key={i.path}>
                      {i.path}: {i.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="row">
            {/* A refusal is permanent (a transient 4xx stays queued): the same body would be
                refused again, so it is offered no retry. */}
            {entry.state === 'queued' && (
              <button type="button" onClick={() => props.onRetry(entry.key)}>
                Retry now
              </button>
            )}
            {(entry.state === 'sent' || entry.state === 'refused') && (
              <button type="button" onClick={() => props.onRemove(entry.key)}>
                Remove from list
              </button>
            )}
            <small>Idempotency-Key {entry.key}</small>
          </div>
        </li>
      ))}
    </ul>
  );
}
