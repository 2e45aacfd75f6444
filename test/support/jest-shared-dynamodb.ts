import type * as Storage from '../../infra/local/storage';

/**
 * Every throw-away local cloud in this test file uses its worker's DynamoDB Local, served by jest-global-setup.ts,
 * instead of a JVM of its own (an engine emptied first: see infra/local/dynamodb-local-shared.ts). A cloud on a kept
 * data folder, or a run without the service, still starts its own.
 */
jest.mock('../../infra/local/storage', () => {
  const actual = jest.requireActual<typeof Storage>('../../infra/local/storage');
  const shared = jest.requireActual<typeof import('../../infra/local/dynamodb-local-shared')>(
    '../../infra/local/dynamodb-local-shared',
  );
  return {
    ...actual,
    startDynamoDbLocal: async (options: Parameters<typeof actual.startDynamoDbLocal>[0]) => {
      const url = options.dataDir ? undefined : await shared.sharedDynamoDbLocalUrl();
      return url ? shared.attachDynamoDbLocal(url) : actual.startDynamoDbLocal(options);
    },
  };
});
