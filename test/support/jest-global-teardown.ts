import type { Server } from 'node:http';
import { SHARED_DYNAMODB_LOCAL_SERVICE } from '../../infra/local/dynamodb-local-shared';

/** Stops the service and every engine test/support/jest-global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as {
    sharedDynamoDbLocal?: { server: Server; all: Promise<{ stop: () => Promise<void> }>[] };
  };
  const shared = holder.sharedDynamoDbLocal;
  if (!shared) return;
  shared.server.close();
  await Promise.all(shared.all.map((engine) => engine.then((e) => e.stop()).catch(() => undefined)));
  holder.sharedDynamoDbLocal = undefined;
  delete process.env[SHARED_DYNAMODB_LOCAL_SERVICE];
}
