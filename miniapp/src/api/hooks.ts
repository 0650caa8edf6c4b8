import { useCallback, useEffect, useRef, useState } from "react";

export interface Loaded<T> {
  data: T | undefined;
  /** True from the first render until the first answer, and again on every reload. */
  loading: boolean;
  error: unknown;
  reload: () => Promise<void>;
  setData: (data: T) => void;
}

/**
 * Loads something when the component mounts (and when `deps` change), with a loading state.
 *
 * @example const me = useApi(() => api.me(), [])
 */
export function useApi<T>(load: () => Promise<T>, deps: unknown[], enabled = true): Loaded<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<unknown>();
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  // Replies can arrive out of order (a resident switching the wish wall's category faster than
  // the network answers): only the newest call may write, or an older list replaces the newer.
  const latestCall = useRef(0);

  const reload = useCallback(async () => {
    const call = ++latestCall.current;
    const isCurrent = () => alive.current && call === latestCall.current;
    setLoading(true);
    setError(undefined);
    try {
      const value = await load();
      if (isCurrent()) setData(() => value);
    } catch (e) {
      if (isCurrent()) setError(e);
    } finally {
      if (isCurrent()) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    if (enabled) void reload();
    else setLoading(false);
  }, [reload, enabled]);

  return { data, loading, error, reload, setData: (value: T) => setData(() => value) };
}

/**
 * A user-triggered call (save, log in) with a `running` flag for the button; a second tap while
 * running is ignored.
 */
export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<T>) {
  const [running, setRunning] = useState(false);
  const busy = useRef(false);
  const run = useCallback(
    async (...args: A): Promise<T | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      setRunning(true);
      try {
        return await action(...args);
      } finally {
        busy.current = false;
        setRunning(false);
      }
    },
    [action],
  );
  return { run, running };
}
