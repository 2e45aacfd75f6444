import { MAIN_TABLE } from '../../shared/db/table';
import type { Topology } from '../topology-model';

/** Where the platform keeps data: its one table and its buckets. */
export const storage = {
  tables: {
    main: { design: MAIN_TABLE },
  },

  buckets: {
    attachments: {
      purpose: 'Application materials uploaded by applicants',
      versioned: false,
      abandonedPrefix: 'pending/',
      abandonedAfterDays: 2,
      browserUploads: true,
    },
    licences: { purpose: 'Signed e-licence documents', versioned: true },
    exchange: { purpose: 'Exchange folders (前置机) of departments without a live endpoint', versioned: false },
    analytics: {
      purpose: 'Every platform event as JSON Lines by date (events/dt=…/), for Athena and upward reporting',
      versioned: false,
    },
  },
} as const satisfies Pick<Topology, 'tables' | 'buckets'>;
