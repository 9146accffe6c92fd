import { useState } from 'react';
import type { Target } from '@counterweight/shared/target';
import { ExcerptText } from '../../taxonomy';
import { TargetActions } from './target-actions';
import { figuresText, groupName, themeName } from './target-queries';

const RESPONSE_KINDS = { counter: 'Counter-narrative', alternative: 'Alternative narrative' };

/**
 * One target on the board: what was said where, the do-no-harm guidance of its theme, the team's
 * work so far, and the steps its status allows. Every piece of data is rendered as text.
 */
export function TargetCard({
  target: t,
  onUpdated,
}: {
  target: Target;
  onUpdated: (target: Target) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const reach = [
    t.reach.views !== undefined ? `${t.reach.views} views` : '',
    t.reach.shares !== undefined ? `${t.reach.shares} shares` : '',
  ].filter(Boolean);
  return (
    <li className="target" data-target-id={t.id} data-status={t.status}>
      <div className="target-head">
        <strong className="reference">{t.reference}</strong>
        <span className={`status status-${t.status}`}>{t.status}</span>
        <span className="facts">
          {`${themeName(t.theme)} · ${groupName(t.group)} · ${t.language} · ${t.platform} · captured ${t.capturedAt.slice(0, 16).replace('T', ' ')}`}
        </span>
      </div>
      <ExcerptText className="excerpt" lang={t.language} text={t.excerpt} />
      <p className="source">
        Source: <code className="url">{t.url}</code>{' '}
        <span className="reach">{reach.length ? `(${reach.join(', ')})` : ''}</span>
      </p>
      <details className="guidance">
        <summary>Do-no-harm guidance</summary>
        <ul>
          {t.guidance.points.map((point, i) => (
            <li key={i}>{point}</li>
          ))}
        </ul>
      </details>
      <p className="claim">
        {t.claim
          ? `Claimed by ${t.claim.assignee} on ${t.claim.claimedAt.slice(0, 10)}`
          : 'Not claimed yet'}
      </p>
      <ul className="responses">
        {t.responses.map((r) => (
          <li key={r.id}>{`${RESPONSE_KINDS[r.kind]} of ${r.date}: ${r.url}`}</li>
        ))}
      </ul>
      <ul className="outcomes">
        {t.outcomes.map((o) => (
          <li key={o.id}>{`Outcome measured ${o.measuredOn}: ${figuresText(o.figures)}`}</li>
        ))}
      </ul>
      {t.closure && (
        <p className="closure">{`Closed ${t.closure.closedAt.slice(0, 10)}: ${t.closure.reason.replaceAll('_', ' ')}`}</p>
      )}
      <TargetActions
        target={t}
        onUpdated={(updated) => {
          setError(null);
          onUpdated(updated);
        }}
        onFailed={setError}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
