import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorText, getJson } from './api';

/** A `GET` of the console's API: its answer, its error, and a way to ask again. */
export interface ApiAnswer<T> {
  readonly data?: T;
  readonly error?: string;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Gets `api/<path>` when `path` changes and when asked again; nothing when `path` is undefined.
 * A restarted cloud loads the whole page again, so an answer is never kept across one.
 */
export function useApi<T>(path: string | undefined): ApiAnswer<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (path === undefined) return undefined;
    let current = true;
    setLoading(true);
    getJson<T>(path).then(
      (answer) => {
        if (!current) return;
        setData(answer);
        setError(undefined);
        setLoading(false);
      },
      (failure) => {
        if (!current) return;
        setError(errorText(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [path, asked]);
  const reload = useCallback(() => setAsked((count) => count + 1), []);
  return { data, error, loading, reload };
}
