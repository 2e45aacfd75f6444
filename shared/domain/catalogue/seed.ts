import type { Principal } from '../../auth/principal';
import { createDraft, putDepartment, putLicenceType, transition } from './commands';
import { mapWithConcurrency } from '../concurrency';
import type { CatalogueDeps } from './ports';
import type { Department, LicenceType } from './model';

export interface CatalogueSeed {
  readonly departments: readonly Department[];
  readonly licenceTypes: readonly LicenceType[];
  readonly matters: readonly { readonly code: string; readonly content: unknown }[];
  readonly bundles: readonly { readonly code: string; readonly content: unknown }[];
}

const SEEDER: Principal = { sub: 'system:seed', role: 'admin' };
/** Existence checks in flight at once, for each kind. */
const SEED_READS_AT_ONCE = 8;

/**
 * Loads a catalogue through the same commands administrators use (draft → review → publish, audited), so seeded
 * entries pass the same publication checks. Entries that exist are left alone: running it twice changes nothing.
 */
export async function seedCatalogue(seed: CatalogueSeed, deps: CatalogueDeps): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const [what, codes] of [
    ['departments', seed.departments.map((d) => d.code)],
    ['licence types', seed.licenceTypes.map((l) => l.code)],
    ['matters', seed.matters.map((m) => m.code)],
    ['bundles', seed.bundles.map((b) => b.code)],
  ] as const) {
    const twice = codes.filter((code, i) => codes.indexOf(code) !== i);
    if (twice.length > 0) throw new Error(`The seed lists ${what} twice: ${[...new Set(twice)].join(', ')}`);
  }
  // What is there already is asked side by side (a few at a time); the writes go one by one, as each moves the
  // catalogue's revision.
  const exists = <T>(items: readonly T[], read: (item: T) => Promise<unknown>) =>
    mapWithConcurrency(items, SEED_READS_AT_ONCE, read);
  const [departments, licenceTypes, matters, bundles] = await Promise.all([
    exists(seed.departments, (d) => deps.store.getDepartment(d.code)),
    exists(seed.licenceTypes, (l) => deps.store.getLicenceType(l.code)),
    exists(seed.matters, (m) => deps.store.head('matter', m.code)),
    exists(seed.bundles, (b) => deps.store.head('bundle', b.code)),
  ]);
  for (const [i, department] of seed.departments.entries()) {
    if (departments[i]) continue;
    await putDepartment(department, SEEDER, deps);
    created.push(`department:${department.code}`);
  }
  for (const [i, licenceType] of seed.licenceTypes.entries()) {
    if (licenceTypes[i]) continue;
    await putLicenceType(licenceType, SEEDER, deps);
    created.push(`licenceType:${licenceType.code}`);
  }
  // Matters before bundles: a bundle is published only when its members are.
  for (const [kind, entries, heads] of [
    ['matter', seed.matters, matters],
    ['bundle', seed.bundles, bundles],
  ] as const) {
    for (const [i, entry] of entries.entries()) {
      if (heads[i]) continue;
      const draft = await createDraft(kind, entry.code, entry.content, SEEDER, deps);
      await transition(kind, entry.code, draft.version, 'submit', SEEDER, deps);
      await transition(kind, entry.code, draft.version, 'publish', SEEDER, deps);
      created.push(`${kind}:${entry.code}`);
    }
  }
  return { created };
}
