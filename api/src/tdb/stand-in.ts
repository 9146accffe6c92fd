import { randomUUID } from 'node:crypto';
import { TDB_MAX_BATCH, tdbProblems, type TdbStatement } from '@counterweight/shared';
import { Hono, type Context } from 'hono';
import { PUID_TAKEN } from './tdb-client';

/** Options of {@link TdbStandIn}. */
export interface StandInOptions {
  token: string;
  /** The account's limit: requests a minute, at most a second's worth at once (429 beyond). */
  requestsPerMinute: number;
  /** Share of requests answered 503 without storing anything (default 0). */
  failBeforeRate?: number;
  /** Share of batches stored and then answered 502, as if the answer was lost (default 0). */
  failAfterRate?: number;
  random?: () => number;
  now?: () => number;
}

/**
 * A local stand-in of the DSA Transparency Database's API for tests and benchmarks (the real one
 * cannot be reached from here). It enforces the documented rules: a bearer token, at most 100
 * statements a batch, the v2 field rules ({@link tdbProblems}: required fields per
 * decision_ground, the lists, the lengths), a puid only once (422 with the database's message),
 * and the rate limit (429 with `Retry-After`); and it fails at random when told to, before or
 * after storing. It counts every attempt to send a puid it already holds (`resent`).
 */
export class TdbStandIn {
  readonly app = new Hono();
  /** Statements stored, by puid: the database's id for each. */
  readonly stored = new Map<string, string>();
  /** Requests that carried a puid already stored: sending twice, what must never happen. */
  resent = 0;
  requests = 0;
  rateLimited = 0;
  /** Start time of every request answered (not 429), for the rate checks of the benchmark. */
  readonly answeredAt: number[] = [];
  #tokens: number;
  #at: number;

  constructor(private readonly options: StandInOptions) {
    const now = options.now ?? (() => performance.now());
    this.#tokens = this.#capacity;
    this.#at = now();
    this.app.use('/api/v1/*', async (c, next) => {
      this.requests++;
      if (c.req.header('authorization') !== `Bearer ${options.token}`)
        return c.json({ message: 'Unauthenticated.' }, 401);
      const at = now();
      this.#tokens = Math.min(
        this.#capacity,
        this.#tokens + ((at - this.#at) * options.requestsPerMinute) / 60_000,
      );
      this.#at = at;
      if (this.#tokens < 1) {
        this.rateLimited++;
        c.header('Retry-After', '1');
        return c.json({ message: 'Too Many Attempts.' }, 429);
      }
      this.#tokens -= 1;
      this.answeredAt.push(at);
      if (this.#chance(options.failBeforeRate)) return c.json({ message: 'Server Error' }, 503);
      await next();
    });
    this.app.post('/api/v1/statements', async (c) => {
      const body = (await c.req.json().catch(() => null)) as { statements?: unknown } | null;
      const statements = body?.statements;
      if (!Array.isArray(statements) || statements.length === 0)
        return this.#invalid(c, { statements: ['The statements field is required.'] });
      if (statements.length > TDB_MAX_BATCH)
        return this.#invalid(c, {
          statements: [`The statements field must not have more than ${TDB_MAX_BATCH} items.`],
        });
      return this.#store(c, statements as TdbStatement[], true);
    });
    this.app.post('/api/v1/statement', async (c) => {
      const statement = (await c.req.json().catch(() => null)) as TdbStatement | null;
      if (!statement || typeof statement !== 'object')
        return this.#invalid(c, { body: ['A statement is required.'] });
      return this.#store(c, [statement], false);
    });
    this.app.get('/api/v1/statement/existing-puid/:puid', (c) => {
      const uuid = this.stored.get(c.req.param('puid'));
      if (!uuid) return c.json({ message: 'statement of reason not found' }, 404);
      return c.redirect(`/api/v1/statement/${uuid}`, 302);
    });
  }

  get #capacity(): number {
    return Math.max(1, Math.floor(this.options.requestsPerMinute / 60));
  }

  #chance(rate = 0): boolean {
    return rate > 0 && (this.options.random ?? Math.random)() < rate;
  }

  #invalid(c: Context, errors: Record<string, string[]>) {
    const first = Object.values(errors)[0]?.[0] ?? 'The given data was invalid.';
    return c.json({ message: first, errors }, 422);
  }

  /** All or nothing, as the database takes a batch. */
  #store(c: Context, statements: TdbStatement[], batch: boolean) {
    const errors: Record<string, string[]> = {};
    const key = (index: number, field: string) => (batch ? `statement_${index}.${field}` : field);
    const seen = new Set<string>();
    let resent = false;
    statements.forEach((statement, index) => {
      for (const problem of tdbProblems(statement))
        (errors[key(index, problem.field)] ??= []).push(problem.message);
      const puid = statement.puid as string;
      if (this.stored.has(puid)) resent = true;
      if (this.stored.has(puid) || seen.has(puid))
        (errors[key(index, 'puid')] ??= []).push(PUID_TAKEN);
      seen.add(puid);
    });
    if (resent) this.resent++;
    if (Object.keys(errors).length > 0) return this.#invalid(c, errors);
    const created = statements.map((statement) => {
      const uuid = randomUUID();
      this.stored.set(statement.puid as string, uuid);
      return { ...statement, uuid };
    });
    if (this.#chance(this.options.failAfterRate)) return c.json({ message: 'Bad Gateway' }, 502);
    return c.json(batch ? { statements: created } : created[0], 201);
  }
}
