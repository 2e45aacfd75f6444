import { APPOINTMENT_ROUTES } from '../../shared/contracts/appointments';
import type { Topology } from '../topology-model';

/** 统一预约: bookings, reminders and no-shows. */
export const appointments = {
  functions: {
    appointments: {
      entry: 'functions/appointments/appointments-api.ts',
      description:
        '统一预约: halls and free slots; book, reschedule, cancel; check-in at the hall; halls administration',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    appointmentReminders: {
      entry: 'functions/appointments/reminders.ts',
      description: 'Hourly: a reminder for each booking that starts within the reminder window, once',
      timeoutSeconds: 60,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    appointmentNoShows: {
      entry: 'functions/appointments/no-shows.ts',
      description: 'Hourly: bookings not checked in within the grace period are recorded as no-shows',
      timeoutSeconds: 60,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
  },

  routes: [...APPOINTMENT_ROUTES.map((route) => ({ route, function: 'appointments' }))],
} as const satisfies Pick<Topology, 'functions' | 'routes'>;
