import { SHARED_DYNAMODB_LOCAL_URLS } from '../../infra/local/dynamodb-local-shared';
import { startDynamoDbLocal } from '../../infra/local/storage';

/** Flags for a JVM that lives the whole run on a small shared machine: C1 alone warms up on a fraction of the CPU. */
const JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m';

/**
 * Starts one DynamoDB Local (in memory) per jest worker for the whole run (see infra/local/dynamodb-local-shared.ts);
 * the workers inherit their URLs through the environment, and test/support/jest-shared-dynamodb.ts attaches each
 * cloud to its worker's. Stopped by test/support/jest-global-teardown.ts.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  if (process.env[SHARED_DYNAMODB_LOCAL_URLS]) return;
  // The java launcher reads JAVA_TOOL_OPTIONS; set only while these JVMs start.
  const before = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = [before, JVM_OPTIONS].filter(Boolean).join(' ');
  let engines: Awaited<ReturnType<typeof startDynamoDbLocal>>[];
  try {
    engines = await Promise.all(
      Array.from({ length: Math.max(1, globalConfig.maxWorkers) }, () => startDynamoDbLocal({})),
    );
  } finally {
    if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = before;
  }
  process.env[SHARED_DYNAMODB_LOCAL_URLS] = engines.map((e) => e.url).join(',');
  // globalTeardown runs in this same process and reads what globalSetup left on the global object.
  (globalThis as { sharedDynamoDbLocalStops?: (() => Promise<void>)[] }).sharedDynamoDbLocalStops = engines.map(
    (e) => e.stop,
  );
}
