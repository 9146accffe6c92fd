import { checkedItem } from './typed-item';

/** The origin of `DEFAULT_API_BASE_URL` (items.ts), which the content script must not import. */
export const DEFAULT_API_ORIGIN = 'http://127.0.0.1:8787';

function checkOrigin(value: unknown): string {
  if (typeof value !== 'string' || !/^https?:\/\/[^/]+$/.test(value))
    throw new Error('expected an http(s) origin');
  return value;
}

/**
 * The origin of the API the extension is connected to, kept apart from the connection so that
 * content scripts (which never scan the API's own pages) read it without the token. The
 * background writes it whenever the connection changes.
 */
export const apiOriginItem = checkedItem('local:apiOrigin', checkOrigin, DEFAULT_API_ORIGIN);
