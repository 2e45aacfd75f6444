import { MESSAGING_ROUTES } from '../../shared/contracts/messaging';
import type { Topology } from '../topology-model';

/** 统一消息: notifications to people, the inbox and contact preferences. */
export const messaging = {
  functions: {
    notify: {
      entry: 'functions/messaging/notify.ts',
      description:
        '统一消息: events to the people they concern (inbox, SMS, e-mail), from templates, once per event and channel',
      timeoutSeconds: 30,
      uses: [{ table: 'main', access: 'readWrite' }, { messaging: 'sms' }, { messaging: 'email' }],
    },
    messaging: {
      entry: 'functions/messaging/messaging-api.ts',
      description: 'The inbox (list, mark read) and contact preferences; departments heads’ contacts',
      uses: [{ table: 'main', access: 'readWrite' }],
    },
  },

  routes: [...MESSAGING_ROUTES.map((route) => ({ route, function: 'messaging' }))],
} as const satisfies Pick<Topology, 'functions' | 'routes'>;
