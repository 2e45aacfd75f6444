import type { components } from '../../api/schema';
import { applicantNameOf, type EntryInfo, entryInfo } from '../../pages/cases/catalogue';

type CaseView = components['schemas']['Case'];

/** The key of a case's pinned catalogue entry: matters and bundles may share codes' shapes, versions differ. */
const entryKey = (c: Pick<CaseView, 'kind' | 'matterCode' | 'matterVersion'>) =>
  `${c.kind === 'bundle' ? 'bundle' : 'matter'}:${c.matterCode}@${c.matterVersion}`;

/**
 * The words for many cases' codes with one request per distinct matter (or bundle) version, whatever the number of
 * cases: 500 cases of 3 matters ask 3 times (entryInfo caches each guide for the page's life).
 */
export async function entryInfos(cases: readonly CaseView[]): Promise<ReadonlyMap<string, EntryInfo>> {
  const distinct = new Map<string, CaseView>();
  for (const c of cases) if (!distinct.has(entryKey(c))) distinct.set(entryKey(c), c);
  const pairs = await Promise.all(
    [...distinct].map(
      async ([key, c]) =>
        [key, await entryInfo(c.kind === 'bundle' ? 'bundle' : 'matter', c.matterCode, c.matterVersion)] as const,
    ),
  );
  return new Map(pairs.filter((p): p is readonly [string, EntryInfo] => p[1] !== undefined));
}

export const infoOf = (infos: ReadonlyMap<string, EntryInfo>, c: CaseView): EntryInfo | undefined =>
  infos.get(entryKey(c));

/** The applicant's name: as identified at the window, or the form's field the profile name fills. */
export const applicantOf = (c: CaseView, info: EntryInfo | undefined): string | undefined =>
  c.applicant.name ?? applicantNameOf(c, info);
