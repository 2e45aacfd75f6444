import { PUBLIC_CATALOGUE_ROUTES } from '../../shared/contracts/catalogue';
import { ADMIN_CATALOGUE_ROUTES } from '../../shared/contracts/catalogue-admin';
import { CATALOGUE_READ_SCOPE } from '../../shared/db/table';
import type { Topology } from '../topology-model';

/** The catalogue: public reading and its administration. */
export const catalogue = {
  functions: {
    catalogue: {
      entry: 'functions/catalogue/catalogue-api.ts',
      description: 'The public catalogue: search, guides, departments, licence types, calendars',
      memoryMb: 512,
      // The catalogue's keys only: no case, task or person is readable from here.
      uses: [{ table: 'main', access: 'read', scope: CATALOGUE_READ_SCOPE }],
    },
    catalogueAdmin: {
      entry: 'functions/catalogue/catalogue-admin-api.ts',
      description: 'Catalogue administration: drafts, review, publication, departments, licence types, calendars',
      memoryMb: 512,
      // The compression rule is checked when a matter is published.
      uses: [{ table: 'main', access: 'readWrite' }, { setting: 'compressionRule' }],
    },
  },

  routes: [
    ...PUBLIC_CATALOGUE_ROUTES.map((route) => ({ route, function: 'catalogue' })),
    ...ADMIN_CATALOGUE_ROUTES.map((route) => ({ route, function: 'catalogueAdmin' })),
  ],
} as const satisfies Pick<Topology, 'functions' | 'routes'>;
