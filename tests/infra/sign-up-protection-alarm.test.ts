import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { METRIC_NAMESPACE } from '../../infra/aws/monitoring.js';
import { CODE_SMS_METRICS } from '../../shared/use-cases/subscriptions/sign-up-limits.js';
import { buildTestApp } from './harness.js';

type Json = Record<string, any>;

/** The sign-up code budget on AWS (docs/architecture.md D34): its metrics, its alarm, its graph. */
describe('the sign-up code budget in the monitoring', () => {
  let template: Template;
  beforeAll(() => {
    const { stateless } = buildTestApp(manifest);
    template = Template.fromStack(stateless);
  });

  it('counts the codes sent and the budget tripping from the functions’ log lines', () => {
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter')) as Json[];
    const counted = (name: string) =>
      filters.filter((f) => f.Properties.MetricTransformations[0].MetricName === name);

    for (const name of Object.values(CODE_SMS_METRICS)) {
      // One filter, on the log group of the function that logs it (api-subscriptions).
      expect(counted(name)).toHaveLength(1);
      for (const filter of counted(name))
        expect(filter.Properties.MetricTransformations[0]).toMatchObject({
          MetricNamespace: METRIC_NAMESPACE,
          MetricValue: '1',
        });
    }
  });

  it('alarms the ops topic as soon as the budget trips once', () => {
    const alarms = (Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Json[]).filter(
      (a) => a.Properties.MetricName === CODE_SMS_METRICS.tripped,
    );

    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties).toMatchObject({
      Namespace: METRIC_NAMESPACE,
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
    expect(alarms[0]?.Properties.AlarmActions).toHaveLength(1);
  });
});
