import { useEffect, useState } from 'react';
import type { TypedItem } from '@/utils/storage/typed-item';

/** The current value of a typed storage item, kept live; undefined until the first read. */
export function useStorageItem<T>(item: TypedItem<T>): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let alive = true;
    void item.get().then((v) => alive && setValue(v));
    const unwatch = item.watch((v) => setValue(v));
    return () => {
      alive = false;
      unwatch();
    };
  }, [item]);
  return value;
}
