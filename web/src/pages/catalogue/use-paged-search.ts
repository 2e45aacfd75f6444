import { useCallback, useRef, useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import { useApi } from '../../components/use-api';
import type { EntrySummary } from './lookups';
import { apiQuery, type SearchFilters } from './search-query';

type Path = '/matters' | '/bundles';
interface SearchPage {
  items: EntrySummary[];
  total: number;
  nextCursor?: string;
}

function searchPage(path: Path, filters: SearchFilters, limit: number, cursor?: string): Promise<SearchPage> {
  const query = { ...apiQuery(filters), limit, ...(cursor ? { cursor } : {}) };
  return path === '/matters'
    ? unwrap(api().GET('/matters', { params: { query } }))
    : unwrap(api().GET('/bundles', { params: { query } }));
}

/**
 * One search of matters or bundles with the API's cursor: the first page follows the filters, `more()` appends the
 * next page. Pages fetched for earlier filters are dropped, and an answer that arrives after the filters changed is ignored.
 */
export function usePagedSearch(path: Path, filters: SearchFilters, limit: number) {
  const key = JSON.stringify(filters);
  const first = useApi(() => searchPage(path, filters, limit), [path, key, limit]);
  const [extra, setExtra] = useState<{ key: string; items: EntrySummary[]; nextCursor?: string }>();
  const [more, setMore] = useState<{ key: string; busy: boolean; error?: ApiError }>();
  const currentKey = useRef(key);
  currentKey.current = key;

  const ready = first.status === 'ready' ? first.data : undefined;
  const own = extra?.key === key ? extra : undefined;
  const items = ready ? [...ready.items, ...(own?.items ?? [])] : [];
  const nextCursor = own ? own.nextCursor : ready?.nextCursor;
  const moreState = more?.key === key ? more : undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `filters` is described by `key`
  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const asked = key;
    setMore({ key: asked, busy: true });
    try {
      const page = await searchPage(path, filters, limit, nextCursor);
      if (currentKey.current !== asked) return;
      setExtra((previous) => ({
        key: asked,
        items: [...(previous?.key === asked ? previous.items : []), ...page.items],
        nextCursor: page.nextCursor,
      }));
      setMore({ key: asked, busy: false });
    } catch (error) {
      if (currentKey.current !== asked) return;
      setMore({
        key: asked,
        busy: false,
        error: error instanceof ApiError ? error : new ApiError(0, 'Error', String(error)),
      });
    }
  }, [path, key, limit, nextCursor]);

  return {
    first,
    items,
    total: ready?.total ?? 0,
    nextCursor,
    loadMore,
    busy: moreState?.busy ?? false,
    moreError: moreState?.error,
  };
}
