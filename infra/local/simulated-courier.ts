import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CourierStatus } from '../../shared/domain/delivery/model';

/**
 * A courier (快递公司), simulated for the local cloud and the tests, over HTTP as a real one's open API would be:
 *   POST /shipments        {reference, address} → 201 {trackingNo} (`SF` + 12 digits); the same reference
 *                          answers the same tracking number (200), so a retried dispatch ships one parcel
 *   GET  /shipments/{no}   {trackingNo, status, at, events}: PICKED_UP at creation, IN_TRANSIT 2 hours later,
 *                          DELIVERED a day later, all on the given clock; `advance` forces a status earlier (or RETURNED)
 * It keeps no address: only the reference, the creation time and what a test forced.
 */

const HOUR = 3_600_000;
const SCHEDULE: readonly { status: CourierStatus; afterMs: number }[] = [
  { status: 'PICKED_UP', afterMs: 0 },
  { status: 'IN_TRANSIT', afterMs: 2 * HOUR },
  { status: 'DELIVERED', afterMs: 24 * HOUR },
];
const RANK: Record<CourierStatus, number> = { PICKED_UP: 0, IN_TRANSIT: 1, DELIVERED: 2, RETURNED: 2 };

interface Shipment {
  readonly trackingNo: string;
  readonly reference: string;
  readonly createdAt: number;
  readonly forced: { status: CourierStatus; at: number }[];
}

export interface SimulatedCourier {
  readonly url: string;
  /** Shipments created so far (tracking numbers). */
  readonly shipments: () => string[];
  /** Forces a status now (e.g. DELIVERED before its day, or RETURNED). */
  advance(trackingNo: string, status: CourierStatus): void;
  stop(): Promise<void>;
}

/** The statuses a shipment has reached by `now`, oldest first; none after a final one. */
function eventsOf(shipment: Shipment, now: number): { status: CourierStatus; at: number }[] {
  const all = [...SCHEDULE.map((s) => ({ status: s.status, at: shipment.createdAt + s.afterMs })), ...shipment.forced]
    .filter((e) => e.at <= now)
    .sort((a, b) => a.at - b.at);
  const events: { status: CourierStatus; at: number }[] = [];
  for (const e of all) {
    const last = events.at(-1);
    if (last && RANK[e.status] <= RANK[last.status]) continue;
    events.push(e);
    if (RANK[e.status] === 2) break;
  }
  return events;
}

export async function startSimulatedCourier(options: {
  now: () => Date;
  log?: (line: string) => void;
  port?: number;
  host?: string;
}): Promise<SimulatedCourier> {
  const byNumber = new Map<string, Shipment>();
  const byReference = new Map<string, Shipment>();
  const now = () => options.now().getTime();

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const readJson = async (req: IncomingMessage): Promise<unknown> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return undefined;
    }
  };
  const newNumber = () => {
    for (;;) {
      const no = `SF${String(randomInt(1e6)).padStart(6, '0')}${String(randomInt(1e6)).padStart(6, '0')}`;
      if (!byNumber.has(no)) return no;
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (req.method === 'POST' && path === '/shipments') {
        const body = (await readJson(req)) as { reference?: unknown; address?: Record<string, unknown> } | undefined;
        const address = body?.address;
        if (
          typeof body?.reference !== 'string' ||
          !body.reference ||
          !address ||
          typeof address.street !== 'string' ||
          typeof address.recipient !== 'string'
        ) {
          return send(res, 400, { error: 'reference and address (recipient, street) are required' });
        }
        const existing = byReference.get(body.reference);
        if (existing) return send(res, 200, { trackingNo: existing.trackingNo });
        const shipment: Shipment = { trackingNo: newNumber(), reference: body.reference, createdAt: now(), forced: [] };
        byNumber.set(shipment.trackingNo, shipment);
        byReference.set(shipment.reference, shipment);
        options.log?.(`courier: shipment ${shipment.trackingNo} picked up`);
        return send(res, 201, { trackingNo: shipment.trackingNo });
      }
      const match = /^\/shipments\/([A-Za-z0-9]+)$/.exec(path);
      if (req.method === 'GET' && match) {
        const shipment = byNumber.get(match[1]!);
        if (!shipment) return send(res, 404, { error: 'no such shipment' });
        const events = eventsOf(shipment, now()).map((e) => ({ status: e.status, at: new Date(e.at).toISOString() }));
        const last = events.at(-1)!;
        return send(res, 200, { trackingNo: shipment.trackingNo, status: last.status, at: last.at, events });
      }
      send(res, 404, { error: `no route ${req.method} ${path}` });
    })().catch(() => send(res, 500, { error: 'internal error' }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    shipments: () => [...byNumber.keys()],
    advance(trackingNo, status) {
      const shipment = byNumber.get(trackingNo);
      if (!shipment) throw new Error(`No shipment ${trackingNo}`);
      shipment.forced.push({ status, at: now() });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
