import { ALL_EVENT_CONTRACTS, patternFor } from '../../shared/contracts/all-events';
import { ARCHIVE_DELIVERY, ARCHIVE_RECORD } from '../../shared/adapters/s3-event-archive';
import { MAIN_TABLE } from '../../shared/db/table';
import type { Topology } from '../topology-model';

/** Where the platform keeps data: its one table, its buckets, and the stream that archives every event. */
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
      purpose: 'Every platform event as gzipped JSON Lines by date (events/dt=…/), for Athena and upward reporting',
      versioned: false,
    },
  },

  deliveryStreams: {
    eventArchive: {
      description: 'Every platform event, batched into gzipped JSON Lines by date for Athena (no function per event)',
      rule: {
        name: 'archive-events',
        description: 'Analytics: every event archived as a JSON line under its date',
        pattern: patternFor(ALL_EVENT_CONTRACTS),
        record: ARCHIVE_RECORD,
      },
      bucket: 'analytics',
      ...ARCHIVE_DELIVERY,
      // The largest batches Firehose allows: fewest objects (PUTs) and the best gzip; an event is in Athena within
      // 15 minutes (the indicators do not wait for it: they are counted per event by analyticsRecord).
      bufferMiB: 128,
      bufferSeconds: 900,
    },
  },
} as const satisfies Pick<Topology, 'tables' | 'buckets' | 'deliveryStreams'>;
