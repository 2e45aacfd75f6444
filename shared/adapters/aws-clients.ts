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

/**
 * One client per container, made on first use. In AWS the endpoint never changes; on this machine a second local
 * cloud in the same process serves on other ports, and a client keeps the endpoint it was made with, so a new one is
 * made when the variable changes (the old cloud's relay used to retry PutEvents against a closed port forever).
 *
 * Plain functions over module variables, with nothing called at module scope: esbuild keeps a module-scope call as a
 * side effect, and with it every client below in every bundle that imports this file; each function must carry only
 * the clients it uses (`test/unit/bench-bundles.test.ts`).
 */
interface Made<T> {
  readonly client: T;
  readonly endpoint: string | undefined;
}
function reuse<T>(made: Made<T> | undefined, variable: string, create: () => T): Made<T> {
  const endpoint = process.env[variable];
  return made !== undefined && made.endpoint === endpoint ? made : { client: create(), endpoint };
}

let documentClient: Made<DynamoDBDocumentClient> | undefined;
let s3: Made<S3Client> | undefined;
let sfn: Made<SFNClient> | undefined;
let eventBridge: Made<EventBridgeClient> | undefined;

export function dynamoDocumentClient(): DynamoDBDocumentClient {
  documentClient = reuse(documentClient, 'AWS_ENDPOINT_URL_DYNAMODB', () =>
    DynamoDBDocumentClient.from(withFaultHook(new DynamoDBClient({}), 'dynamodb'), {
      marshallOptions: { removeUndefinedValues: true },
    }),
  );
  return documentClient.client;
}

export function s3Client(): S3Client {
  s3 = reuse(s3, 'AWS_ENDPOINT_URL_S3', () =>
    withFaultHook(new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }), 's3'),
  );
  return s3.client;
}

export function sfnClient(): SFNClient {
  sfn = reuse(sfn, 'AWS_ENDPOINT_URL_SFN', () => new SFNClient({}));
  return sfn.client;
}

export function eventBridgeClient(): EventBridgeClient {
  eventBridge = reuse(eventBridge, 'AWS_ENDPOINT_URL_EVENTBRIDGE', () => new EventBridgeClient({}));
  return eventBridge.client;
}
