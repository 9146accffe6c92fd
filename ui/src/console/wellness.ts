/**
 * Reviewer wellness kept in this browser: how many cases the reviewer decided today, and after
 * how many a break is suggested (default 20, set by the reviewer).
 */
const today = () => new Date().toISOString().slice(0, 10);
const countKey = (reviewer: string) => `counterweight.console.decided.${reviewer}.${today()}`;
const BREAK_KEY = 'counterweight.console.breakAfter';
export const DEFAULT_BREAK_AFTER = 20;

export const wellness = {
  decidedToday: (reviewer: string): number => Number(localStorage.getItem(countKey(reviewer)) ?? 0),
  countDecision: (reviewer: string): number => {
    const count = wellness.decidedToday(reviewer) + 1;
    localStorage.setItem(countKey(reviewer), String(count));
    return count;
  },
  breakAfter: (): number => {
    const stored = Number(localStorage.getItem(BREAK_KEY));
    return Number.isInteger(stored) && stored > 0 ? stored : DEFAULT_BREAK_AFTER;
  },
  setBreakAfter: (cases: number) => localStorage.setItem(BREAK_KEY, String(cases)),
  /** A break is due after every `breakAfter` cases. */
  breakDue: (count: number): boolean => count > 0 && count % wellness.breakAfter() === 0,
};
