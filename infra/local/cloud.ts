import { EVERY_REGION } from '../../shared/domain/access/scope';
import { pathToFileURL } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { COMPRESSION_ENV, compressionRuleFromEnv } from '../../shared/config/compression-rule';
import type { CompressionRule } from '../../shared/domain/analytics/compression';
import type { Principal } from '../../shared/auth/principal';
import { dynamoDocumentClient, s3Client } from '../../shared/adapters/aws-clients';
import { setClockSource } from '../../shared/adapters/clock';
import { dynamoCatalogueStore } from '../../shared/adapters/dynamo-catalogue-store';
import { seedCatalogue } from '../../shared/domain/catalogue/seed';
import { dynamoAppointmentStore } from '../../shared/adapters/dynamo-appointment-store';
import { DEMO_HALLS, seedHalls } from '../../shared/domain/appointments/demo-halls';
import { DEMO_CATALOGUE } from '../seed/demo-catalogue';
import { topology as platformTopology } from '../topology';
import { type LocalValues, localEnvironment } from '../bindings';
import { type StageSettings, type Topology, topologyProblems } from '../topology-model';
import { startAwsEndpoint } from './aws-endpoint';
import { LocalClock } from './clock';
import { LocalEventBus, selectInputPath } from './event-bus';
import { LocalFirehose } from './firehose';
import { serveRedriveRequests } from './redrive';
import { LocalFunctions } from './functions';
import { startHttpApi } from './http-api';
import { claimedIssuer, externalIssuerVerifier, LOCAL_ISSUER, LocalIdentityProvider } from './identity';
import { localWeb } from './web';
import { seedDemoLicences } from './demo-identities';
import { LOCAL, localBucketName, localStateMachineArn, localTableName } from './names';
import { LocalScheduler } from './scheduler';
import { Meter } from './metering';
import { type SimulatedCourier, startSimulatedCourier } from './simulated-courier';
import { type SimulatedPaymentProvider, startSimulatedPaymentProvider } from './simulated-payment-provider';
import { secretStoreFor } from '../../shared/adapters/secret-stores';
import { generateSecret } from '../../shared/webhooks/standard-webhooks';
import { LocalStepFunctions } from './step-functions';
import { createTable, startDynamoDbLocal, startS3Local } from './storage';
import { LocalStreamPoller } from './streams';

export interface LocalCloudOptions {
  /** Where data persists (DynamoDB, S3, events, identity key). Omit for a throw-away cloud (DynamoDB in memory). */
  readonly dataDir?: string;
  /** HTTP API port; 0 picks a free one. */
  readonly port?: number;
  readonly host?: string;
  /** `manual` stops time until `clock.advance()`; `real` follows the wall clock. */
  readonly clock?: 'real' | 'manual';
  readonly startTime?: Date;
  /** Another topology, for tests of the local cloud itself. */
  readonly topology?: Topology;
  readonly rootDir?: string;
  /** Delays between delivery attempts of the event bus before an event goes to the DLQ. */
  readonly retryDelaysMs?: readonly number[];
  readonly log?: (line: string) => void;
  /** Load the demo catalogue when it is not there yet (npm start does; tests opt in). */
  readonly seed?: boolean;
  /**
   * Sign in with this OpenID issuer instead of the local identity provider, as a deployed stage does: the API verifies
   * its tokens (JWKS from its discovery document, issuer, audience, RSA), the pages sign in with it, /local/… is off.
   */
  readonly oidc?: {
    readonly issuer: string;
    readonly clientId: string;
    readonly audience: readonly string[];
    readonly scope?: string;
  };
  /**
   * The region's compression rule (a stage's `compressionRule` in AWS), given to the functions that bind it. Absent:
   * COMPRESSION_RULE_MODE and COMPRESSION_RULE_MAX_PERCENT as the environment has them at start, else a warning at 50 %.
   */
  readonly compressionRule?: CompressionRule;
}

let running: LocalCloud | undefined;

/**
 * The whole platform on one machine: the topology's tables in DynamoDB Local, its buckets in s3rver, its functions
 * in this process, its state machines on the same ASL files, its rules on a local bus, its routes behind an HTTP API
 * adapter. Handlers run unchanged; only the AWS_ENDPOINT_URL_* variables differ from AWS. One per process, because
 * the handlers read those variables from the process environment.
 */
