import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IssuedToken, Me, Role } from '@counterweight/shared/auth';
import type { Queryable } from '../db/db';

/** The holder of a valid bearer token. */
export type Principal = Me;

/** SHA-256 hex of a token: what the database keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a token with 256 random bits (`cw_` + base64url), stores its hash, returns it once. */
export async function createToken(
  db: Queryable,
  role: Role,
  name: string | null = null,
): Promise<IssuedToken> {
  const token = `cw_${randomBytes(32).toString('base64url')}`;
  const tokenId = randomUUID();
  const createdAt = new Date().toISOString();
  await db.query(
    'INSERT INTO api_tokens (id, token_sha256, role, name, created_at) VALUES ($1, $2, $3, $4, $5)',
    [tokenId, hashToken(token), role, name, createdAt],
  );
  return { tokenId, role, name, createdAt, token };
}

/** Looks a token up by its hash; null when unknown or revoked. */
export async function findPrincipal(db: Queryable, token: string): Promise<Principal | null> {
  const [row] = await db.query<{ id: string; role: Role; name: string | null }>(
    'SELECT id::text AS id, role, name FROM api_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL',
    [hashToken(token)],
  );
  return row ? { tokenId: row.id, role: row.role, name: row.name } : null;
}

/** Number of live tokens (to create a first one on an empty database). */
export async function countTokens(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM api_tokens WHERE revoked_at IS NULL',
  );
  return row?.n ?? 0;
}
