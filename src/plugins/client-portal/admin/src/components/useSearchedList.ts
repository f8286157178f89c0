import { useEffect, useState } from 'react';
import { errorMessage } from '../api';

const SEARCH_DELAY_MS = 300;

/**
 * A list page's rows for the search text `q`: loaded at once, then again 300 ms after the agent stops typing (and
 * when `reload` changes); null while loading; `error` holds the server's message when the list could not be loaded.
 */
export const useSearchedList = <T,>(load: (q: string | undefined) => Promise<T[]>, q: string, reload: number) => {
  const [rows, setRows] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      setError(null);
      load(q.trim() || undefined)
        .then((data) => alive && setRows(data))
        .catch((failure) => alive && setError(errorMessage(failure)));
    }, q ? SEARCH_DELAY_MS : 0);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
    // `load` is rebuilt on each render; the list depends on the search text and reloads only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, reload]);
  return { rows, error };
};