export class LocalCloud {
  /** DynamoDB capacity and S3 requests the handlers used (for the bench's cost figures). */
  readonly meter = new Meter();
  /** Milliseconds s3rver's thread has been busy (its event loop's active time): the capacity bench's CPU split. */
  s3ThreadBusyMs: () => number = () => 0;
  /** The simulated courier that posted results travel with (tests and the demo move parcels along). */
  courier!: SimulatedCourier;
  /** The simulated payment provider: tests and the demo pay, fail or expire its orders. */
  payments!: SimulatedPaymentProvider;
  /** The topology's delivery streams (Firehose), by name: what they took in and wrote (`metrics`). */
  firehoses: Readonly<Record<string, LocalFirehose>> = {};
  /** The delivery streams' metrics summed, for the bench's cost (Firehose bills ingestion per record in 5 KiB steps). */
  get firehose(): { records: number; bytes: number; billedBytes: number; objects: number; bytesOut: number } {
    const all = Object.values(this.firehoses).map((f) => f.metrics);
    const sum = (pick: (m: (typeof all)[number]) => number) => all.reduce((total, m) => total + pick(m), 0);
    return {
      records: sum((m) => m.records),
      bytes: sum((m) => m.bytesIn),
      billedBytes: sum((m) => m.billedBytesIn),
      objects: sum((m) => m.objects),
      bytesOut: sum((m) => m.bytesOut),
    };
  }
  /** The handlers' own time per route key (ms), the last samples of each. */
  handlerMsByRoute: ReadonlyMap<string, readonly number[]> = new Map();

  private constructor(
    readonly baseUrl: string,
    readonly awsEndpoint: string,
    readonly env: Readonly<Record<string, string>>,
    readonly topology: Topology,
    readonly clock: LocalClock,
    readonly identity: LocalIdentityProvider,
    readonly functions: LocalFunctions,
    readonly stepFunctions: LocalStepFunctions,
    readonly bus: LocalEventBus,
    readonly scheduler: LocalScheduler,
    /** One poller per topology stream consumer (the event source mappings). */
    readonly streams: readonly LocalStreamPoller[],
    readonly requestsByRoute: Map<string, number>,
    /** The route keys the HTTP API adapter serves, e.g. `GET /health`. */
    readonly routeKeys: readonly string[],
    private readonly stopAll: () => Promise<void>,
  ) {}

