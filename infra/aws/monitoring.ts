import { Aws, Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { QueueName } from '../../functions/manifest-types.js';
import { CODE_SMS_METRICS } from '../../shared/use-cases/subscriptions/sign-up-limits.js';
import type { HeraldFunction } from './herald-function.js';
import type { HeraldQueue } from './queues.js';

export const METRIC_NAMESPACE = 'Herald';

/**
 * Metrics the handlers log as a `metric` field on a JSON log line (shared/runtime/logger.ts), each
 * with the functions that log it: their log groups get its filter. One filter per metric and
 * function was 6 x 13 resources, and a CloudFormation stack holds at most 500
 * (tests/infra/bundle-imports.test.ts checks each list against the strings in each bundle, so a
 * function that starts logging a metric fails the tests until it is listed here).
 * `XBudgetUsedPercent` is logged with every granted reservation (shared/use-cases/reserve-x-posts.ts).
 */
export const LOG_METRICS = {
  deliveryFailed: { name: 'DeliveryFailed', value: '1', loggedBy: ['x-worker', 'sns-worker'] },
  staleWork: { name: 'StaleWork', value: '1', loggedBy: ['reconciler'] },
  xBudgetUsedPercent: {
    name: 'XBudgetUsedPercent',
    value: '$.usedPercent',
    loggedBy: ['api-broadcasts', 'console', 'x-worker', 'reconciler'],
  },
  // Sign-up codes (shared/use-cases/subscriptions/sign-up-limits.ts, D34): each one sent, and
  // each sign-up the code budget refused (the breaker open).
  signUpCodeSent: { name: CODE_SMS_METRICS.sent, value: '1', loggedBy: ['api-subscriptions'] },
  signUpCodeBudgetTripped: { name: CODE_SMS_METRICS.tripped, value: '1', loggedBy: ['api-subscriptions'] },
  /** A worker refused an Exercise or Test delivery to a live target (D35): planning went wrong. */
  exerciseTargetRefused: { name: 'ExerciseTargetRefused', value: '1', loggedBy: ['x-worker', 'sns-worker'] },
} as const satisfies Record<string, { name: string; value: string; loggedBy: readonly string[] }>;

/**
 * Every alarm is named `herald-<id>` (`herald-delivery-failed`, `herald-x-worker-errors`,
 * `herald-sns-deliveries-dead-letters`): the names docs/deploy.md section 7 tells operators to look
 * for. One Herald per account and Region (like the table), so the names are unique there.
 */
export const alarmNameOf = (alarmId: string) => `herald-${alarmId}`;

/** The dashboard's name: `Herald-<region>` (a dashboard's ARN has no Region: names are per account). */
export const DASHBOARD_NAME = `Herald-${Aws.REGION}`;

export interface MonitoringProps {
  functions: HeraldFunction[];
  queues: Map<QueueName, HeraldQueue>;
  api: apigw.HttpApi;
  opsTopic: sns.ITopic;
  /** The account's SNS monthly SMS spend limit (USD) the alarms take their 50% and 80% from. */
  smsMonthlySpendLimitUsd: number;
  /** The sign-up code budget (registry `subscriptions.protection.codeSms`), drawn beside the spend. */
  codeSmsBudget: { perHour: number; perDay: number };
}

/** Alarms (all to the ops topic) and one dashboard. What each means: docs/deploy.md, "Alarms". */
export class Monitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  /** Each function's errors alarm, by manifest name: it also rolls back that function's deployments. */
  readonly errorAlarms = new Map<string, cloudwatch.Alarm>();
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const action = new actions.SnsAction(props.opsTopic);
    const alarm = (alarmId: string, options: cloudwatch.AlarmProps) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        alarmName: alarmNameOf(alarmId),
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      created.addAlarmAction(action);
      this.alarms.push(created);
      return created;
    };

    for (const { logGroup, definition } of props.functions) {
      for (const [key, metric] of Object.entries(LOG_METRICS)) {
        if (!(metric.loggedBy as readonly string[]).includes(definition.name)) continue;
        new logs.MetricFilter(this, `${definition.name}-${key}`, {
          logGroup,
          filterPattern: logs.FilterPattern.stringValue('$.metric', '=', metric.name),
          metricNamespace: METRIC_NAMESPACE,
          metricName: metric.name,
          metricValue: metric.value,
        });
      }
    }
    const logMetric = (name: string, statistic: string, period: Duration) =>
      new cloudwatch.Metric({ namespace: METRIC_NAMESPACE, metricName: name, statistic, period });

    const deadLetterMetrics = [...props.queues].map(([name, { deadLetters }]) => {
      const metric = deadLetters.metricApproximateNumberOfMessagesVisible({
        statistic: 'Maximum',
        period: Duration.minutes(1),
        label: `${name} dead letters`,
      });
      alarm(`${name}-dead-letters`, {
        alarmDescription: `Jobs of ${name} failed every receive and wait in its dead-letter queue.`,
        metric,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
      return metric;
    });

    const deliveryFailed = logMetric(LOG_METRICS.deliveryFailed.name, 'Sum', Duration.minutes(1));
    alarm('delivery-failed', {
      alarmDescription: 'A delivery failed for good (permanent error or attempts used up).',
      metric: deliveryFailed,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    alarm('exercise-target-refused', {
      alarmDescription:
        'A worker refused an Exercise or Test delivery aimed at a live account or topic (D35): nothing was sent, but planning chose a live target for an exercise.',
      metric: logMetric(LOG_METRICS.exerciseTargetRefused.name, 'Sum', Duration.minutes(1)),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    const staleWork = logMetric(LOG_METRICS.staleWork.name, 'Sum', Duration.minutes(1));
    alarm('stale-work', {
      alarmDescription:
        'The reconciler keeps finding lost or unplanned work: the fast path (approve, plan, queue, worker) is failing.',
      metric: staleWork,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
    });

    const xBudget = logMetric(LOG_METRICS.xBudgetUsedPercent.name, 'Maximum', Duration.minutes(5));
    alarm('x-budget-70', {
      alarmDescription: "70% of the X app's rolling 24-hour post budget is used.",
      metric: xBudget,
      threshold: 70,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    const smsSpend = new cloudwatch.Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: 'Maximum',
      period: Duration.minutes(5),
      label: 'SMS spend this month (USD)',
    });
    for (const share of [50, 80]) {
      alarm(`sms-spend-${share}`, {
        alarmDescription: `SMS spend passed ${share}% of the monthly limit (USD ${props.smsMonthlySpendLimitUsd}); SNS stops sending SMS at 100%.`,
        metric: smsSpend,
        threshold: (props.smsMonthlySpendLimitUsd * share) / 100,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    const codesSent = logMetric(LOG_METRICS.signUpCodeSent.name, 'Sum', Duration.hours(1));
    const codeBudgetTripped = logMetric(LOG_METRICS.signUpCodeBudgetTripped.name, 'Sum', Duration.minutes(5));
    alarm('sign-up-code-budget', {
      alarmDescription: `The sign-up code budget (${props.codeSmsBudget.perHour} an hour, ${props.codeSmsBudget.perDay} a day) is used up: code SMS are stopped until its window ends, alerts are not. Likely SMS pumping: docs/deploy.md, "SMS abuse protection".`,
      metric: codeBudgetTripped,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    const errors = props.functions.map(({ fn, definition }) => {
      const metric = fn.metricErrors({ period: Duration.minutes(5), label: definition.name });
      const errorsAlarm = alarm(`${definition.name}-errors`, {
        alarmDescription: `${definition.name} threw (crash, timeout or unhandled error); during a deployment, CodeDeploy moves its live alias back to the previous version.`,
        metric,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
      this.errorAlarms.set(definition.name, errorsAlarm);
      return metric;
    });

    const api5xx = props.api.metricServerError({ period: Duration.minutes(5) });
    alarm('api-5xx', {
      alarmDescription: 'The API answered 5xx.',
      metric: api5xx,
      threshold: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: DASHBOARD_NAME,
      defaultInterval: Duration.hours(6),
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
        [
          new cloudwatch.GraphWidget({
            title: 'Deliveries failed / stale work',
            left: [deliveryFailed, staleWork],
            width: 8,
          }),
          new cloudwatch.GraphWidget({ title: 'Dead letters', left: deadLetterMetrics, width: 8 }),
          new cloudwatch.GraphWidget({
            title: 'SMS spend (USD) and X budget (%)',
            left: [smsSpend],
            right: [xBudget],
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'SMS budgets: alerts (spend, USD) and sign-up codes (per hour)',
            left: [smsSpend],
            leftAnnotations: [
              { value: props.smsMonthlySpendLimitUsd, label: 'monthly spend limit: SNS stops every SMS' },
            ],
            right: [codesSent, codeBudgetTripped],
            rightAnnotations: [{ value: props.codeSmsBudget.perHour, label: 'code budget per hour' }],
            width: 24,
          }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Function errors', left: errors, width: 8 }),
          new cloudwatch.GraphWidget({
            title: 'Function duration p90',
            left: props.functions.map(({ fn, definition }) =>
              fn.metricDuration({ statistic: 'p90', label: definition.name }),
            ),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'API requests, 4xx, 5xx',
            left: [props.api.metricCount(), props.api.metricClientError(), api5xx],
            width: 8,
          }),
        ],
      ],
    });
  }
}
