import type { Principal } from '../../auth/principal';
import { createDraft, putDepartment, putLicenceType, transition } from './commands';
import type { CatalogueDeps } from './ports';
import type { Department, LicenceType } from './model';

export interface CatalogueSeed {
  readonly departments: readonly Department[];
  readonly licenceTypes: readonly LicenceType[];
  readonly matters: readonly { readonly code: string; readonly content: unknown }[];
  readonly bundles: readonly { readonly code: string; readonly content: unknown }[];
}

const SEEDER: Principal = { sub: 'system:seed', role: 'admin' };

/**
 * Loads a catalogue through the same commands administrators use (draft → review → publish, audited), so seeded
 * entries pass the same publication checks. Entries that exist are left alone: running it twice changes nothing.
 */
export async function seedCatalogue(seed: CatalogueSeed, deps: CatalogueDeps): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const department of seed.departments) {
    if (!(await deps.store.getDepartment(department.code))) {
      await putDepartment(department, SEEDER, deps);
      created.push(`department:${department.code}`);
    }
  }
  for (const licenceType of seed.licenceTypes) {
    if (!(await deps.store.getLicenceType(licenceType.code))) {
      await putLicenceType(licenceType, SEEDER, deps);
      created.push(`licenceType:${licenceType.code}`);
    }
  }
  // Matters before bundles: a bundle is published only when its members are.
  for (const [kind, entries] of [
    ['matter', seed.matters],
    ['bundle', seed.bundles],
  ] as const) {
    for (const entry of entries) {
      if (await deps.store.head(kind, entry.code)) continue;
      const draft = await createDraft(kind, entry.code, entry.content, SEEDER, deps);
      await transition(kind, entry.code, draft.version, 'submit', SEEDER, deps);
      await transition(kind, entry.code, draft.version, 'publish', SEEDER, deps);
      created.push(`${kind}:${entry.code}`);
    }
  }
  return { created };
}
