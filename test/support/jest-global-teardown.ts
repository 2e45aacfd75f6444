import { SHARED_DYNAMODB_LOCAL_URLS } from '../../infra/local/dynamodb-local-shared';

/** Stops the engines test/support/jest-global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { sharedDynamoDbLocalStops?: (() => Promise<void>)[] };
  await Promise.all((holder.sharedDynamoDbLocalStops ?? []).map((stop) => stop()));
  holder.sharedDynamoDbLocalStops = undefined;
  delete process.env[SHARED_DYNAMODB_LOCAL_URLS];
}
