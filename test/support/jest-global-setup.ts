import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SHARED_DYNAMODB_LOCAL_SERVICE } from '../../infra/local/dynamodb-local-shared';
import { startDynamoDbLocal } from '../../infra/local/storage';

/** A smaller thread stack for these engines; startDynamoDbLocal adds DYNAMODB_LOCAL_JVM_FLAGS (C1, serial GC). */
const JVM_OPTIONS = '-Xss1m';
/** Clouds per engine before it is replaced (its dropped tables' stream records slow every write). */
const CLOUDS_PER_ENGINE = 4;

type Engine = Awaited<ReturnType<typeof startDynamoDbLocal>>;

/**
 * Serves DynamoDB Local engines to the jest workers for the whole run (see infra/local/dynamodb-local-shared.ts):
 * `POST /engine?worker=N` answers that worker's engine, started at its first request and replaced after
 * CLOUDS_PER_ENGINE clouds, the next one starting in the background meanwhile. Stopped by jest-global-teardown.ts.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[SHARED_DYNAMODB_LOCAL_SERVICE]) return;
  // The java launcher reads JAVA_TOOL_OPTIONS: these engines, and any a test file starts itself, get the flags.
  process.env.JAVA_TOOL_OPTIONS = [process.env.JAVA_TOOL_OPTIONS, JVM_OPTIONS].filter(Boolean).join(' ');
  const engines = new Map<string, { engine: Promise<Engine>; uses: number; next?: Promise<Engine> }>();
  const all: Promise<Engine>[] = [];
  const started = () => {
    const engine = startDynamoDbLocal({});
    all.push(engine);
    engine.catch(() => undefined);
    return engine;
  };
  const server = createServer((request, response) => {
    const worker = new URL(request.url ?? '/', 'http://local').searchParams.get('worker') ?? '1';
    let slot = engines.get(worker);
    if (!slot || slot.uses >= CLOUDS_PER_ENGINE) {
      const old = slot?.engine;
      slot = { engine: slot?.next ?? started(), uses: 0 };
      engines.set(worker, slot);
      if (old) void old.then((e) => e.stop()).catch(() => undefined);
    }
    slot.uses += 1;
    // The replacement warms up while this engine serves its last cloud.
    if (slot.uses === CLOUDS_PER_ENGINE) slot.next = started();
    slot.engine.then(
      (e) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: e.url })),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env[SHARED_DYNAMODB_LOCAL_SERVICE] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // globalTeardown runs in this same process and reads what globalSetup left on the global object.
  (globalThis as { sharedDynamoDbLocal?: { server: Server; all: Promise<Engine>[] } }).sharedDynamoDbLocal = {
    server,
    all,
  };
}
