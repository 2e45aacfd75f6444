import { ENGAGEMENT_ROUTES } from '../../shared/contracts/engagement';
import { SUPERVISION_ROUTES } from '../../shared/contracts/supervision';
import type { Topology } from '../topology-model';

/** 电子监察 and 好差评: deadline watches, warnings, ratings and complaints. */
export const supervision = {
  functions: {
    engagement: {
      entry: 'functions/supervision/engagement-api.ts',
      description:
        '好差评 and complaints: ratings of completed cases, rectifications of bad ones, complaints and their answers',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    supervisionTrack: {
      entry: 'functions/supervision/track.ts',
      description:
        '电子监察: a watch on every deadline (tasks, cases, rectifications, complaints), its level and notices',
      timeoutSeconds: 30,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    supervisionSweep: {
      entry: 'functions/supervision/sweep.ts',
      description:
        'Hourly: deadlines that turned yellow or red since the last sweep, read by date through the index; warns ' +
        'while next year’s holiday notice is missing (from 1 November)',
      timeoutSeconds: 120,
      uses: [{ table: 'main', access: 'readWrite' }],
      logAlarms: [
        {
          name: 'HolidayNoticeMissing',
          message: 'holiday notice missing',
          description:
            'From 1 November, next year’s State Council holiday notice is not loaded: an administrator loads it (PUT ' +
            '/admin/calendars/{year}, or the workbench’s calendar page); until then deadlines reaching it are ' +
            'provisional',
        },
      ],
    },
    supervisionApi: {
      entry: 'functions/supervision/supervision-api.ts',
      description:
        'Warnings and overdue lists per department and region, the deadlines of a date; efficiency per department',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'read' }],
    },
  },

  routes: [
    ...ENGAGEMENT_ROUTES.map((route) => ({ route, function: 'engagement' })),
    ...SUPERVISION_ROUTES.map((route) => ({ route, function: 'supervisionApi' })),
  ],
} as const satisfies Pick<Topology, 'functions' | 'routes'>;
