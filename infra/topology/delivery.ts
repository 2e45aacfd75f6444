import { DELIVERY_ROUTES } from '../../shared/contracts/delivery';
import type { Topology } from '../topology-model';

/** 统一出件: results shipped by post or picked up at the window. */
export const delivery = {
  functions: {
    delivery: {
      entry: 'functions/delivery/delivery-api.ts',
      description:
        '统一出件: window pickup or post (with its address), the tracking, and the window’s pickup confirmation',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    deliverOnResult: {
      entry: 'functions/delivery/on-result.ts',
      description:
        'A result is ready (licence issued, or approval of a matter without licence): shipped or ready for pickup, ' +
        'once',
      timeoutSeconds: 30,
      uses: [{ table: 'main', access: 'readWrite' }, { external: 'courier' }],
    },
    trackShipments: {
      entry: 'functions/delivery/track-shipments.ts',
      description:
        'Every 30 minutes: the courier’s news of each open shipment (in transit, delivered, returned), applied once',
      timeoutSeconds: 120,
      uses: [{ table: 'main', access: 'readWrite' }, { external: 'courier' }],
    },
  },

  routes: [...DELIVERY_ROUTES.map((route) => ({ route, function: 'delivery' }))],
} as const satisfies Pick<Topology, 'functions' | 'routes'>;
