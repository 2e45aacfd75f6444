import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { logGroupProps } from '../constructs/defaults';
import { type StageConfig, webOrigins } from '../stage-config';
import { routeThrottle, type Topology } from '../topology-model';
import type { ComputeStack } from './compute-stack';
import type { StatefulStack } from './stateful-stack';

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  readonly topology: Topology;
  readonly stateful: StatefulStack;
  readonly compute: ComputeStack;
}

/** The HTTP API: the topology's routes, a JWT authorizer on every non-public route, access logs and throttling. */
export class ApiStack extends Stack {
  readonly api: apigw.HttpApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, topology, stateful, compute } = props;

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `${config.prefix}-api`,
      description: '一网通办 one-stop government services',
      createDefaultStage: false,
      // The hall's origin(s) and corsOrigins.
      corsPreflight: {
        allowOrigins: webOrigins(config),
        allowMethods: [apigw.CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
      },
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', logGroupProps(config));
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: config.throttle,
      // No headers, query strings or bodies: they may carry personal data.
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    const issuer =
      config.auth.mode === 'issuer'
        ? { url: config.auth.issuer, audience: config.auth.audience }
        : {
            url: stateful.userPoolIssuer!,
            // Tokens of the API client and of the hall's web client.
            audience: [stateful.userPoolClient!.userPoolClientId, stateful.webClient!.userPoolClientId],
          };
    const jwt = new authorizers.HttpJwtAuthorizer('Jwt', issuer.url, {
      jwtAudience: issuer.audience,
      authorizerName: 'jwt',
    });

    const integrationByFunction = new Map<string, integrations.HttpLambdaIntegration>();
    // Anonymous routes get their own, lower limits (topology-model.ts routeThrottle); the rest keep the stage's.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const { route, function: fnName } of topology.routes) {
      let integration = integrationByFunction.get(fnName);
      if (!integration) {
        integration = new integrations.HttpLambdaIntegration(
          `${fnName}Integration`,
          compute.functions[fnName]!.function,
        );
        integrationByFunction.set(fnName, integration);
      }
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        authorizer: route.auth === 'public' ? new apigw.HttpNoneAuthorizer() : jwt,
      });
      const throttle = routeThrottle(route, config.throttle);
      if (throttle) {
        routeSettings[`${route.method} ${route.path}`] = {
          ThrottlingRateLimit: throttle.rateLimit,
          ThrottlingBurstLimit: throttle.burstLimit,
        };
        // A stage's route settings name routes that must exist first.
        stage.node.addDependency(created!);
      }
      if (route.auth === 'public') {
        Validations.of(created!).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: route.signed
            ? 'Called by a department or payment system without a JWT; the handler verifies the request signature before anything else.'
            : 'Public by design (API.md): liveness, the API document, the catalogue and licence verification need no login.',
        });
      }
    }

    if (Object.keys(routeSettings).length > 0)
      (stage.node.defaultChild as apigw.CfnStage).addPropertyOverride('RouteSettings', routeSettings);

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'Base URL of the HTTP API' });
  }
}
