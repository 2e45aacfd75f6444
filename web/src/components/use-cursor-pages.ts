import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

export interface CursorPage<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

export type PagedList<T, P extends CursorPage<T>> = (
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: ApiError }
  | {
      readonly status: 'ready';
      readonly data: { readonly first: P; readonly items: readonly T[]; readonly nextCursor?: string };
    }
) & {
  /** The first page again (after a command), dropping the pages loaded after it. */
  reload(): void;
  /** The next page, appended; its failure is in `moreError` and the list stays as it was. */
  loadMore(): Promise<void>;
  readonly loadingMore: boolean;
  readonly moreError?: ApiError;
  /** Replaces items in place (the API's answer to a command on one of them). */
  update(change: (item: T) => T): void;
};

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError(0, 'Error', String(error)));

/** A list the API pages with `nextCursor`: the first page, then "show more" appends the next. */
export function useCursorPages<T, P extends CursorPage<T>>(
  load: (cursor?: string) => Promise<P>,
  deps: DependencyList,
): PagedList<T, P> {
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'error'; error: ApiError }
    | { status: 'ready'; data: { first: P; items: readonly T[]; nextCursor?: string } }
  >({ status: 'loading' });
  const [round, setRound] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | undefined>(undefined);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps say when `load` changed; round: reload()
  useEffect(() => {
    let cancelled = false;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    loadRef.current().then(
      (first) =>
        !cancelled && setState({ status: 'ready', data: { first, items: first.items, nextCursor: first.nextCursor } }),
      (error: unknown) => !cancelled && setState({ status: 'error', error: asApiError(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [...deps, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const cursor = state.status === 'ready' ? state.data.nextCursor : undefined;
  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const next = await loadRef.current(cursor);
      setState((s) =>
        s.status === 'ready'
          ? {
              status: 'ready',
              data: { ...s.data, items: [...s.data.items, ...next.items], nextCursor: next.nextCursor },
            }
          : s,
      );
    } catch (error) {
      setMoreError(asApiError(error));
    } finally {
      setLoadingMore(false);
    }
  }, [cursor]);
  const update = useCallback(
    (change: (item: T) => T) =>
      setState((s) =>
        s.status === 'ready' ? { status: 'ready', data: { ...s.data, items: s.data.items.map(change) } } : s,
      ),
    [],
  );

  return { ...state, reload, loadMore, loadingMore, moreError, update };
}
