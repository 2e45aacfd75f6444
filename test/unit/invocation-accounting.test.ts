import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountInvocations, type InvocationAccount } from '../../infra/local/functions';

/** A stand-in for DynamoDB Local: answers after `delayMs`. */
let server: Server;
let endpoint: string;
// Delays and noise are large against the 30 ms of CPU, so that a busy machine stretching every
// slice several times over cannot blur what counting a timer, a call or the other invocation would add.
const delayMs = 200;
beforeAll(async () => {
  server = createServer((_, res) => setTimeout(() => res.end('{}'), delayMs));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://${endpoint}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const call = () =>
  new Promise<void>((resolve) =>
    get({ host: '127.0.0.1', port: Number(endpoint.split(':')[1]), headers: { host: endpoint } }, (res) => {
      res.resume();
      res.on('end', resolve);
    }),
  );
const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('each invocation’s own CPU and awaited I/O', () => {
  it('counts the slices run for the invocation as its CPU, and its parallel calls once', async () => {
    const accounting = accountInvocations();
    const mine: InvocationAccount = { cpuMs: 0, calls: [] };
    const other: InvocationAccount = { cpuMs: 0, calls: [] };
    // Another invocation burns CPU at the same time: none of it may land on `mine`.
    const noise = accounting.run(other, async () => {
      for (let i = 0; i < 5; i++) {
        spin(40);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    await accounting.run(mine, async () => {
      spin(15); // the first synchronous stretch
      await Promise.all([call(), call()]);
      await new Promise((r) => setTimeout(r, 200)); // a timer: neither CPU nor I/O
      spin(15);
    });
    await noise;
    expect(mine.cpuMs).toBeGreaterThanOrEqual(29);
    // Counting the timer (200), the calls (200) or the other's spins (200) would pass 230.
    expect(mine.cpuMs).toBeLessThan(150);
    expect(other.cpuMs).toBeGreaterThanOrEqual(199);
    expect(mine.calls.map((c) => c.service)).toEqual(['dynamodb', 'dynamodb']);
    for (const c of mine.calls) expect(c.end - c.start).toBeGreaterThanOrEqual(delayMs - 1);
    expect(other.calls).toEqual([]);
    // Every slice timed, attributed or not, adds to the total the bench scales by.
    expect(accounting.sliceWallMs()).toBeGreaterThanOrEqual(mine.cpuMs + other.cpuMs);
  });

  it('measures what the hooks cost per callback', async () => {
    const ns = await accountInvocations().calibrate();
    expect(ns).toBeGreaterThanOrEqual(0);
    expect(ns).toBeLessThan(50_000);
  });
});
