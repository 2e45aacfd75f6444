import { INTEGRATION_ROUTES } from '../../shared/contracts/integration';
import { OUTBOX_STREAM_FILTER } from '../../shared/adapters/outbox';
import { OUTBOX_WRITE_SCOPE } from '../../shared/db/table';
import type { Topology } from '../topology-model';

/** Integration: the outbox relay to the bus, and departments’ systems (webhooks, exchange folders, callbacks). */
export const integration = {
  functions: {
    outboxRelay: {
      entry: 'functions/integration/outbox-relay.ts',
      description:
        'Puts the events that commands wrote to the outbox onto the bus (at least once), in requests of at most 256 ' +
        'KB',
      // The table: receipts for what it published (UpdateItem under OUTBOX# only).
      uses: [{ bus: 'publish' }, { table: 'main', access: 'readWrite', scope: OUTBOX_WRITE_SCOPE }],
      logAlarms: [
        {
          name: 'EventRefused',
          message: 'event refused',
          description:
            'The bus refused an outbox event for good (too large or malformed); the reconciler reports it until it ' +
            'is fixed',
        },
      ],
    },
    integrationApi: {
      entry: 'functions/integration/integration-api.ts',
      description: 'Departments’ signed callbacks, the delivery log and redelivery; integration settings',
      memoryMb: 512,
      // Longer than a webhook's timeout (≤ 30 s) when an operator redelivers one.
      timeoutSeconds: 30,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'readWrite' },
        { bucket: 'attachments', access: 'read' },
        // Lists the exchange folder's waiting and failed files for department staff; never writes there.
        { bucket: 'exchange', access: 'read' },
      ],
      logAlarms: [
        {
          name: 'DeliveryDead',
          message: 'delivery dead',
          description: 'A redelivered webhook failed again',
        },
      ],
    },
    dispatchIntegration: {
      entry: 'functions/integration/dispatch.ts',
      description: 'A task opened → its department’s system: a signed webhook or a file in its exchange folder',
      memoryMb: 512,
      timeoutSeconds: 60,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'read' },
        { bucket: 'attachments', access: 'read' },
        { bucket: 'exchange', access: 'write' },
      ],
      logAlarms: [
        {
          name: 'DeliveryDead',
          message: 'delivery dead',
          description: 'A webhook delivery failed for good',
        },
      ],
    },
    retryDeliveries: {
      entry: 'functions/integration/retry-webhook-deliveries.ts',
      description: 'Every minute: webhook deliveries whose next attempt is due (backoff with jitter, ≥ 24 h)',
      timeoutSeconds: 120,
      uses: [
        { table: 'main', access: 'readWrite' },
        { secrets: 'platform', access: 'read' },
        { bucket: 'attachments', access: 'read' },
      ],
      logAlarms: [
        {
          name: 'DeliveryDead',
          message: 'delivery dead',
          description: 'A webhook delivery failed for good: list and redeliver it',
        },
      ],
    },
    exchangeInbox: {
      entry: 'functions/integration/exchange-inbox.ts',
      description: 'Every minute: signed decision files in the exchange folders, decided once and moved',
      timeoutSeconds: 60,
      uses: [
        { table: 'main', access: 'readWrite' },
        { bucket: 'exchange', access: 'readWrite' },
        // Checks each file's signature with its department's secret.
        { secrets: 'platform', access: 'read' },
      ],
    },
  },

  routes: [...INTEGRATION_ROUTES.map((route) => ({ route, function: 'integrationApi' }))],

  streams: [
    {
      name: 'outbox',
      description: 'New outbox items, in commit order, to the bus',
      table: 'main',
      function: 'outboxRelay',
      filter: OUTBOX_STREAM_FILTER,
      batchSize: 10,
    },
  ],
} as const satisfies Pick<Topology, 'functions' | 'routes' | 'streams'>;
