import { randomBytes } from 'node:crypto';
import type { IssuedToken, Role } from '@counterweight/shared/auth';
import pino from 'pino';
import { createApp } from '../app';
import type { AppDeps } from '../app-env';
import { createToken } from '../auth/tokens';
import type { Db } from '../db/db';
import { createDeps } from '../deps';
import { openTestDb, type StoreKind } from './test-db';

export type TestTokens = Record<
  'reviewer' | 'reviewer2' | 'senior' | 'cso' | 'auditor' | 'admin' | 'liaison',
  IssuedToken
>;

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  db: Db;
  tokens: TestTokens;
  /** `app.request` with a bearer token and a JSON body. */
  call: (
    method: string,
    path: string,
    options?: {
      token?: IssuedToken | string | null;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ) => Promise<Response>;
  /**
   * Claims report `reportId` with the token given (the reviewer's by default), whatever the
   * answer, then posts the decision `options.body` with it: how a reviewer decides.
   */
  decide: (
    reportId: string,
    options?: { token?: IssuedToken | string | null; body?: unknown },
  ) => Promise<Response>;
  close: () => Promise<void>;
}

/** A real app over a fresh database (in-memory PGlite by default) with one token per role. */
export async function createTestApp(
  kind: StoreKind = 'pglite',
  options: { corsOrigins?: string[]; providerNotices?: boolean } = {},
): Promise<TestApp> {
  const { db, drop } = await openTestDb(kind);
  const deps = await createDeps(db, {
    pseudonymKey: randomBytes(32),
    logger: pino({ level: 'silent' }),
    corsOrigins: options.corsOrigins ?? [],
    providerNotices: options.providerNotices,
  });
  const app = createApp(deps);
  const make = (role: Role, name: string) => createToken(db, role, name);
  const tokens: TestTokens = {
    reviewer: await make('reviewer', 'Reviewer A'),
    reviewer2: await make('reviewer', 'Reviewer B'),
    senior: await make('senior_reviewer', 'Senior C'),
    cso: await make('cso', 'CSO D'),
    auditor: await make('auditor', 'Auditor E'),
    admin: await make('admin', 'Admin F'),
    liaison: await make('authority_liaison', 'Liaison G'),
  };
  const call: TestApp['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token === undefined ? tokens.reviewer : opts.token;
    if (token) headers.authorization = `Bearer ${typeof token === 'string' ? token : token.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    return app.request(path, { method, headers, body });
  };
  const decide: TestApp['decide'] = async (reportId, opts = {}) => {
    await call('POST', `/v1/reports/${reportId}/claim`, { token: opts.token });
    return call('POST', `/v1/reports/${reportId}/decision`, opts);
  };
  return { app, deps, db, tokens, call, decide, close: drop };
}

/** Row counts of every table a refused request must leave untouched. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'reports',
    'decisions',
    'statements',
    'idempotency_keys',
    'log_entries',
    'api_tokens',
    'removal_orders',
    'preservation_holds',
    'preserved_reads',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = row?.n ?? -1;
  }
  return counts;
}
