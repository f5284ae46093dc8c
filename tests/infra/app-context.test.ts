import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../functions/manifest.js';
import { buildHeraldApp } from '../../infra/aws/herald-app.js';
import { SAMPLE_ORIGINATION_NUMBER } from '../../shared/config/load-registry.js';

/**
 * What the CDK context changes before a deploy: a registry still carrying the sample city's
 * fictional origination number is refused unless the sample is meant, and the table's name can
 * follow a point-in-time restore (docs/deploy.md).
 */
const app = (context: Record<string, string> = {}) =>
  buildHeraldApp({
    manifest,
    nag: false,
    cfnValidation: false,
    context,
    code: {
      kind: 'prebuilt',
      code: () => lambda.Code.fromInline('export const handler = async () => ({});'),
    },
  });

describe('the sample origination number', () => {
  it('is refused at synth, naming the field and the way out', () => {
    expect(() => app()).toThrow(`sms.originationNumber is ${SAMPLE_ORIGINATION_NUMBER}`);
    expect(() => app()).toThrow('allowSampleOriginationNumber');
  });

  it('is synthesized when the context says the sample city is meant (npm run synth, these tests)', () => {
    const { stateful } = app({ allowSampleOriginationNumber: 'true' });
    expect(Template.fromStack(stateful).findResources('AWS::DynamoDB::Table')).not.toEqual({});
  });
});

describe('the table name, for a point-in-time restore', () => {
  const tableOf = (context: Record<string, string>) => {
    const built = app({ allowSampleOriginationNumber: 'true', ...context });
    return {
      tables: Object.values(Template.fromStack(built.stateful).findResources('AWS::DynamoDB::Table')),
      env: Object.values(Template.fromStack(built.stateless).findResources('AWS::Lambda::Function'))
        .map((f) => f.Properties.Environment?.Variables?.HERALD_TABLE_NAME)
        .filter(Boolean),
    };
  };

  it('is herald unless -c tableName gives another, which every function is told', () => {
    expect(tableOf({}).tables.map((t) => t.Properties.TableName)).toEqual(['herald']);
    const restored = tableOf({ tableName: 'herald-restored-20261204' });
    expect(restored.tables.map((t) => t.Properties.TableName)).toEqual(['herald-restored-20261204']);
    expect(new Set(restored.env)).toEqual(new Set(['herald-restored-20261204']));
  });

  it('-c detachTable=true leaves the table out (retained by CloudFormation) so a restored one can be imported', () => {
    expect(tableOf({ detachTable: 'true', tableName: 'herald-restored-20261204' }).tables).toEqual([]);
  });

  it('refuses a name DynamoDB would refuse', () => {
    expect(() => tableOf({ tableName: 'no spaces' })).toThrow(/tableName must be/);
  });
});
