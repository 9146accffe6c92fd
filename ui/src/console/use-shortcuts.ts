import { useEffect, useRef } from 'react';

/** Whether a key press belongs to a text control (then it is typing, not a shortcut). */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Single-key shortcuts on the page, ignored while the reviewer types in a control or holds a
 * modifier. `handlers` may change on every render.
 */
export function useShortcuts(handlers: Record<string, () => void>): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const handler = current.current[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

/** The shortcuts of the review desk, as the `?` overlay lists them. */
export const REVIEW_SHORTCUTS: [key: string, what: string][] = [
  ['n', 'Next case: claim the first case in the queue and open it'],
  ['j / k', 'Move down / up the queue'],
  ['c', 'Claim and open the selected case'],
  ['d', 'Decide: check the form and preview the statement of reasons'],
  ['s', 'Skip: release the claim and go back to the queue'],
  ['?', 'Show or hide this list'],
];
