import type { ChildProcess } from 'node:child_process';
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL } from './names';

/**
 * One DynamoDB Local for many throw-away clouds in a row (a jest worker's test files), instead of a JVM each.
 *
 * A JVM takes ~3 s of both cores to start and runs its first thousands of requests interpreted; a test file that
 * starts its own pays that every time. A long-lived one is started once (test/support/jest-global-setup.ts, one per
 * worker) and each cloud attaches to it with every table dropped first, so a file still starts from an empty
 * database, as with a JVM of its own. Only one cloud may use it at a time: one per worker, whose files run one after
 * another.
 */

/** The variable that carries the shared engines' URLs to the jest workers, one per worker in JEST_WORKER_ID order. */
export const SHARED_DYNAMODB_LOCAL_URLS = 'SHARED_DYNAMODB_LOCAL_URLS';

/** This worker's shared engine, if the run started one for it. */
export function sharedDynamoDbLocalUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const urls = env[SHARED_DYNAMODB_LOCAL_URLS]?.split(',').filter(Boolean) ?? [];
  const worker = Number(env.JEST_WORKER_ID ?? '1');
  return urls[worker - 1];
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