  static async start(options: LocalCloudOptions = {}): Promise<LocalCloud> {
    if (running) throw new Error('A local cloud already runs in this process; stop it first');
    const topology = options.topology ?? platformTopology;
    const problems = topologyProblems(topology);
    if (problems.length > 0) throw new Error(`The topology is inconsistent:\n${problems.join('\n')}`);
    // npm scripts and jest both run from the package root.
    const rootDir = options.rootDir ?? process.cwd();
    const ephemeralDir = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'one-stop-local-'));
    const dataDir = options.dataDir ?? ephemeralDir!;
    const stops: (() => Promise<void> | void)[] = [];
    // The cloud writes the compression rule's variables into process.env; stopping puts back what was there, so
    // one cloud's rule does not become the next one's default in the same process.
    const compressionVariables = Object.values(COMPRESSION_ENV);
    const developerCompressionEnv: NodeJS.ProcessEnv = Object.fromEntries(
      compressionVariables.map((name) => [name, process.env[name]]),
    );
    stops.push(() => {
      for (const name of compressionVariables) {
        if (developerCompressionEnv[name] === undefined) delete process.env[name];
        else process.env[name] = developerCompressionEnv[name];
      }
    });
    const stopAll = async () => {
      for (const stop of stops.reverse()) await stop();
      if (ephemeralDir) rmSync(ephemeralDir, { recursive: true, force: true });
      running = undefined;
    };

    try {
      const clock = new LocalClock(options.clock ?? 'real', options.startTime);
      stops.push(() => clock.stop());
      setClockSource(() => clock.now());
      stops.push(() => setClockSource(() => Date.now()));

      const storage = [
        startDynamoDbLocal({ dataDir: options.dataDir ? join(dataDir, 'dynamodb') : undefined }),
        startS3Local({
          dataDir: join(dataDir, 's3'),
          buckets: Object.keys(topology.buckets).map(localBucketName),
          rootDir,
        }),
      ] as const;
      const opening = LocalIdentityProvider.open(join(dataDir, 'identity', 'signing-key.json'));
      // Side by side; a part that started is stopped again when another fails (an S3 thread left running would keep
      // the process alive).
      await Promise.allSettled([...storage, opening]);
      for (const starting of storage) {
        const part = await starting.catch(() => undefined);
        if (part) stops.push(part.stop);
      }
      const [dynamo, s3] = await Promise.all(storage);
      const identity = await opening;

      const admin = new DynamoDBClient({
        endpoint: dynamo.url,
        region: LOCAL.region,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      for (const [name, table] of Object.entries(topology.tables))
        await createTable(admin, localTableName(name), table.design);
      admin.destroy();

      // The delivery streams write with their own client, as Firehose does (metered below: its PUTs are billed too).
      const firehoseS3 = new S3Client({
        endpoint: s3.url,
        region: LOCAL.region,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      stops.push(() => firehoseS3.destroy());
      const firehoses: Record<string, LocalFirehose> = {};
      for (const [name, declaration] of Object.entries(topology.deliveryStreams ?? {})) {
        const bucket = localBucketName(declaration.bucket);
        firehoses[name] = new LocalFirehose(`${LOCAL.prefix}-${name}`, declaration, {
          clock,
          putObject: async (key, body) => {
            await firehoseS3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
          },
          log: options.log,
        });
        // Before S3 stops (stops run in reverse): what is still buffered is written.
        stops.push(() => firehoses[name]!.stop());
      }

      const functions = new LocalFunctions(topology, rootDir);
      let stepFunctions: LocalStepFunctions | undefined;
      const bus = new LocalEventBus(
        topology.rules,
        async (rule, event) => {
          if ('function' in rule.target) {
            await functions.invoke(rule.target.function, event);
          } else {
            const input = selectInputPath(event, rule.target.inputPath);
            stepFunctions!.startExecution(
              localStateMachineArn(rule.target.stateMachine),
              JSON.stringify(input),
              undefined,
            );
          }
        },
        clock,
        {
          dataDir: join(dataDir, 'events'),
          retryDelaysMs: options.retryDelaysMs,
          // No function between the rule and its stream: the event is a record in the stream's buffer at once.
          directRules: Object.entries(topology.deliveryStreams ?? {}).map(([name, d]) => ({
            name: d.rule.name,
            pattern: d.rule.pattern,
            accept: (event) => firehoses[name]!.putEvent(event),
          })),
        },
      );
      // A kept data folder (npm start) answers `npm run redrive -- --stage local` from another process.
      stops.push(() => bus.close());
      if (options.dataDir) stops.push(serveRedriveRequests(bus, options.log));
      stepFunctions = new LocalStepFunctions(topology, rootDir, {
        functions,
        clock,
        putEvents: async (entries) => bus.putEvents(entries as never),
      });
      stops.push(() => stepFunctions!.stop());

      const aws = await startAwsEndpoint(stepFunctions, bus);
      stops.push(() => new Promise<void>((r) => aws.server.close(() => r())));

      // The external services the platform calls, simulated on this machine (on the cloud's clock).
      const courier = await startSimulatedCourier({ now: () => new Date(clock.now()), log: options.log });
      stops.push(() => courier.stop());
      // The provider signs its notifications with a secret the platform keeps (payments/simulated); a kept data
      // folder keeps its secret. It signs on the cloud's clock, which the platform checks timestamps against.
      const secrets = secretStoreFor(`${pathToFileURL(join(dataDir, 'secrets')).href}/`);
      const paymentSecret = (await secrets.get('payments/simulated'))?.current ?? generateSecret();
      await secrets.put('payments/simulated', { current: paymentSecret });
      const payments = await startSimulatedPaymentProvider({
        secret: paymentSecret,
        now: () => new Date(clock.now()),
        log: options.log,
      });
      stops.push(() => payments.stop());
      const externals = { courier: `simulated:${courier.url}`, payments: `simulated:${payments.url}` };
      // The stage settings functions bind; a malformed value in the environment stops the start here, naming it.
      const settings: StageSettings = {
        compressionRule: options.compressionRule ?? compressionRuleFromEnv(developerCompressionEnv),
      };

      const env: Record<string, string> = {
        STAGE: 'local',
        SERVICE_NAME: 'one-stop',
        AWS_REGION: LOCAL.region,
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
        AWS_ENDPOINT_URL_S3: s3.url,
        AWS_ENDPOINT_URL_SFN: aws.url,
        AWS_ENDPOINT_URL_EVENTBRIDGE: aws.url,
        // s3rver stores streamed chunk framing unless checksums are only sent when required.
        AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
        AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
        ...bindingEnv(topology, dataDir, externals, settings),
        // Webhook endpoints on this machine (the simulated department) are plain HTTP on loopback.
        ALLOW_LOOPBACK_WEBHOOKS: 'true',
        PUBLIC_API_URL: `http://127.0.0.1:${options.port ?? 0}`,
      };
      delete process.env.AWS_PROFILE;
      delete process.env.AWS_SESSION_TOKEN;
      Object.assign(process.env, env);

      if (options.seed && topology.tables.main) {
        const { created } = await seedCatalogue(DEMO_CATALOGUE, {
          store: dynamoCatalogueStore(dynamoDocumentClient(), env.MAIN_TABLE_NAME!),
          now: () => new Date(clock.now()),
        });
        if (created.length > 0) options.log?.(`seeded the demo catalogue: ${created.length} entries`);
        const halls = await seedHalls(
          dynamoAppointmentStore(dynamoDocumentClient(), env.MAIN_TABLE_NAME!, () => new Date(clock.now())),
          DEMO_HALLS,
          () => new Date(clock.now()),
        );
        if (halls.created.length > 0) options.log?.(`seeded the demo service halls: ${halls.created.length}`);
      }

      const scheduler = new LocalScheduler(topology.schedules, clock, (name, input) => functions.invoke(name, input));
      stops.push(() => scheduler.stop());

      // After the environment is set: the consumers read it at their cold start.
      const streams: LocalStreamPoller[] = [];
      for (const consumer of topology.streams) {
        const poller = new LocalStreamPoller(consumer, {
          endpoint: dynamo.url,
          tableName: localTableName(consumer.table),
          invoke: (name, event) => functions.invoke(name, event),
          checkpointDir: options.dataDir ? join(dataDir, 'streams') : undefined,
          log: options.log,
        });
        await poller.start();
        stops.push(() => poller.stop());
        streams.push(poller);
      }

      const { oidc } = options;
      const verifyExternal = oidc && externalIssuerVerifier(oidc);
      const http = await startHttpApi(
        topology.routes,
        {
          invoke: (name, event) => functions.invoke(name, event),
          // With an external issuer the local provider's own tokens stay valid for the cloud's seeding, `npm run token`
          // and scripts; people cannot get one (its /local/… routes are off).
          verifyToken: (token) =>
            verifyExternal && claimedIssuer(token) !== LOCAL_ISSUER
              ? verifyExternal(token, clock.now())
              : identity.verify(token, clock.now()),
          now: () => clock.now(),
          log: options.log,
          web: localWeb({
            distDir: join(rootDir, 'web', 'dist'),
            identity,
            now: () => clock.now(),
            // The pages fetch the issuer's discovery document and token endpoint themselves.
            connectOrigins: oidc ? [s3.url, new URL(oidc.issuer).origin] : [s3.url],
            oidc: oidc && { issuer: oidc.issuer, clientId: oidc.clientId, scope: oidc.scope },
          }),
        },
        options.port ?? 0,
        options.host,
      );
      stops.push(() => new Promise<void>((r) => http.server.close(() => r())));
      // Known only now (the port may be ephemeral); functions read it at their first invocation.
      env.PUBLIC_API_URL = http.url;
      process.env.PUBLIC_API_URL = http.url;

      running = new LocalCloud(
        http.url,
        aws.url,
        env,
        topology,
        clock,
        identity,
        functions,
        stepFunctions,
        bus,
        scheduler,
        streams,
        http.requestsByRoute,
        http.routeKeys,
        stopAll,
      );
      // The handlers share these clients (one per process), so metering them meters every function.
      running.handlerMsByRoute = http.handlerMsByRoute;
      running.courier = courier;
      running.s3ThreadBusyMs = s3.busyMs;
      running.payments = payments;
      running.firehoses = firehoses;
      running.meter.meterS3(firehoseS3);
      running.meter.meterDynamoDb(dynamoDocumentClient());
      stops.push(wakeStreamsOnWrites(dynamoDocumentClient(), streams));
      running.meter.meterS3(s3Client());
      if (options.seed && topology.tables.main) {
        const cloud = running;
        const seeded = await seedDemoLicences(http.url, () => cloud.issueToken({ sub: 'local-seed', role: 'admin' }));
        if (seeded > 0) options.log?.(`seeded the demo identities' licences: ${seeded}`);
      }
      return running;
    } catch (error) {
      await stopAll();
      throw error;
    }
  }

  /**
   * A bearer token for this cloud, with the claims the production identity mapping reads. A window, supervisor or
   * administrator without a region gets the explicit `*` (every region), as a platform operator's would carry:
   * the platform itself fails closed on a token without one (`exactClaims` issues such a token, for tests).
   */
  issueToken(principal: Principal, options: { ttlSeconds?: number; exactClaims?: boolean } = {}): Promise<string> {
    const { exactClaims, ...rest } = options;
    const staff = principal.role === 'window' || principal.role === 'supervisor' || principal.role === 'admin';
    const claims =
      !exactClaims && staff && principal.region === undefined ? { ...principal, region: EVERY_REGION } : principal;
    return this.identity.issue(claims, { ...rest, now: this.clock.now() });
  }

  /**
   * Resolves when nothing moves by itself any more: stream records handled, deliveries done, executions finished or
   * waiting on tokens. A stream batch that keeps failing keeps it waiting: stream records are never dropped.
   */
  async idle(): Promise<void> {
    const streamRecordsRead = () => this.streams.reduce((sum, s) => sum + s.recordsRead, 0);
    for (let round = 0; round < 50; round++) {
      await Promise.all(this.streams.map((s) => s.idle()));
      const read = streamRecordsRead();
      await this.bus.idle();
      await this.scheduler.idle();
      await this.stepFunctions.idle();
      // Objects being written (a buffer that reached its size or time); a buffer still filling waits for its time.
      await Promise.all(Object.values(this.firehoses).map((f) => f.idle()));
      // What the consumers wrote meanwhile may have reached a stream again.
      await Promise.all(this.streams.map((s) => s.idle()));
      if (this.bus.pendingDeliveries === 0 && streamRecordsRead() === read) return;
    }
  }

  stop(): Promise<void> {
    return this.stopAll();
  }
}

/** Every binding's environment variables with their local values (one process serves all functions). */
function bindingEnv(
  topology: Topology,
  dataDir: string,
  externals: LocalValues['externals'],
  settings: StageSettings,
): Record<string, string> {
  const folder = (name: string) => `${pathToFileURL(join(dataDir, name)).href}/`;
  const local: LocalValues = {
    secretsUrl: folder('secrets'),
    keysUrl: folder('keys'),
    outboxUrl: folder('outbox'),
    externals,
    settings,
  };
  const env: Record<string, string> = {};
  for (const fn of Object.values(topology.functions)) {
    for (const binding of fn.uses) Object.assign(env, localEnvironment(binding, local));
  }
  return env;
}

/**
 * The handlers' writes wake the stream pollers of their table, which otherwise back off to 250 ms when quiet: a
 * state change's events reach the relay within a poll instead of a back-off. Returns its removal (the client is the
 * process's, and outlives the cloud).
 */
function wakeStreamsOnWrites(client: DynamoDBDocumentClient, streams: readonly LocalStreamPoller[]): () => void {
  const name = 'localStreamWake';
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (/^(Put|Update|Delete|TransactWrite|BatchWrite)/.test(String(context.commandName)))
        for (const stream of streams) stream.written();
      return result;
    },
    { step: 'initialize', name, override: true },
  );
  return () => {
    client.middlewareStack.remove(name);
  };
}
