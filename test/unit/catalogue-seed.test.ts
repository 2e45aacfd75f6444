import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import type { CatalogueStore } from '../../shared/domain/catalogue/ports';
import { seedCatalogue } from '../../shared/domain/catalogue/seed';

describe('seeding a catalogue', () => {
  it('refuses a seed that lists a code twice, naming it, before writing anything', async () => {
    const writes: string[] = [];
    const store = new Proxy({} as CatalogueStore, {
      get: (_, name: string) => async () => {
        if (name.startsWith('put') || name.startsWith('create') || name.startsWith('save')) writes.push(name);
        return undefined;
      },
    });
    const seed = {
      ...DEMO_CATALOGUE,
      matters: [...DEMO_CATALOGUE.matters, DEMO_CATALOGUE.matters[1]!],
      bundles: [],
    };
    await expect(seedCatalogue(seed, { store, now: () => new Date() })).rejects.toThrow(
      `The seed lists matters twice: ${DEMO_CATALOGUE.matters[1]!.code}`,
    );
    expect(writes).toEqual([]);
  });
});
