import type { ChildProcess } from 'node:child_process';
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL } from './names';

/**
 * DynamoDB Local shared by the throw-away clouds a jest worker starts one after another, instead of a JVM each.
 *
 * A JVM takes ~3 s of both cores to start and runs its first thousands of requests interpreted; a test file that
 * starts its own pays that every time. test/support/jest-global-setup.ts keeps one engine per worker and hands it out
 * through a small HTTP service; each cloud attaches with every table dropped first, so a file still starts from an
 * empty database. DynamoDB Local keeps a dropped table's stream records (as AWS keeps a deleted table's stream for
 * 24 h) and every write gets slower with them (800 puts: 1.7 s on a fresh engine, 3.7 s after 6 dropped tables), so
 * the service replaces a worker's engine after a few clouds. One cloud at a time per engine: one per worker.
 */

/** The variable that carries the service's URL (`http://127.0.0.1:<port>`) to the jest workers. */
export const SHARED_DYNAMODB_LOCAL_SERVICE = 'SHARED_DYNAMODB_LOCAL_SERVICE';

/** The engine for this worker (JEST_WORKER_ID), from the run's service; undefined when the run has none. */
export async function sharedDynamoDbLocalUrl(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const service = env[SHARED_DYNAMODB_LOCAL_SERVICE];
  if (!service) return undefined;
  const response = await fetch(`${service}/engine?worker=${encodeURIComponent(env.JEST_WORKER_ID ?? '1')}`, {
    method: 'POST',
  });
  if (!response.ok) throw new Error(`The shared DynamoDB Local service answered ${response.status}`);
  return ((await response.json()) as { url: string }).url;
}

/**
 * Attaches a cloud to a running engine: drops every table first (what the previous cloud left), so the cloud creates
 * its tables on an empty database. The result has the shape of `startDynamoDbLocal`'s; stopping leaves the JVM up.
 */
export async function attachDynamoDbLocal(
  url: string,
): Promise<{ url: string; process: ChildProcess | undefined; stop: () => Promise<void> }> {
  await dropEveryTable(url);
  return { url, process: undefined, stop: async () => undefined };
}

async function dropEveryTable(url: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint: url,
    region: LOCAL.region,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  try {
    let start: string | undefined;
    do {
      const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
      await Promise.all(
        (page.TableNames ?? []).map((name) => client.send(new DeleteTableCommand({ TableName: name }))),
      );
      start = page.LastEvaluatedTableName;
    } while (start);
  } finally {
    client.destroy();
  }
}
