import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FlagFilter, FlagGroup, FlagSort } from '@/utils/flags/flag-groups';
import type { FlagStatus } from '@/utils/flags/flag-status';
import { FlagCard } from './flag-card';

export interface FlagActions {
  status: (group: FlagGroup) => FlagStatus;
  target: (group: FlagGroup) => string | null;
  confirm?: ((group: FlagGroup) => void) | undefined;
  dismiss: (group: FlagGroup) => void;
  reveal: (group: FlagGroup) => void;
  markTarget?: ((group: FlagGroup) => void) | undefined;
}

function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The page's flag groups, sorted and filtered as the reviewer asks, in a virtualised list (only
 * the cards in view are in the document, so a thousand flags scroll smoothly). Keys: j / k move
 * the selection, Enter confirms (or shows on the page when the role may not report), d dismisses.
 */
export function FlagList(props: {
  groups: FlagGroup[];
  sort: FlagSort;
  filter: FlagFilter;
  onSort: (sort: FlagSort) => void;
  onFilter: (filter: FlagFilter) => void;
  actions: FlagActions;
  /** The selected group's key (kept by the panel, so a review and back keeps the place). */
  selectedKey: string | null;
  onSelect: (key: string) => void;
}) {
  const { groups, actions } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const found = groups.findIndex((g) => g.key === props.selectedKey);
  const selected = found < 0 ? 0 : found;
  const setSelected = (index: number) => {
    const key = groups[index]?.key;
    if (key !== undefined) props.onSelect(key);
  };
  const virtualizer = useVirtualizer({
    count: groups.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 150,
    overscan: 4,
    getItemKey: (i) => groups[i]?.key ?? i,
  });
  const current = Math.min(selected, Math.max(0, groups.length - 1));

  // The latest groups and actions for the key handler, which is registered once.
  const latest = useRef({ groups, actions, current, select: props.onSelect });
  latest.current = { groups, actions, current, select: props.onSelect };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const { groups: all, actions: act, current: at, select } = latest.current;
      const group = all[at];
      const move = (to: number) => {
        const next = Math.max(0, Math.min(all.length - 1, to));
        const key = all[next]?.key;
        if (key !== undefined) select(key);
        virtualizer.scrollToIndex(next, { align: 'auto' });
      };
      if (event.key === 'j') move(at + 1);
      else if (event.key === 'k') move(at - 1);
      else if (event.key === 'Enter' && group && !(event.target instanceof HTMLButtonElement))
        (act.confirm ?? act.reveal)(group);
      else if (event.key === 'd' && group) act.dismiss(group);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [virtualizer]);

  return (
    <>
      <div className="row controls">
        <label>
          Sort{' '}
          <select value={props.sort} onChange={(e) => props.onSort(e.target.value as FlagSort)}>
            <option value="score">by score</option>
            <option value="page">in page order</option>
          </select>
        </label>
        <label>
          Decision{' '}
          <select
            value={props.filter.decision}
            onChange={(e) =>
              props.onFilter({
                ...props.filter,
                decision: e.target.value as FlagFilter['decision'],
              })
            }
          >
            <option value="any">any</option>
            <option value="flag">flag</option>
            <option value="uncertain">uncertain</option>
          </select>
        </label>
        <label>
          Label{' '}
          <select
            value={props.filter.label}
            onChange={(e) =>
              props.onFilter({ ...props.filter, label: e.target.value as FlagFilter['label'] })
            }
          >
            <option value="any">any</option>
            <option value="hate">hate</option>
            <option value="extremist">extremist</option>
          </select>
        </label>
      </div>
      <p className="hint keys">Keys: j / k next and previous, Enter confirm, d dismiss.</p>
      <div ref={scroller} className="flag-scroller" data-testid="flag-scroller">
        <ul aria-label="Flags" className="flag-list" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const group = groups[item.index]!;
            return (
              <FlagCard
                key={item.key}
                slot={{
                  index: item.index,
                  measure: virtualizer.measureElement,
                  top: item.start,
                }}
                group={group}
                status={actions.status(group)}
                target={actions.target(group)}
                selected={item.index === current}
                onSelect={() => setSelected(item.index)}
                onConfirm={actions.confirm && (() => actions.confirm?.(group))}
                onDismiss={() => actions.dismiss(group)}
                onReveal={() => actions.reveal(group)}
                onMarkTarget={actions.markTarget && (() => actions.markTarget?.(group))}
              />
            );
          })}
        </ul>
      </div>
    </>
  );
}
