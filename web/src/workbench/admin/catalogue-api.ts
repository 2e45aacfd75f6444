import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

/**
 * The catalogue administration calls for either kind: the path segment (`matters`, `bundles`) is the page's `:kind`,
 * so each call picks the typed route of its kind.
 */
export type KindSegment = 'matters' | 'bundles';
export type CatalogueVersion = components['schemas']['CatalogueVersion'];
export type CatalogueEntry = components['schemas']['CatalogueEntry'];
export type Action = 'submit' | 'return' | 'publish' | 'retire';

export const isKind = (value: string | undefined): value is KindSegment => value === 'matters' || value === 'bundles';

export const listEntries = (kind: KindSegment) =>
  unwrap(kind === 'matters' ? api().GET('/admin/matters') : api().GET('/admin/bundles'));

export const listVersions = (kind: KindSegment, code: string) =>
  unwrap(
    kind === 'matters'
      ? api().GET('/admin/matters/{code}/versions', { params: { path: { code } } })
      : api().GET('/admin/bundles/{code}/versions', { params: { path: { code } } }),
  );

export const getVersion = (kind: KindSegment, code: string, version: number) =>
  unwrap(
    kind === 'matters'
      ? api().GET('/admin/matters/{code}/versions/{version}', { params: { path: { code, version } } })
      : api().GET('/admin/bundles/{code}/versions/{version}', { params: { path: { code, version } } }),
  );

export const createDraft = (kind: KindSegment, code: string, content: Record<string, unknown>) =>
  unwrap(
    kind === 'matters'
      ? api().POST('/admin/matters', { body: { code, content } })
      : api().POST('/admin/bundles', { body: { code, content } }),
  );

export const saveDraft = (kind: KindSegment, code: string, version: number, content: Record<string, unknown>) =>
  unwrap(
    kind === 'matters'
      ? api().PUT('/admin/matters/{code}/versions/{version}', {
          params: { path: { code, version } },
          body: { content },
        })
      : api().PUT('/admin/bundles/{code}/versions/{version}', {
          params: { path: { code, version } },
          body: { content },
        }),
  );

export const transition = (kind: KindSegment, code: string, version: number, action: Action, note?: string) =>
  unwrap(
    kind === 'matters'
      ? api().POST('/admin/matters/{code}/versions/{version}/{action}', {
          params: { path: { code, version, action } },
          body: note ? { note } : {},
        })
      : api().POST('/admin/bundles/{code}/versions/{version}/{action}', {
          params: { path: { code, version, action } },
          body: note ? { note } : {},
        }),
  );

/** What each status allows (the API's TRANSITIONS): a draft is edited and submitted, a version in review returned or published. */
export const ACTIONS_BY_STATUS: Record<CatalogueVersion['status'], readonly Action[]> = {
  draft: ['submit'],
  in_review: ['return', 'publish'],
  published: [],
  retired: [],
};
