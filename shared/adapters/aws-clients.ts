import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * SDK clients, created once per container. Endpoints come from the standard AWS_ENDPOINT_URL_* variables, so the
 * same code talks to AWS or to the local cloud. The one local difference is path-style S3 addressing, which the
 * emulator needs and which is harmless against AWS.
 */
let documentClient: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let sfn: SFNClient | undefined;
let eventBridge: EventBridgeClient | undefined;

/**
 * The local cloud's fault injector (infra/local/fault-injector.ts) may install a hook under this symbol; nothing else
 * does, so in AWS the middleware below only finds it absent and passes every request through. It runs once per
 * attempt, inside the SDK's retries, so an injected throttle is retried as a real one is.
 */
type FaultHook = (client: string, command: string, attempt: number) => Error | undefined;
const FAULT_HOOK = Symbol.for('one-stop.sdk-fault-hook');
function withFaultHook<T extends { middlewareStack: { add: (...args: never[]) => unknown } }>(
  client: T,
  name: string,
): T {
  const add = client.middlewareStack.add as unknown as (m: unknown, o: unknown) => void;
  add.call(
    client.middlewareStack,
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: { request?: { headers?: Record<string, string> } }) => {
        const hook = (globalThis as { [FAULT_HOOK]?: FaultHook })[FAULT_HOOK];
        if (hook) {
          const attempt = Number(/attempt=(\d+)/.exec(args.request?.headers?.['amz-sdk-request'] ?? '')?.[1] ?? 1);
          const error = hook(name, String(context.commandName ?? ''), attempt);
          if (error) throw error;
        }
        return next(args);
      },
    { step: 'deserialize', name: 'localFaultHook' },
  );
  return client;
}

export function dynamoDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(withFaultHook(new DynamoDBClient({}), 'dynamodb'), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function s3Client(): S3Client {
  s3 ??= withFaultHook(new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }), 's3');
  return s3;
}

export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({});
  return sfn;
}

export function eventBridgeClient(): EventBridgeClient {
  eventBridge ??= new EventBridgeClient({});
  return eventBridge;
}
