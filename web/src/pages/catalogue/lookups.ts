import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../components/use-api';

/**
 * The catalogue's lists that change rarely (departments, licence types, themes): loaded once per visit and shared by
 * the pages, so going from the home page to a search and a guide asks for each only once.
 */
export type EntrySummary = components['schemas']['EntrySummary'];
export type Department = { code: string; name: string; nameEn?: string };
export type LicenceType = { code: string; name: string; nameEn?: string };

const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let promise = cache.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    cache.set(key, promise);
    // A failure is not remembered: the next page (or a retry) asks again.
    promise.catch(() => cache.delete(key));
  }
  return promise;
}

export const loadDepartments = () =>
  once('departments', async () => (await unwrap(api().GET('/departments'))).items as Department[]);
export const loadLicenceTypes = () =>
  once('licence-types', async () => (await unwrap(api().GET('/licence-types'))).items as LicenceType[]);

/** Every theme the published matters and bundles carry, the most used first (themes are free text in the catalogue). */
export const loadThemes = () =>
  once('themes', async () => {
    const [matters, bundles] = await Promise.all([
      unwrap(api().GET('/matters', { params: { query: { limit: 100 } } })),
      unwrap(api().GET('/bundles', { params: { query: { limit: 100 } } })),
    ]);
    const counts = new Map<string, number>();
    for (const entry of [...matters.items, ...bundles.items])
      for (const theme of entry.themes) counts.set(theme, (counts.get(theme) ?? 0) + 1);
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
      .map(([theme]) => theme);
  });

export const useDepartments = () => useApi(loadDepartments, []);
export const useLicenceTypes = () => useApi(loadLicenceTypes, []);
export const useThemes = () => useApi(loadThemes, []);
