/**
 * What the Transparency Database answered to a batch: accepted (with its id for each puid),
 * refused (422, with the reasons per statement of the batch), rate-limited (429), or uncertain
 * (5xx, timeout, network failure: it may or may not have stored the statements).
 */
export type BatchAnswer =
  | { kind: 'accepted'; uuids: Map<string, string> }
  | { kind: 'refused'; reasons: Map<number, string>; message: string }
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'uncertain'; reason: string };

/** Whether the database holds a statement with this puid, and its id there. */
export type PuidAnswer =
  | { kind: 'found'; uuid: string }
  | { kind: 'absent' }
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'uncertain'; reason: string };

/** The database's message when a puid it already holds is sent again. */
export const PUID_TAKEN = 'The identifier given is not unique within this platform.';

interface ErrorBody {
  message?: string;
  errors?: Record<string, string[]>;
}

const retryAfterMs = (response: Response) => {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
};

/**
 * The DSA Transparency Database's API as documented: `POST {url}/api/v1/statements` with
 * `{"statements": [...]}` (at most 100), `POST {url}/api/v1/statement` for one, and
 * `GET {url}/api/v1/statement/existing-puid/{puid}`, each with `Authorization: Bearer {token}`.
 */
export class TdbClient {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 30_000,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  /**
   * Sends one batch (`POST /api/v1/statements`, or `/statement` for a batch of one); each
   * statement is its JSON text, sent as it is.
   */
  async send(statements: string[]): Promise<BatchAnswer> {
    const single = statements.length === 1;
    let response: Response;
    try {
      response = await this.#request(single ? '/api/v1/statement' : '/api/v1/statements', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: single ? statements[0] : `{"statements":[${statements.join(',')}]}`,
      });
    } catch (error) {
      return { kind: 'uncertain', reason: (error as Error).message };
    }
    if (response.status === 429) {
      await response.body?.cancel();
      return { kind: 'rate_limited', retryAfterMs: retryAfterMs(response) };
    }
    if (response.status === 201 || response.status === 200) {
      const body = (await response.json()) as
        { statements: { puid: string; uuid: string }[] } | { puid: string; uuid: string };
      const created = 'statements' in body ? body.statements : [body];
      return { kind: 'accepted', uuids: new Map(created.map((s) => [s.puid, s.uuid])) };
    }
    if (response.status === 422) {
      const body = (await response.json()) as ErrorBody;
      const reasons = new Map<number, string>();
      for (const [key, messages] of Object.entries(body.errors ?? {})) {
        // Batch errors are keyed `statement_{index}.{field}`; a single statement's by field.
        const match = /^statement_(\d+)\.(.+)$/.exec(key);
        const index = single ? 0 : match ? Number(match[1]) : -1;
        const field = single ? key : (match?.[2] ?? key);
        const reason = `${field}: ${messages.join(' ')}`;
        reasons.set(index, reasons.has(index) ? `${reasons.get(index)}; ${reason}` : reason);
      }
      return { kind: 'refused', reasons, message: body.message ?? 'refused' };
    }
    await response.body?.cancel();
    return { kind: 'uncertain', reason: `the database answered ${response.status}` };
  }

  /** `GET /api/v1/statement/existing-puid/{puid}`: does the database hold it already? */
  async existingPuid(puid: string): Promise<PuidAnswer> {
    let response: Response;
    try {
      response = await this.#request(
        `/api/v1/statement/existing-puid/${encodeURIComponent(puid)}`,
        {
          method: 'GET',
          headers: { accept: 'application/json' },
          redirect: 'manual',
        },
      );
    } catch (error) {
      return { kind: 'uncertain', reason: (error as Error).message };
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return { kind: 'absent' };
    }
    if (response.status === 429) {
      await response.body?.cancel();
      return { kind: 'rate_limited', retryAfterMs: retryAfterMs(response) };
    }
    if (response.status === 302) {
      await response.body?.cancel();
      const location = response.headers.get('location') ?? '';
      const uuid = location.split('/').pop();
      if (uuid) return { kind: 'found', uuid };
    }
    if (response.status === 200) {
      const body = (await response.json()) as { uuid?: string };
      if (body.uuid) return { kind: 'found', uuid: body.uuid };
    }
    await response.body?.cancel();
    return { kind: 'uncertain', reason: `the database answered ${response.status}` };
  }

  #request(path: string, init: RequestInit): Promise<Response> {
    return this.fetcher(`${this.url.replace(/\/$/, '')}${path}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        authorization: `Bearer ${this.token}`,
      },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }
}
