import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { InvocationType, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { StartExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../infra/local/cloud';
import { type RedriveResult, redriveBus, requestRedrive, runningCloudPid } from '../infra/local/redrive';
import { selectInputPath } from '../infra/local/event-bus';
import { streamRecordOf } from '../infra/local/firehose';
import { loadStageConfig } from '../infra/stage-config';
import { topology } from '../infra/topology';
import type { RuleDeclaration } from '../infra/topology-model';

const HELP = `Usage: npm run redrive -- [--stage local|dev|staging|prod] [--rule <rule name>] [--data-dir .local]
  Sends the events in the dead-letter queues back to their consumers, once each, and prints what was redriven.
  --stage local (the default): the DLQ files under <data-dir>/events (dlq-<rule>.jsonl), through the running
               npm start when there is one, else through a local cloud started on <data-dir> for the purpose;
               what was delivered leaves the file, what failed again stays.
  --stage <s>  the stage's SQS DLQs (AWS credentials and region from the environment): a rule's DLQ is moved back
               to the rule's queue (SQS StartMessageMoveTask); a state machine rule's events start the machine again
               and a schedule's failed runs invoke its function again, and the event archive's events go to its
               Firehose stream again, shaped as its rule shapes them (then leave the DLQ); the outbox stream's DLQ
               holds stream positions, not events, so it is reported and left (the reconciler re-relays).
  --rule       only this rule's DLQ.`;

/** For an in-process local cloud (tests, the soak): its DLQ files redriven; the number redriven and per rule. */
export async function redriveLocal(
  cloud: LocalCloud,
  options: { rule?: string } = {},
): Promise<{ redriven: number; results: RedriveResult[] }> {
  const results = await redriveBus(cloud.bus, options);
  return { redriven: results.reduce((n, r) => n + r.redriven, 0), results };
}

async function redriveLocalStage(dataDir: string, rule: string | undefined): Promise<RedriveResult[]> {
  const eventsDir = join(dataDir, 'events');
  if (runningCloudPid(eventsDir)) {
    console.log(`asking the running local cloud (pid ${runningCloudPid(eventsDir)}) to redrive`);
    return requestRedrive(eventsDir, { rule });
  }
  const files = existsSync(eventsDir) ? readdirSync(eventsDir).filter((f) => /^dlq-.+\.jsonl$/.test(f)) : [];
  if (files.length === 0) return [];
  // Nothing runs on this data folder: a local cloud on it for the redrive, then stopped.
  const { LocalCloud } = await import('../infra/local/cloud');
  const cloud = await LocalCloud.start({ dataDir, clock: 'real', seed: false });
  try {
    const { results } = await redriveLocal(cloud, { rule });
    await cloud.idle();
    return results;
  } finally {
    await cloud.stop();
  }
}

interface AwsLine {
  readonly queue: string;
  readonly action: string;
  readonly count: number;
}

/** A deployed stage's DLQs redriven (exported for its test, which mocks the AWS clients). */
export async function redriveStage(stage: string, onlyRule: string | undefined): Promise<AwsLine[]> {
  const context = JSON.parse(readFileSync('cdk.json', 'utf8')).context as { stages: unknown };
  const config = loadStageConfig(context.stages, stage);
  const region = process.env.AWS_REGION ?? config.region;
  const sqs = new SQSClient({ region });
  const lambda = new LambdaClient({ region });
  const sfn = new SFNClient({ region });
  const firehose = new FirehoseClient({ region });
  const prefix = config.prefix;
  const lines: AwsLine[] = [];

  const queueUrl = async (name: string) => {
    try {
      return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
    } catch (error) {
      if (
        (error as Error).name === 'QueueDoesNotExist' ||
        (error as Error).name === 'AWS.SimpleQueueService.NonExistentQueue'
      )
        return undefined;
      throw error;
    }
  };
  const attributes = async (url: string) =>
    (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'] }),
      )
    ).Attributes ?? {};
  /** Each message handed to `send`, deleted once sent; a message whose send fails stays for the next redrive. */
  const drain = async (url: string, send: (body: string) => Promise<void>) => {
    let sent = 0;
    for (let empty = 0; empty < 2; ) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 60,
        }),
      );
      if (Messages.length === 0) empty += 1;
      for (const m of Messages) {
        try {
          await send(m.Body ?? '{}');
          await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
          sent += 1;
        } catch (error) {
          console.error(`  not redriven (left on the queue): ${(error as Error).name}`);
        }
      }
    }
    return sent;
  };

  for (const rule of topology.rules as readonly RuleDeclaration[]) {
    if (onlyRule && rule.name !== onlyRule) continue;
    const dlqName = `${prefix}-${rule.name}-dlq`;
    const url = await queueUrl(dlqName);
    if (!url) continue;
    const attrs = await attributes(url);
    if (Number(attrs.ApproximateNumberOfMessages ?? 0) === 0) continue;
    if ('function' in rule.target) {
      // Back to the rule's queue, which the function reads: the queue's retry policy applies again.
      const target = await queueUrl(`${prefix}-${rule.name}-events`);
      const destination = target && (await attributes(target)).QueueArn;
      if (!destination) throw new Error(`${dlqName}: its rule's queue ${prefix}-${rule.name}-events does not exist`);
      const task = await sqs.send(
        new StartMessageMoveTaskCommand({ SourceArn: attrs.QueueArn, DestinationArn: destination }),
      );
      lines.push({
        queue: dlqName,
        action: `moving to ${prefix}-${rule.name}-events (task ${task.TaskHandle?.slice(0, 12)}…)`,
        count: Number(attrs.ApproximateNumberOfMessages),
      });
    } else {
      const machine = rule.target.stateMachine;
      const account = config.account ?? process.env.AWS_ACCOUNT_ID;
      if (!account)
        throw new Error(
          `${dlqName}: set the stage's account in cdk.json or AWS_ACCOUNT_ID to start ${prefix}-${machine}`,
        );
      const arn = `arn:${region.startsWith('cn-') ? 'aws-cn' : 'aws'}:states:${region}:${account}:stateMachine:${prefix}-${machine}`;
      const inputPath = rule.target.inputPath;
      const count = await drain(url, async (body) => {
        await sfn.send(
          new StartExecutionCommand({
            stateMachineArn: arn,
            input: JSON.stringify(selectInputPath(JSON.parse(body), inputPath)),
          }),
        );
      });
      lines.push({ queue: dlqName, action: `started ${prefix}-${machine} again`, count });
    }
  }
  // A delivery stream's rule (the event archive): each event shaped by the rule's input transformer, as EventBridge
  // would have put it, and put on the stream again. A redelivered line is a duplicate Athena de-duplicates by id.
  for (const [name, stream] of Object.entries(topology.deliveryStreams)) {
    if (onlyRule && stream.rule.name !== onlyRule) continue;
    const dlqName = `${prefix}-${stream.rule.name}-dlq`;
    const url = await queueUrl(dlqName);
    if (!url || Number((await attributes(url)).ApproximateNumberOfMessages ?? 0) === 0) continue;
    const count = await drain(url, async (body) => {
      const { FailedPutCount } = await firehose.send(
        new PutRecordBatchCommand({
          DeliveryStreamName: `${prefix}-${name}`,
          Records: [{ Data: Buffer.from(streamRecordOf(stream.rule.record, JSON.parse(body))) }],
        }),
      );
      if (FailedPutCount) throw Object.assign(new Error('Firehose refused the record'), { name: 'FailedPut' });
    });
    lines.push({ queue: dlqName, action: `put on ${prefix}-${name} again`, count });
  }
  if (onlyRule) return lines;
  for (const schedule of topology.schedules) {
    const dlqName = `${prefix}-${schedule.name}-dlq`;
    const url = await queueUrl(dlqName);
    if (!url || Number((await attributes(url)).ApproximateNumberOfMessages ?? 0) === 0) continue;
    const fn = `${prefix}-${schedule.target.function}`;
    const count = await drain(url, async (body) => {
      await lambda.send(
        new InvokeCommand({ FunctionName: fn, InvocationType: InvocationType.Event, Payload: Buffer.from(body) }),
      );
    });
    lines.push({ queue: dlqName, action: `invoked ${fn} again`, count });
  }
  for (const stream of topology.streams) {
    const dlqName = `${prefix}-${stream.name}-stream-dlq`;
    const url = await queueUrl(dlqName);
    const waiting = url ? Number((await attributes(url)).ApproximateNumberOfMessages ?? 0) : 0;
    if (waiting > 0)
      lines.push({
        queue: dlqName,
        action:
          'left: stream positions, not events (the reconciler re-relays unrelayed outbox items); purge after checking',
        count: waiting,
      });
  }
  // Queues of the stage that this script does not know (a renamed rule?) are named, not touched.
  const known = new Set([
    ...topology.rules.map((r) => `${prefix}-${r.name}-dlq`),
    ...Object.values(topology.deliveryStreams).map((s) => `${prefix}-${s.rule.name}-dlq`),
    ...topology.schedules.map((s) => `${prefix}-${s.name}-dlq`),
    ...topology.streams.map((s) => `${prefix}-${s.name}-stream-dlq`),
  ]);
  const listed =
    (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: `${prefix}-`, MaxResults: 1000 }))).QueueUrls ?? [];
  for (const url of listed) {
    const name = url.split('/').pop()!;
    if (name.endsWith('-dlq') && !known.has(name))
      lines.push({
        queue: name,
        action: 'left: not a DLQ of this topology',
        count: Number((await attributes(url)).ApproximateNumberOfMessages ?? 0),
      });
  }
  return lines;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stage: { type: 'string', default: 'local' },
      rule: { type: 'string' },
      'data-dir': { type: 'string', default: process.env.LOCAL_DATA_DIR ?? '.local' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(HELP);
  const ruleNames: readonly string[] = [
    ...topology.rules.map((r) => r.name),
    ...Object.values(topology.deliveryStreams).map((s) => s.rule.name),
  ];
  if (values.rule && !ruleNames.includes(values.rule))
    throw new Error(`--rule: no rule named ${values.rule} in infra/topology.ts`);
  if (values.stage === 'local') {
    const results = await redriveLocalStage(resolve(values['data-dir']), values.rule);
    if (results.length === 0) console.log('nothing to redrive: no DLQ files');
    for (const r of results)
      console.log(
        `${r.rule}: ${r.redriven} redriven${r.failed ? `, ${r.failed} failed again (left in dlq-${r.rule}.jsonl)` : ''}`,
      );
    process.exitCode = results.some((r) => r.failed > 0) ? 1 : 0;
    return;
  }
  const lines = await redriveStage(values.stage, values.rule);
  if (lines.length === 0) console.log(`nothing to redrive: every DLQ of ${values.stage} is empty`);
  for (const l of lines) console.log(`${l.queue}: ${l.count} message(s), ${l.action}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
