import { NotFoundError } from '../errors';
import type { EntryKind } from './model';
import type { CatalogueDeps } from './ports';

/**
 * The catalogue as its administrators read it: every entry with its latest and published versions, an entry's
 * versions, one version, the audit log. (The public reads only what is published: queries.ts.)
 */

/** Every entry of a kind, drafts included, by code: its name, latest version and status, published version. */
export async function entrySummaries(kind: EntryKind, deps: Pick<CatalogueDeps, 'store'>) {
  const entries = await deps.store.listEntries(kind);
  return {
    items: entries.map((e) => ({
      kind,
      code: e.code,
      ...(typeof e.latest.content.name === 'string' ? { name: e.latest.content.name } : {}),
      latestVersion: e.latestVersion,
      latestStatus: e.latest.status,
      ...(e.publishedVersion !== undefined ? { publishedVersion: e.publishedVersion } : {}),
      updatedAt: e.latest.updatedAt,
    })),
  };
}

export async function entryVersions(kind: EntryKind, code: string, deps: Pick<CatalogueDeps, 'store'>) {
  const items = await deps.store.listVersions(kind, code);
  if (items.length === 0) throw new NotFoundError(`No ${kind} ${code}`);
  return { items };
}

export async function entryVersion(kind: EntryKind, code: string, version: number, deps: Pick<CatalogueDeps, 'store'>) {
  const found = await deps.store.getVersion(kind, code, version);
  if (!found) throw new NotFoundError(`${kind} ${code} has no version ${version}`);
  return found;
}

export function auditLog(
  query: { entity?: string; limit: number; cursor?: string },
  deps: Pick<CatalogueDeps, 'store'>,
) {
  return deps.store.listAudit(query.entity, query.limit, query.cursor);
}
