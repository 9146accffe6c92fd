import { z } from 'zod';

/** Lower-case hex SHA-256 digest. */
export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected a lower-case hex SHA-256 digest');

/** An opaque server-assigned id (UUID v4 text). */
export const Id = z.uuid();

/** ISO 8601 timestamp with offset, e.g. `2026-11-22T14:00:00Z`. */
export const Timestamp = z.iso.datetime({ offset: true });

/** ISO 639-1 language code. */
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code such as "en"');

/** ISO 3166-1 alpha-2 country code, upper case. */
export const TerritoryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as "DE"');

/** Opaque pagination cursor returned by list endpoints. */
export const Cursor = z.string().min(1).max(200);

export const Page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: Cursor.nullable() });
