import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: ApiError }
  | { readonly status: 'ready'; readonly data: T };

/** Loads data for a page; `reload()` fetches again (after a command, or when the network came back). */
export function useApi<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> & { reload(): void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps say when `load` changed; round: reload()
  useEffect(() => {
    let cancelled = false;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    load().then(
      (data) => !cancelled && setState({ status: 'ready', data }),
      (error: unknown) =>
        !cancelled &&
        setState({
          status: 'error',
          error: error instanceof ApiError ? error : new ApiError(0, 'Error', String(error)),
        }),
    );
    return () => {
      cancelled = true;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
