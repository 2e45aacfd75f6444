import { ValidationError } from '../errors';
import type { BundleContent, CatalogueVersion, MatterContent } from './model';

/** What a search result shows of a published matter or bundle. */
export interface EntrySummary {
  readonly kind: 'matter' | 'bundle';
  readonly code: string;
  readonly version: number;
  readonly name: string;
  readonly department: string;
  readonly departmentName?: string;
  readonly regionCode: string;
  readonly audience: string[];
  readonly themes: string[];
  readonly synonyms: string[];
  readonly type?: string;
  readonly promisedLimitDays?: number;
  readonly legalLimitDays?: number;
  readonly fullyOnline?: boolean;
  readonly immediate?: boolean;
  readonly members?: string[];
}

export interface CatalogueQuery {
  readonly q?: string;
  readonly department?: string;
  /** A region code or its prefix: 3501 finds 350100 and 350102. */
  readonly region?: string;
  readonly theme?: string;
  readonly audience?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export function summarise(version: CatalogueVersion, departmentNames: ReadonlyMap<string, string>): EntrySummary {
  if (version.kind === 'matter') {
    const m = version.content as MatterContent;
    return {
      kind: 'matter',
      code: version.code,
      version: version.version,
      name: m.name,
      department: m.department,
      departmentName: departmentNames.get(m.department),
      regionCode: m.regionCode,
      audience: m.audience,
      themes: m.themes,
      synonyms: m.synonyms,
      type: m.type,
      promisedLimitDays: m.promisedLimitDays,
      legalLimitDays: m.legalLimitDays,
      fullyOnline: m.flags.fullyOnline,
      immediate: m.flags.immediate,
    };
  }
  const b = version.content as BundleContent;
  return {
    kind: 'bundle',
    code: version.code,
    version: version.version,
    name: b.name,
    department: b.department,
    departmentName: departmentNames.get(b.department),
    regionCode: b.regionCode,
    audience: b.audience,
    themes: b.themes,
    synonyms: b.synonyms,
    members: b.members.map((m) => m.matterCode),
  };
}

/**
 * Searches published entries. Every term of `q` must appear in the name, a synonym, a theme, the code or the
 * department's name; names weigh most. The catalogue of a city is a few thousand entries, read once per container
 * and cached, so matching in memory beats a second index that would have to be kept in step.
 */
export function searchCatalogue(
  entries: readonly EntrySummary[],
  query: CatalogueQuery,
): { items: EntrySummary[]; total: number; nextCursor?: string } {
  const terms = (query.q ?? '')
    .toLowerCase()
    .split(/[\s,，、]+/)
    .filter(Boolean);
  const scored: { entry: EntrySummary; score: number }[] = [];
  for (const entry of entries) {
    if (query.department && entry.department !== query.department) continue;
    if (query.region && !entry.regionCode.startsWith(query.region)) continue;
    if (query.theme && !entry.themes.includes(query.theme)) continue;
    if (query.audience && !entry.audience.includes(query.audience)) continue;
    let score = 0;
    let all = true;
    for (const term of terms) {
      const inName = entry.name.toLowerCase().includes(term) ? 4 : 0;
      const inSynonyms = entry.synonyms.some((s) => s.toLowerCase().includes(term)) ? 2 : 0;
      const elsewhere = [entry.code, entry.departmentName ?? '', ...entry.themes].some((s) =>
        s.toLowerCase().includes(term),
      )
        ? 1
        : 0;
      const best = Math.max(inName, inSynonyms, elsewhere);
      if (best === 0) all = false;
      score += best;
    }
    if (all) scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score || a.entry.code.localeCompare(b.entry.code));
  const offset = query.cursor ? decodeCursor(query.cursor) : 0;
  const page = scored.slice(offset, offset + query.limit).map((s) => s.entry);
  const next = offset + query.limit < scored.length ? encodeCursor(offset + query.limit) : undefined;
  return { items: page, total: scored.length, ...(next ? { nextCursor: next } : {}) };
}

const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
function decodeCursor(cursor: string): number {
  let offset: unknown;
  try {
    offset = (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { o?: unknown }).o;
  } catch {
    offset = undefined;
  }
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
    throw new ValidationError('The cursor is not one this API gave out', [
      { path: 'query.cursor', rule: 'cursor', message: 'use the nextCursor of the previous page' },
    ]);
  }
  return offset;
}
