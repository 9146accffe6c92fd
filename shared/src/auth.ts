import { z } from 'zod';
import { Id, storedText, Timestamp } from './common';

/**
 * Who may do what: reviewers report and decide, the others read or administer;
 * `authority_liaison` receives removal orders at the point of contact (TCO Art. 15).
 */
export const ROLES = [
  'reviewer',
  'senior_reviewer',
  'cso',
  'auditor',
  'admin',
  'authority_liaison',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Answer of `GET /v1/me`: what the bearer token is. */
export const Me = z.strictObject({ tokenId: Id, role: Role, name: z.string().nullable() });
export type Me = z.infer<typeof Me>;

/** Body of `POST /v1/tokens` (admin only). */
export const TokenRequest = z.strictObject({
  role: Role,
  name: storedText().trim().min(1).max(100).optional(),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

/** A newly issued API token; `token` is shown once and stored only as a hash. */
export const IssuedToken = z.strictObject({
  tokenId: Id,
  role: Role,
  name: z.string().nullable(),
  createdAt: Timestamp,
  token: z.string(),
});
export type IssuedToken = z.infer<typeof IssuedToken>;
