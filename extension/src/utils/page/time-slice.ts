/** Longest stretch of content-script work before it gives the page's main thread back. */
export const SLICE_BUDGET_MS = 8;

/** Yields to the event loop so input, paint and the page's own scripts can run. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `fn` over `items` in slices of at most `budgetMs`, yielding between slices, so no task of
 * the content script blocks the page for long (the target is < 50 ms per task).
 */
export async function forEachSliced<T>(
  items: Iterable<T>,
  fn: (item: T) => void,
  budgetMs = SLICE_BUDGET_MS,
): Promise<void> {
  let start = performance.now();
  let n = 0;
  for (const item of items) {
    fn(item);
    if ((++n & 15) === 0 && performance.now() - start > budgetMs) {
      await yieldToMain();
      start = performance.now();
    }
  }
}
