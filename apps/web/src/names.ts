import { useEffect, useState } from 'react';
import { api } from './api';

let cache: Promise<Map<string, string>> | null = null;

/** Delegate names for ids on the board (one request per page load, shared). */
export function useDelegateNames(): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    cache ??= api<{ id: string; fullName: string }[]>('GET', '/api/delegates').then(
      (list) => new Map(list.map((d) => [d.id, d.fullName])),
      () => {
        cache = null; // a failure is not remembered: the next page that asks tries again
        return new Map<string, string>();
      },
    );
    void cache.then(setNames);
  }, []);
  return names;
}
