import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StageConfig } from './stage-config';
import { ApiStack } from './stacks/api-stack';
import { ComputeStack } from './stacks/compute-stack';
import { StatefulStack } from './stacks/stateful-stack';
import type { Topology } from './topology-model';

/**
 * One stack set per stage: stateful (data, kept), compute (functions, workflows, rules, schedules) and api (the edge).
 * cdk-nag's AwsSolutions pack checks every synth; an unacknowledged finding fails it.
 */
export function buildPlatform(app: App, config: StageConfig, topology: Topology, rootDir: string) {
  const env = config.account ? { account: config.account, region: config.region } : { region: config.region };
  const stateful = new StatefulStack(app, `${config.prefix}-stateful`, { env, config, topology, description: '一网通办: data (tables, buckets, bus, keys)' });
  const compute = new ComputeStack(app, `${config.prefix}-compute`, { env, config, topology, stateful, rootDir, description: '一网通办: functions, workflows, rules, schedules' });
  const api = new ApiStack(app, `${config.prefix}-api`, { env, config, topology, stateful, compute, description: '一网通办: HTTP API' });
  for (const stack of [stateful, compute, api]) {
    Tags.of(stack).add('project', 'one-stop');
    Tags.of(stack).add('stage', config.stage);
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, compute, api };
}
