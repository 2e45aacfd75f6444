import * as z from 'zod';
import { COURIER_STATUSES, type CourierTracking } from '../domain/delivery/model';
import type { Courier } from '../domain/delivery/ports';
import type { PostalAddress } from '../domain/applications/model';

export type { Courier, CourierTracking };

/**
 * Courier adapters (the delivery context's port to 邮政 EMS, 顺丰 and the like), chosen by COURIER:
 *   `simulated:<baseUrl>`  the simulated courier of the local cloud (infra/local/simulated-courier.ts), over HTTP
 *   `none`                 no courier: post cannot be chosen, and nothing is ever shipped
 * A real courier's adapter implements the same two calls against its open API.
 */

const trackingSchema = z.object({
  trackingNo: z.string().min(1),
  status: z.enum(COURIER_STATUSES),
  at: z.string().datetime({ offset: true }),
  events: z.array(z.object({ status: z.enum(COURIER_STATUSES), at: z.string().datetime({ offset: true }) })),
});

/** A courier call that failed; its message names the call and the status, never the address. */
export class CourierError extends Error {
  override readonly name = 'CourierError';
}

const TIMEOUT_MS = 10_000;

export function httpCourier(name: string, baseUrl: string, fetchImpl: typeof fetch = fetch): Courier {
  const base = baseUrl.replace(/\/+$/, '');
  const request = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new CourierError(`${method} ${path.split('/')[1]}: ${(error as Error).name}`);
    }
    if (!response.ok) throw new CourierError(`${method} ${path.split('/')[1]}: HTTP ${response.status}`);
    return response.json();
  };
  return {
    name,
    available: true,
    async createShipment(address: PostalAddress, reference: string) {
      const answer = z
        .object({ trackingNo: z.string().min(1) })
        .safeParse(await request('POST', '/shipments', { reference, address }));
      if (!answer.success) throw new CourierError('POST shipments: an answer without a tracking number');
      return { trackingNo: answer.data.trackingNo };
    },
    async track(trackingNo: string) {
      const answer = trackingSchema.safeParse(await request('GET', `/shipments/${encodeURIComponent(trackingNo)}`));
      if (!answer.success) throw new CourierError('GET shipments: an answer that is not a tracking status');
      const { status, at, events } = answer.data;
      return { status, at, events };
    },
  };
}

const refuse = () => Promise.reject(new CourierError('No courier is configured (COURIER=none)'));
export const noCourier: Courier = { name: 'none', available: false, createShipment: refuse, track: refuse };

/** The adapter COURIER names; an unknown value stops the function at its cold start. */
export function courierFrom(setting: string): Courier {
  if (setting === 'none') return noCourier;
  const simulated = /^simulated:(https?:\/\/.+)$/.exec(setting);
  if (simulated) return httpCourier('simulated', simulated[1]!);
  throw new Error(
    `Invalid environment: COURIER must be 'none' or 'simulated:<baseUrl>', not ${JSON.stringify(setting)}`,
  );
}
