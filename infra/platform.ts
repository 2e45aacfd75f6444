import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StageConfig } from './stage-config';
import { ApiStack } from './stacks/api-stack';
import { ComputeStack } from './stacks/compute-stack';
import { MonitoringStack } from './stacks/monitoring-stack';
import { StatefulStack } from './stacks/stateful-stack';
import { WebStack } from './stacks/web-stack';
import type { Topology } from './topology-model';

export interface PlatformOptions {
  /** The built online service hall; default `<rootDir>/web/dist`. */
  readonly webDistDir?: string;
}

/**
 * One stack set per stage: stateful (data, kept), compute (functions, workflows, rules, schedules), monitoring (their
 * alarms), api (the edge) and web (the online service hall on CloudFront). cdk-nag's AwsSolutions pack checks every synth; an
 * unacknowledged finding fails it.
 */
export function buildPlatform(
  app: App,
  config: StageConfig,
  topology: Topology,
  rootDir: string,
  options: PlatformOptions = {},
) {
  const env = config.account ? { account: config.account, region: config.region } : { region: config.region };
  const stateful = new StatefulStack(app, `${config.prefix}-stateful`, {
    env,
    config,
    topology,
    description: '一网通办: data (tables, buckets, bus, keys)',
  });
  const compute = new ComputeStack(app, `${config.prefix}-compute`, {
    env,
    config,
    topology,
    stateful,
    rootDir,
    description: '一网通办: functions, workflows, rules, schedules',
  });
  const monitoring = new MonitoringStack(app, `${config.prefix}-monitoring`, {
    env,
    stateful,
    alarms: compute.alarms,
    description: '一网通办: alarms on functions, workflows and dead-letter queues',
  });
  monitoring.addStackDependency(compute, 'alarms watch what the compute stack runs, by name');
  const api = new ApiStack(app, `${config.prefix}-api`, {
    env,
    config,
    topology,
    stateful,
    compute,
    description: '一网通办: HTTP API',
  });
  const web = new WebStack(app, `${config.prefix}-web`, {
    env,
    config,
    topology,
    stateful,
    rootDir,
    distDir: options.webDistDir,
    description: '一网通办: the online service hall (S3, CloudFront)',
  });
  for (const stack of [stateful, compute, monitoring, api, web]) {
    Tags.of(stack).add('project', 'one-stop');
    Tags.of(stack).add('stage', config.stage);
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, compute, monitoring, api, web };
}
