import { storage, type StorageItemKey } from 'wxt/utils/storage';
import type { z } from 'zod';

export interface TypedItem<T> {
  key: StorageItemKey;
  fallback: T;
  /** The stored value parsed with the schema; the fallback when nothing is stored. */
  get(): Promise<T>;
  set(value: T): Promise<void>;
  /** Reads, transforms and writes back; callers serialise updates (see the outbox runner). */
  update(fn: (value: T) => T): Promise<T>;
  watch(cb: (value: T) => void): () => void;
}

/**
 * A versioned storage item whose every read and write goes through `check`, which returns the
 * value when it has the item's shape and throws (naming what is wrong) when it has not. Nothing
 * is silently replaced, least of all a queued report. {@link typedItem} checks with a zod schema.
 */
export function checkedItem<T>(
  key: StorageItemKey,
  check: (value: unknown) => T,
  fallback: T,
  version = 1,
  migrations: Record<number, (old: unknown) => unknown> = {},
): TypedItem<T> {
  const item = storage.defineItem<T>(key, { fallback, version, migrations });
  const parse = (value: unknown): T => {
    try {
      return check(value);
    } catch (error) {
      throw new Error(
        `storage item ${key} does not match its schema: ${(error as Error).message}`,
        { cause: error },
      );
    }
  };
  return {
    key,
    fallback,
    get: async () => parse(await item.getValue()),
    set: async (value) => item.setValue(parse(value)),
    async update(fn) {
      const next = parse(fn(parse(await item.getValue())));
      await item.setValue(next);
      return next;
    },
    watch: (cb) => item.watch((value) => cb(parse(value ?? fallback))),
  };
}

/**
 * A versioned storage item whose every read and write is parsed with a zod schema, so a value
 * written by an older version or by hand never reaches the code unchecked. A stored value that
 * fails the schema throws.
 */
export function typedItem<S extends z.ZodType>(
  key: StorageItemKey,
  schema: S,
  fallback: z.output<S>,
  version = 1,
  migrations: Record<number, (old: unknown) => unknown> = {},
): TypedItem<z.output<S>> {
  const check = (value: unknown): z.output<S> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Error(parsed.error.message);
    return parsed.data;
  };
  return checkedItem(key, check, fallback, version, migrations);
}
