import { ErrorBody } from '@counterweight/shared/errors';
import { Me } from './me';

/** How long the token check waits for the API before saying it cannot reach it. */
export const ME_TIMEOUT_MS = 10_000;

export type MeAnswer =
  | { ok: true; me: Me }
  /** `unreachable`: no answer at all (offline, timeout), so what was known of the token stands. */
  | { ok: false; message: string; unreachable?: true };

/**
 * `GET {apiBaseUrl}/v1/me` with the token: who the API says this token is. Never throws; an
 * unreachable API, a refused token or an unexpected answer come back as a message to show.
 */
export async function fetchMe(
  apiBaseUrl: string,
  token: string,
  fetchImpl: typeof fetch = fetch,
): Promise<MeAnswer> {
  let response: Response;
  try {
    response = await fetchImpl(new URL('/v1/me', apiBaseUrl), {
      headers: { authorization: `Bearer ${token}` },
      credentials: 'omit',
      cache: 'no-store',
      // The options page waits on this answer: an API that never answers must not hang it.
      signal: AbortSignal.timeout(ME_TIMEOUT_MS),
    });
  } catch (error) {
    return {
      ok: false,
      unreachable: true,
      message: `Cannot reach ${apiBaseUrl}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = ErrorBody.safeParse(json);
    return {
      ok: false,
      message: `${response.status} ${error.success ? `${error.data.code}: ${error.data.message}` : response.statusText}`,
    };
  }
  const me = Me.safeParse(json);
  return me.success
    ? { ok: true, me: me.data }
    : { ok: false, message: 'The API answered /v1/me without a role.' };
}
