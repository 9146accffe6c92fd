import type { PageFlag } from '@/utils/page/page-flag';

const LABELS = { hate: 'Hate', extremist: 'Extremist' } as const;

/** One flag of the page: what the classifier said and why, with the reviewer's choices. */
export function FlagCard(props: {
  flag: PageFlag;
  onConfirm: () => void;
  onDismiss: () => void;
  onReveal: () => void;
  /** Shown to CSO teams: mark the flag as a counter-narrative target. */
  onMarkTarget?: (() => void) | undefined;
}) {
  const { flag } = props;
  const score = flag.scores[flag.label];
  return (
    <li
      className="card"
      aria-label={`${LABELS[flag.label]} ${flag.decision}, score ${score.toFixed(2)}`}
    >
      <div className="row">
        <span className={`chip ${flag.decision}`}>
          {flag.decision === 'flag' ? '⚑ Flag' : '? Uncertain'}: {LABELS[flag.label]}{' '}
          {score.toFixed(2)}
        </span>
        {flag.occurrences > 1 && <span>{flag.occurrences}× on this page</span>}
        {flag.reported && <span className="chip sent">Reported</span>}
      </div>
      <p className="excerpt">{flag.text}</p>
      {flag.evidence.length > 0 && (
        <p>
          Words that moved the score: <span>{flag.evidence.join(', ')}</span>
        </p>
      )}
      <div className="row">
        <button type="button" onClick={props.onReveal}>
          Show on page
        </button>
        <button
          type="button"
          className="primary"
          onClick={props.onConfirm}
          disabled={flag.reported}
        >
          Confirm and review
        </button>
        <button type="button" onClick={props.onDismiss} disabled={flag.reported}>
          Dismiss
        </button>
        {props.onMarkTarget && (
          <button type="button" onClick={props.onMarkTarget}>
            Mark as counter-narrative target
          </button>
        )}
      </div>
    </li>
  );
}
