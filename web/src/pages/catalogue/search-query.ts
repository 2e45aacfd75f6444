/** The search page's filters, as its bookmarkable query string carries them (`/search?q=&audience=&theme=&department=`). */
export interface SearchFilters {
  readonly q: string;
  readonly audience: '' | 'citizen' | 'enterprise';
  readonly theme: string;
  readonly department: string;
}

export const FILTER_KEYS = ['q', 'audience', 'theme', 'department'] as const;

export function parseFilters(search: string): SearchFilters {
  const params = new URLSearchParams(search);
  const audience = params.get('audience');
  return {
    q: (params.get('q') ?? '').trim().slice(0, 100),
    audience: audience === 'citizen' || audience === 'enterprise' ? audience : '',
    theme: params.get('theme') ?? '',
    department: params.get('department') ?? '',
  };
}

/** The search page's address for some filters; empty ones are left out, so the same search has one address. */
export function searchHref(filters: Partial<SearchFilters>): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}

/** The filters as the API's query (empty ones left out). */
export function apiQuery(filters: SearchFilters) {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.audience ? { audience: filters.audience } : {}),
    ...(filters.theme ? { theme: filters.theme } : {}),
    ...(filters.department ? { department: filters.department } : {}),
  };
}
