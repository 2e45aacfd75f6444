import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import type { StatefulStack } from './stateful-stack';

/**
 * An alarm the compute stack asks for: one datapoint at or over the threshold in five minutes pages the stage's
 * alarm topic. Its metric names functions, queues and state machines by their deterministic names (never by a
 * reference), so the monitoring stack needs no export of the compute stack.
 */
export interface AlarmSpec {
  readonly id: string;
  readonly description: string;
  readonly metric: cloudwatch.Metric;
  /** Alarms at this value or above; 1 when absent (any failure, any message waiting). */
  readonly threshold?: number;
}

/** A metric of a function, queue or state machine by its literal name, every five minutes. */
export function namedMetric(
  namespace: string,
  metricName: string,
  dimensionsMap: Record<string, string>,
  statistic = 'Sum',
): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace, metricName, dimensionsMap, statistic, period: Duration.minutes(5) });
}

export interface MonitoringStackProps extends StackProps {
  readonly stateful: StatefulStack;
  readonly alarms: readonly AlarmSpec[];
}

/**
 * The alarms of everything that runs: in a stack of their own because, with them, the compute stack passes
 * CloudFormation's 500 resources per stack (each function has two or more, each DLQ and state machine its own).
 */
export class MonitoringStack extends Stack {
  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    for (const spec of props.alarms) {
      new cloudwatch.Alarm(this, spec.id, {
        alarmDescription: spec.description,
        metric: spec.metric,
        threshold: spec.threshold ?? 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new actions.SnsAction(props.stateful.alarmTopic));
    }
  }
}
