import { readFileSync } from 'node:fs';
import { LocalCloud } from '../../infra/local/cloud';
import { topology } from '../../infra/topology';
import { resourcesOf, synthStage } from '../support/synth';

/**
 * The local cloud and the CDK stacks both come from infra/topology.ts. This test compares what each one actually
 * built: a route, rule, state machine, schedule or function present in one and missing in the other fails it.
 */
let cloud: LocalCloud;
const { compute, api } = synthStage('dev');
const prefix = 'one-stop-dev-';
const strip = (name: string) => name.replace(prefix, '');

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual' });
});
afterAll(() => cloud?.stop());

describe('the local cloud and the AWS stacks', () => {
  it('serve the same routes', () => {
    const aws = Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey as string);
    expect([...cloud.routeKeys].sort()).toEqual(aws.sort());
    expect(aws.length).toBe(topology.routes.length);
  });

  it('match events with the same rules and patterns', () => {
    const aws = Object.values(resourcesOf(compute, 'AWS::Events::Rule')).map((r) => [
      strip(r.Properties.Name),
      r.Properties.EventPattern,
    ]);
    const declared = [...topology.rules, ...Object.values(topology.deliveryStreams).map((d) => d.rule)];
    const local = cloud.bus.ruleNames().map((name) => [name, declared.find((r) => r.name === name)!.pattern]);
    expect(local.sort()).toEqual(aws.sort());
  });

  it('archive events through the same delivery streams: prefixes, time zone, buffer, compression and record shape', () => {
    const aws = Object.values(resourcesOf(compute, 'AWS::KinesisFirehose::DeliveryStream')).map((s) => {
      const d = s.Properties.ExtendedS3DestinationConfiguration;
      return [
        strip(s.Properties.DeliveryStreamName),
        d.Prefix,
        d.ErrorOutputPrefix,
        d.CustomTimeZone,
        d.BufferingHints.SizeInMBs,
        d.BufferingHints.IntervalInSeconds,
        d.CompressionFormat,
        d.FileExtension,
      ];
    });
    const local = Object.values(cloud.firehoses).map((f) => [
      f.streamName.replace('one-stop-local-', ''),
      f.declaration.prefix,
      f.declaration.errorOutputPrefix,
      f.declaration.timeZone,
      f.declaration.bufferMiB,
      f.declaration.bufferSeconds,
      f.declaration.compression,
      f.declaration.fileExtension,
    ]);
    expect(local.sort()).toEqual(aws.sort());
    expect(local).toHaveLength(Object.keys(topology.deliveryStreams).length);
    // The rule's input transformer reads the paths the local stream reads.
    for (const f of Object.values(cloud.firehoses)) {
      const rule = Object.values(resourcesOf(compute, 'AWS::Events::Rule')).find(
        (r) => strip(r.Properties.Name) === f.declaration.rule.name,
      )!;
      expect(Object.values(rule.Properties.Targets[0].InputTransformer.InputPathsMap).sort()).toEqual(
        Object.values(f.declaration.rule.record).sort(),
      );
    }
  });

  it('run the same state machines from the same ASL text', () => {
    const aws = Object.values(resourcesOf(compute, 'AWS::StepFunctions::StateMachine'));
    expect(aws.map((m) => strip(m.Properties.StateMachineName)).sort()).toEqual(
      cloud.stepFunctions
        .stateMachineArns()
        .map((arn) => strip(arn.split(':').pop()!.replace('one-stop-local-', prefix)))
        .sort(),
    );
    for (const machine of aws) {
      const declaration =
        topology.stateMachines[strip(machine.Properties.StateMachineName) as keyof typeof topology.stateMachines];
      expect(machine.Properties.DefinitionString).toBe(readFileSync(declaration.definition, 'utf8'));
      expect(Object.keys(machine.Properties.DefinitionSubstitutions).sort()).toEqual(
        ['Partition', ...Object.keys(declaration.substitutions)].sort(),
      );
    }
  });

  it('have the same schedules and functions', () => {
    const schedules = Object.values(resourcesOf(compute, 'AWS::Scheduler::Schedule')).map((s) =>
      strip(s.Properties.Name),
    );
    expect(cloud.scheduler.names().sort()).toEqual(schedules.sort());
    const functions = Object.values(resourcesOf(compute, 'AWS::Lambda::Function')).map((f) =>
      strip(f.Properties.FunctionName),
    );
    expect(cloud.functions.names().sort()).toEqual(functions.sort());
  });
});

describe('the local cloud and the AWS stacks, on table streams', () => {
  it('feed the same functions from the same streams, with the same filter patterns and batch sizes', () => {
    const functions = resourcesOf(compute, 'AWS::Lambda::Function');
    // Stream mappings only: a rule's queue feeds its function through a mapping too (see the stacks' tests).
    const streamMappings = Object.values(resourcesOf(compute, 'AWS::Lambda::EventSourceMapping')).filter((m) =>
      JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'),
    );
    const aws = streamMappings.map((m) => [
      strip(functions[m.Properties.FunctionName.Ref]!.Properties.FunctionName),
      // The stream is the stateful stack's export of the table's StreamArn, e.g. ...mainTable4642028CStreamArn...
      /:ExportsOutputFnGetAtt([a-zA-Z]+)Table[0-9A-F]{8}StreamArn/.exec(
        m.Properties.EventSourceArn['Fn::ImportValue'],
      )?.[1],
      m.Properties.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern)),
      m.Properties.BatchSize,
      m.Properties.StartingPosition,
    ]);
    const local = cloud.streams.map((s) => [
      s.consumer.function,
      s.consumer.table,
      [s.consumer.filter],
      s.consumer.batchSize,
      s.startingPosition,
    ]);
    expect(local.sort()).toEqual(aws.sort());
    expect(local).toHaveLength(topology.streams.length);
  });
});
