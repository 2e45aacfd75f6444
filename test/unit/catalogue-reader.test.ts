import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import type { CatalogueVersion, EntryKind } from '../../shared/domain/catalogue/model';
import type { CatalogueStore } from '../../shared/domain/catalogue/ports';
import { catalogueReader } from '../../shared/domain/catalogue/queries';

/**
 * The catalogue reader keeps its reference data (departments, licence types, calendars) apart from the published
 * matters and bundles: a function asking for the calendar or a department never reads the entries, and each part is
 * read again only when the catalogue's revision moves.
 */
function countingStore() {
  const calls: Record<string, number> = {};
  let revision = 1;
  const count = (name: string) => {
    calls[name] = (calls[name] ?? 0) + 1;
  };
  const published = (kind: EntryKind): CatalogueVersion[] =>
    (kind === 'matter' ? DEMO_CATALOGUE.matters : DEMO_CATALOGUE.bundles).map((entry) => ({
      kind,
      code: entry.code,
      version: 1,
      status: 'published',
      content: entry.content as Record<string, unknown>,
      createdAt: '2026-01-05T00:00:00.000Z',
      createdBy: 'seed',
      updatedAt: '2026-01-05T00:00:00.000Z',
      publishedAt: '2026-01-05T00:00:00.000Z',
    }));
  const store = {
    async revision() {
      count('revision');
      return revision;
    },
    async listPublished(kind: EntryKind) {
      count(`listPublished:${kind}`);
      return published(kind);
    },
    async listDepartments() {
      count('listDepartments');
      return DEMO_CATALOGUE.departments;
    },
    async listLicenceTypes() {
      count('listLicenceTypes');
      return DEMO_CATALOGUE.licenceTypes;
    },
    async listCalendars() {
      count('listCalendars');
      return [];
    },
    async getVersion(kind: EntryKind, code: string, version: number) {
      count('getVersion');
      const found = published(kind).find((v) => v.code === code);
      if (!found) return undefined;
      // Version 1 is published, 2 retired, 3 a draft (what the fake keeps of an entry's history).
      const status = ({ 1: 'published', 2: 'retired', 3: 'draft' } as const)[version as 1 | 2 | 3];
      return status ? { ...found, version, status } : undefined;
    },
  } as unknown as CatalogueStore;
  return { store, calls, publish: () => void revision++ };
}

describe('the catalogue reader', () => {
  it('answers the calendar and the departments without reading a published matter or bundle', async () => {
    const { store, calls } = countingStore();
    const reader = catalogueReader(store, () => new Date('2026-03-02T00:00:00Z'));
    expect((await reader.addWorkingDays('2026-03-02', 5)).due).toBe('2026-03-09');
    expect((await reader.departments()).map((d) => d.code)).toContain('SAMR');
    expect(await reader.licenceTypes()).toHaveLength(DEMO_CATALOGUE.licenceTypes.length);
    expect(calls['listPublished:matter']).toBeUndefined();
    expect(calls['listPublished:bundle']).toBeUndefined();
    // Read once for the three questions: the revision has not moved.
    expect(calls).toMatchObject({ revision: 3, listDepartments: 1, listLicenceTypes: 1, listCalendars: 1 });
  });

  it('reads the published entries for a matter, once per revision, and everything again after a publication', async () => {
    const { store, calls, publish } = countingStore();
    const reader = catalogueReader(store);
    const code = DEMO_CATALOGUE.matters[0]!.code;
    // A matter and the calendar asked at once, as a command does: one revision read, each part read once.
    await Promise.all([reader.matter(code), reader.workingDays(), reader.matter(code)]);
    expect(calls).toMatchObject({ revision: 1, 'listPublished:matter': 1, listDepartments: 1 });
    expect((await reader.search('matter', { limit: 100 })).total).toBe(DEMO_CATALOGUE.matters.length);
    expect(calls['listPublished:matter']).toBe(1);
    publish();
    await reader.workingDays();
    expect(calls).toMatchObject({ 'listPublished:matter': 1, listDepartments: 2 });
    await reader.matter(code);
    expect(calls).toMatchObject({ 'listPublished:matter': 2, listDepartments: 2 });
  });

  it('reads a part again after a failed read instead of keeping the failure', async () => {
    const { store, calls } = countingStore();
    let failing = true;
    const listDepartments = store.listDepartments.bind(store);
    store.listDepartments = async () => {
      if (failing) {
        failing = false;
        throw new Error('throttled');
      }
      return listDepartments();
    };
    const reader = catalogueReader(store);
    await expect(reader.departments()).rejects.toThrow('throttled');
    expect((await reader.departments()).length).toBe(DEMO_CATALOGUE.departments.length);
    expect(calls.listCalendars).toBe(2);
  });

  it('reads a case’s pinned version alone, not the published catalogue, and refuses a draft', async () => {
    const { store, calls } = countingStore();
    const reader = catalogueReader(store);
    const code = DEMO_CATALOGUE.matters[0]!.code;
    expect((await reader.matter(code, 1)).version).toBe(1);
    expect((await reader.matter(code, 2)).version).toBe(2);
    await expect(reader.matter(code, 3)).rejects.toThrow(`No published version 3 of matter ${code}`);
    expect(calls['listPublished:matter']).toBeUndefined();
    expect(calls.getVersion).toBe(3);
    // A public version read once is kept (its content never changes); a draft is asked again, it may be published.
    await Promise.all([reader.matter(code, 1), reader.matter(code, 2)]);
    await expect(reader.matter(code, 3)).rejects.toThrow('No published version 3');
    expect(calls.getVersion).toBe(4);
    expect(calls.revision).toBeUndefined();
  });
});
