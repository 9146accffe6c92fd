/** A refused or failed API call, with the API's field issues (`path`, `message`) when it gave any. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** Where the console keeps the token: this tab only. */
const TOKEN_KEY = 'counterweight.console.token';

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Called when the API says the token is no longer valid (401). */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/**
 * Calls this server's API (same origin) with the tab's token, if any, and a JSON body. Resolves
 * to the parsed JSON (or null for 204); throws an {@link ApiFailure} for any other answer.
 */
export async function api<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown; token?: string | null } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? session.token() : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (response.status === 204) return null as T;
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const body = isJson ? await response.json() : null;
  if (!response.ok) {
    if (response.status === 401 && token) onUnauthorized();
    throw new ApiFailure(
      response.status,
      typeof body?.code === 'string' ? body.code : 'http_error',
      typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`,
      Array.isArray(body?.issues) ? body.issues : [],
    );
  }
  return body as T;
}

/** A file the API serves behind the token (an image, a CSV export), as an object URL (revoke it when done). */
export async function objectUrl(path: string): Promise<string> {
  const token = session.token();
  const response = await fetch(path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) throw new ApiFailure(response.status, 'http_error', `HTTP ${response.status}`);
  return URL.createObjectURL(await response.blob());
}

/** An image the API serves behind the token, as an object URL (revoke it when done). */
export const imageUrl = objectUrl;
