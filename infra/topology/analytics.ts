import { STATS_ROUTES } from '../../shared/contracts/stats';
import type { Topology } from '../topology-model';

/** Analytics: indicators counted per event, statistics. (The event archive needs no function: topology/storage.ts.) */
export const analytics = {
  functions: {
    analyticsRecord: {
      entry: 'functions/analytics/record.ts',
      description:
        'Counts every event into the indicators (day × matter × department × region × channel), once per event',
      timeoutSeconds: 30,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    stats: {
      entry: 'functions/analytics/stats-api.ts',
      description:
        'Statistics: the indicators over a date range, grouped by day, matter, department, region or channel',
      memoryMb: 512,
      timeoutSeconds: 30,
      // The 时限压缩 report measures matters against the same compression rule.
      uses: [{ table: 'main', access: 'read' }, { setting: 'compressionRule' }],
    },
  },

  routes: [...STATS_ROUTES.map((route) => ({ route, function: 'stats' }))],
} as const satisfies Pick<Topology, 'functions' | 'routes'>;
