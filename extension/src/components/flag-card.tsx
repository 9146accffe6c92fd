import { ExcerptText } from '@counterweight/ui/taxonomy';
import type { FlagGroup } from '@/utils/flags/flag-groups';
import { isPermanentRefusal, type FlagStatus } from '@/utils/flags/flag-status';

const LABELS = { hate: 'Hate', extremist: 'Extremist' } as const;

function StatusChip({ status }: { status: FlagStatus }) {
  switch (status.state) {
    case 'none':
      return null;
    case 'queued':
      return <span className="chip queued">Queued</span>;
    case 'reported':
      return (
        <span className="chip sent">
          Reported {status.reference}
          {status.decision ? `, ${status.decision}` : ''}
        </span>
      );
    case 'refused':
      return (
        <span className="chip refused">
          Refused{isPermanentRefusal(status.status) ? '' : ' for now'}: {status.message}
        </span>
      );
  }
}

/**
 * One group of the page's flags (a single flag, or near-duplicates): what the classifier said
 * and why, with the choices the reviewer's role allows.
 */
export function FlagCard(props: {
  /** Where the virtualised list puts the card, and how it measures it. */
  slot: { index: number; measure: (el: HTMLElement | null) => void; top: number };
  group: FlagGroup;
  status: FlagStatus;
  selected: boolean;
  onSelect: () => void;
  onConfirm?: (() => void) | undefined;
  onDismiss: () => void;
  onReveal: () => void;
  /** Shown to CSO teams: mark the flag as a counter-narrative target. */
  onMarkTarget?: (() => void) | undefined;
  /** The target already marked from this text (its reference), when there is one. */
  target?: string | null | undefined;
}) {
  const { group, status } = props;
  const flag = group.lead;
  const size = group.members.length;
  const done = status.state !== 'none' || flag.reported;
  return (
    <li
      ref={props.slot.measure}
      data-index={props.slot.index}
      style={{ transform: `translateY(${props.slot.top}px)` }}
      className={`card flag-slot${props.selected ? ' selected' : ''}`}
      aria-current={props.selected ? 'true' : undefined}
      aria-label={`${LABELS[flag.label]} ${group.decision}, score ${group.score.toFixed(2)}${size > 1 ? `, ${size} similar texts` : ''}`}
      data-flag-id={flag.flagId}
      onClick={props.onSelect}
    >
      <div className="row">
        <span className={`chip ${group.decision}`}>
          {group.decision === 'flag' ? '⚑ Flag' : '? Uncertain'}: {LABELS[flag.label]}{' '}
          {group.score.toFixed(2)}
        </span>
        {size > 1 && (
          <span className="chip group">
            {size} similar texts, {group.occurrences} blocks
          </span>
        )}
        {size === 1 && group.occurrences > 1 && <span>{group.occurrences}× on this page</span>}
        <StatusChip
          status={status.state === 'none' && flag.reported ? { state: 'queued' } : status}
        />
        {props.target && <span className="chip sent">Target {props.target}</span>}
      </div>
      <ExcerptText as="p" className="excerpt" text={flag.text} />
      {flag.evidence.length > 0 && (
        <p>
          Words that moved the score: <span>{flag.evidence.join(', ')}</span>
        </p>
      )}
      <div className="row">
        <button type="button" onClick={props.onReveal}>
          Show on page
        </button>
        {props.onConfirm && (
          <button type="button" className="primary" onClick={props.onConfirm} disabled={done}>
            {size > 1 ? `Confirm and review all ${size}` : 'Confirm and review'}
          </button>
        )}
        <button type="button" onClick={props.onDismiss} disabled={done}>
          {size > 1 ? `Dismiss all ${size}` : 'Dismiss'}
        </button>
        {props.onMarkTarget && !props.target && (
          <button type="button" onClick={props.onMarkTarget}>
            Mark as counter-narrative target
          </button>
        )}
      </div>
    </li>
  );
}
