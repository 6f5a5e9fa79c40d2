import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';

/** Loads once on mount and on reload(); keeps the last good data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[] = []) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  // The caller names what the load depends on, as with useEffect.
  // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/use-memo
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    try {
      setData(await run());
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not load this screen.');
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload, setData };
}
