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

/** A NUL, or a surrogate code unit without its partner (JavaScript strings are UTF-16). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why PostgreSQL cannot store `text` in a `text` or `jsonb` column, or null when it can: a NUL
 * character, or an unpaired surrogate (not Unicode text at all). Names the first one and where.
 */
export function unstorableText(text: string): string | null {
  const found = UNSTORABLE.exec(text);
  if (!found) return null;
  const code = found[0].charCodeAt(0);
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return code === 0
    ? `contains a NUL character (U+0000) at position ${found.index}, which cannot be stored`
    : `contains an unpaired surrogate (U+${hex}) at position ${found.index}: not valid Unicode text`;
}

/**
 * Refuses text the database cannot store ({@link unstorableText}) with an issue at the field's
 * path. Every string field the API stores goes through it; chain length and trim checks after.
 */
export function storable<T extends z.ZodString | z.ZodURL>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const reason = unstorableText(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason, input: value });
  }) as T;
}

/** `z.string()` for a field that is stored: refuses NUL and unpaired surrogates. */
export const storedText = () => storable(z.string());

/**
 * Refuses every string inside `value` (array items, object keys and values) that the database
 * cannot store, each as an issue at its own path; for stored JSON whose schema is not built
 * from {@link storedText}.
 */
export function refuseUnstorableStrings(
  value: unknown,
  ctx: z.RefinementCtx,
  path: PropertyKey[] = [],
): void {
  if (typeof value === 'string') {
    const reason = unstorableText(value);
    if (reason) ctx.addIssue({ code: 'custom', path, message: reason, input: value });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => refuseUnstorableStrings(item, ctx, [...path, i]));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const reason = unstorableText(key);
      if (reason) ctx.addIssue({ code: 'custom', path: [...path, key], message: `key ${reason}` });
      refuseUnstorableStrings(item, ctx, [...path, key]);
    }
  }
}
