import { resolve } from 'node:path';
import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type AlarmSpec, namedMetric } from '../stacks/monitoring-stack';
import type { StageConfig } from '../stage-config';
import type { FunctionDeclaration } from '../topology-model';
import { LAMBDA_BUNDLE_OPTIONS } from './bundle-options';
import { functionProps, logGroupProps } from './defaults';

export interface PlatformFunctionProps {
  readonly name: string;
  readonly declaration: FunctionDeclaration;
  readonly config: StageConfig;
  /** Takes the function's alarms (errors, throttles, its log alarms), which the monitoring stack creates. */
  readonly alarm: (spec: AlarmSpec) => void;
  readonly rootDir: string;
}

/**
 * A Lambda function with the platform's defaults: Node.js 22, bundled and minified by local esbuild, its own log
 * group with the stage's retention, X-Ray tracing, a role that can write only its own logs (grants are added per
 * binding), and alarms on errors and throttles.
 */
export class PlatformFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    super(scope, id);
    const { name, declaration, config } = props;
    const functionName = `${config.prefix}-${name}`;
    const logGroup = new logs.LogGroup(this, 'Logs', logGroupProps(config, `/aws/lambda/${functionName}`));

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${functionName}: its own logs and traces; data access is granted per binding`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      functionName,
      description: declaration.description,
      entry: resolve(props.rootDir, declaration.entry),
      handler: 'handler',
      ...functionProps(config, declaration),
      logGroup,
      role: this.role,
      environment: {
        STAGE: config.stage,
        SERVICE_NAME: name,
        NODE_OPTIONS: '--enable-source-maps',
        PUBLIC_API_URL: config.publicApiUrl,
        PUBLIC_WEB_URL: config.publicWebUrl,
      },
      bundling: {
        // The same esbuild options as the bundle benchmark (bench/bundles.ts); see bundle-options.ts for why.
        minify: LAMBDA_BUNDLE_OPTIONS.minify,
        sourceMap: LAMBDA_BUNDLE_OPTIONS.sourcemap,
        target: LAMBDA_BUNDLE_OPTIONS.target,
        format: LAMBDA_BUNDLE_OPTIONS.format === 'cjs' ? nodejs.OutputFormat.CJS : nodejs.OutputFormat.ESM,
        externalModules: [...LAMBDA_BUNDLE_OPTIONS.external],
        mainFields: [...LAMBDA_BUNDLE_OPTIONS.mainFields],
        banner: LAMBDA_BUNDLE_OPTIONS.banner.js,
        define: { ...LAMBDA_BUNDLE_OPTIONS.define },
        // esbuild runs in the project root, where the aliases' relative paths point.
        esbuildArgs: {
          '--alias': Object.entries(LAMBDA_BUNDLE_OPTIONS.alias).map(([from, to]) => `${from}=${to}`),
        },
        ...(declaration.assets?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  declaration.assets!.map(
                    (asset) =>
                      `mkdir -p "${outputDir}/${asset.replace(/\/[^/]+$/, '')}" && cp "${inputDir}/${asset}" "${outputDir}/${asset}"`,
                  ),
              },
            }
          : {}),
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions; the function tracing default adds them.',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The platform pins Lambda to nodejs22.x, the runtime it is built and tested on (package.json engines and the node@22 devDependency).',
    });

    const alarm = (metric: AlarmSpec['metric'], what: string) =>
      props.alarm({ id: `${id}${what}Alarm`, description: `${functionName}: ${what}`, metric });
    alarm(namedMetric('AWS/Lambda', 'Errors', { FunctionName: functionName }), 'Errors');
    alarm(namedMetric('AWS/Lambda', 'Throttles', { FunctionName: functionName }), 'Throttles');
    for (const logAlarm of declaration.logAlarms ?? []) {
      const filter = new logs.MetricFilter(this, `${logAlarm.name}Filter`, {
        logGroup,
        filterPattern: logs.FilterPattern.stringValue('$.message', '=', logAlarm.message),
        metricNamespace: `OneStop/${config.prefix}`,
        metricName: `${name}-${logAlarm.name}`,
        metricValue: '1',
      });
      alarm(filter.metric({ period: Duration.minutes(5), statistic: 'Sum' }), logAlarm.name);
    }
  }

  /** The ARN of a state machine by its deterministic name, so functions and state machines never reference each other in a cycle. */
  static stateMachineArn(scope: Construct, config: StageConfig, name: string): string {
    return Stack.of(scope).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: `${config.prefix}-${name}`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}
