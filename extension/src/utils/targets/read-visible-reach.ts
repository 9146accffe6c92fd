import { browser } from 'wxt/browser';
import { findVisibleReach } from './visible-reach';

/**
 * Runs in the page (isolated world): the visible text of the post that holds `text`, i.e. the
 * smallest element containing it, widened to its article or list item. Self-contained, as
 * `scripting.executeScript` serialises it.
 */
export function postTextAround(text: string): string {
  const needle = text.trim().slice(0, 120);
  if (!needle) return '';
  let best: HTMLElement | null = null;
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
    if (/^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(el.tagName)) continue;
    if (!(el.textContent ?? '').includes(needle)) continue;
    if (!best || best.contains(el)) best = el;
  }
  const post =
    best?.closest<HTMLElement>('article, [role="article"], li') ?? best?.parentElement ?? best;
  return (post?.innerText ?? post?.textContent ?? '').slice(0, 5000);
}

/**
 * The reach (views, shares) the page shows around `text` in tab `tabId`, read once when a target is
 * marked; empty when the page shows none or cannot be read.
 */
export async function readVisibleReach(
  tabId: number,
  text: string,
): Promise<{ views?: number; shares?: number }> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: postTextAround,
      args: [text],
    });
    return typeof result?.result === 'string' ? findVisibleReach(result.result) : {};
  } catch {
    return {};
  }
}
