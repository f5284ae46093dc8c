import { describe, expect, it } from 'vitest';
import { condition, evaluate, type IamRequest, type PolicyStatement } from './iam-policy.js';

const TABLE = 'arn:aws:dynamodb:ca-central-1:111122223333:table/herald';
const TOPIC = 'arn:aws:sns:ca-central-1:111122223333:area-14-en';

const allow = (Action: string[], Resource: string[], Condition?: PolicyStatement['Condition']) =>
  ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) }) as PolicyStatement;
const allowed = (statements: PolicyStatement[], request: IamRequest) => evaluate(statements, request).allowed;
const reason = (statements: PolicyStatement[], request: IamRequest) => {
  const decision = evaluate(statements, request);
  return decision.allowed ? 'allowed' : decision.reason;
};

describe('actions', () => {
  it('match by name, case-insensitively, and refuse an action no statement names', () => {
    const policy = [allow(['dynamodb:GetItem'], [TABLE])];
    expect(allowed(policy, { action: 'dynamodb:getitem', resource: TABLE })).toBe(true);
    expect(reason(policy, { action: 'dynamodb:BatchGetItem', resource: TABLE })).toBe(
      'no Allow for dynamodb:BatchGetItem',
    );
  });

  it('match IAM wildcards: kms:GenerateDataKey* covers GenerateDataKey and nothing of another prefix', () => {
    const policy = [allow(['kms:GenerateDataKey*', 'sqs:?etQueueUrl'], ['*'])];
    expect(allowed(policy, { action: 'kms:GenerateDataKey', resource: 'k' })).toBe(true);
    expect(allowed(policy, { action: 'kms:GenerateDataKeyWithoutPlaintext', resource: 'k' })).toBe(true);
    expect(allowed(policy, { action: 'sqs:GetQueueUrl', resource: 'q' })).toBe(true);
    expect(allowed(policy, { action: 'kms:Decrypt', resource: 'k' })).toBe(false);
  });

  it('NotAction allows every action but the ones it names', () => {
    const policy: PolicyStatement[] = [{ Effect: 'Allow', NotAction: ['sns:Publish'], Resource: ['*'] }];
    expect(allowed(policy, { action: 'sns:Subscribe', resource: TOPIC })).toBe(true);
    expect(allowed(policy, { action: 'sns:Publish', resource: TOPIC })).toBe(false);
  });
});

describe('resources', () => {
  it('name the exact ARN: the table grant does not reach its indexes', () => {
    const policy = [allow(['dynamodb:Query'], [TABLE])];
    expect(allowed(policy, { action: 'dynamodb:Query', resource: TABLE })).toBe(true);
    expect(reason(policy, { action: 'dynamodb:Query', resource: `${TABLE}/index/gsi1` })).toMatch(
      /^no Allow for dynamodb:Query on this resource \(allowed on arn:aws:dynamodb:.*table\/herald\)$/,
    );
  });

  it('take a trailing * across slashes and colons: index/* and a topic subscription <topic>:*', () => {
    const policy = [
      allow(['dynamodb:Query'], [`${TABLE}/index/*`]),
      allow(['sns:Unsubscribe'], [`${TOPIC}:*`]),
    ];
    expect(allowed(policy, { action: 'dynamodb:Query', resource: `${TABLE}/index/gsi2` })).toBe(true);
    expect(allowed(policy, { action: 'sns:Unsubscribe', resource: `${TOPIC}:0f1e2d3c` })).toBe(true);
    expect(allowed(policy, { action: 'sns:Unsubscribe', resource: TOPIC })).toBe(false);
  });

  it('keep a * inside a segment from running on across a colon', () => {
    const policy = [allow(['sns:Publish'], ['arn:aws:sns:ca-*-1:111122223333:area-*-en'])];
    expect(allowed(policy, { action: 'sns:Publish', resource: TOPIC })).toBe(true);
    expect(allowed(policy, { action: 'sns:Publish', resource: `${TOPIC.replace('-en', '')}:x-en` })).toBe(
      false,
    );
  });

  it('a secret ARN with its random suffix matches only a pattern that allows for it', () => {
    const secret = 'arn:aws:secretsmanager:ca-central-1:111122223333:secret:herald/x/hq-AbC123';
    const byName = [allow(['secretsmanager:GetSecretValue'], [secret.replace('-AbC123', '')])];
    const withSuffix = [allow(['secretsmanager:GetSecretValue'], [secret.replace('-AbC123', '-??????')])];
    expect(allowed(byName, { action: 'secretsmanager:GetSecretValue', resource: secret })).toBe(false);
    expect(allowed(withSuffix, { action: 'secretsmanager:GetSecretValue', resource: secret })).toBe(true);
  });

  it('NotResource applies to everything but the resources it names', () => {
    const policy: PolicyStatement[] = [{ Effect: 'Allow', Action: ['sns:Publish'], NotResource: [TOPIC] }];
    expect(allowed(policy, { action: 'sns:Publish', resource: '*' })).toBe(true);
    expect(allowed(policy, { action: 'sns:Publish', resource: TOPIC })).toBe(false);
  });
});

describe('dynamodb:LeadingKeys under ForAllValues:StringLike', () => {
  const limited = [
    allow(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Scan'], [TABLE], {
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SUBSCRIBER#*'] },
    }),
  ];
  const keys = (...values: string[]) => ({ 'dynamodb:LeadingKeys': values });

  it('allows a call whose every partition key has the prefix', () => {
    expect(
      allowed(limited, {
        action: 'dynamodb:BatchGetItem',
        resource: TABLE,
        context: keys('SUBSCRIBER#a', 'SUBSCRIBER#ADDR#b'),
      }),
    ).toBe(true);
  });

  it('refuses a batch in which one key lacks the prefix, saying which condition failed', () => {
    const request = {
      action: 'dynamodb:BatchGetItem',
      resource: TABLE,
      context: keys('SUBSCRIBER#a', 'INCIDENT#b'),
    };
    expect(reason(limited, request)).toBe(
      'the Allow for dynamodb:BatchGetItem on this resource requires {"ForAllValues:StringLike":{"dynamodb:LeadingKeys":["SUBSCRIBER#*"]}}',
    );
  });

  it('holds vacuously for a call without keys (a Scan), which is why such grants must not include Scan', () => {
    expect(allowed(limited, { action: 'dynamodb:Scan', resource: TABLE })).toBe(true);
  });
});

describe('condition operators', () => {
  it('ForAnyValue needs one matching value and fails on an absent key', () => {
    expect(condition('ForAnyValue:StringEquals', ['a'], ['b', 'a'])).toBe(true);
    expect(condition('ForAnyValue:StringEquals', ['a'], undefined)).toBe(false);
  });

  it('a single-valued operator fails on an absent key, unless IfExists or negated', () => {
    expect(condition('StringEquals', ['a'], undefined)).toBe(false);
    expect(condition('StringEqualsIfExists', ['a'], undefined)).toBe(true);
    expect(condition('StringNotEquals', ['a'], undefined)).toBe(true);
    expect(condition('StringNotLike', ['a*'], ['abc'])).toBe(false);
  });

  it('Bool, ArnLike and Null compare as IAM does', () => {
    expect(condition('Bool', ['false'], ['false'])).toBe(true);
    expect(condition('ArnLike', ['arn:aws:sns:*:*:area-*'], [TOPIC])).toBe(true);
    expect(condition('Null', ['true'], undefined)).toBe(true);
    expect(condition('Null', ['false'], ['x'])).toBe(true);
  });

  it('refuses an operator it does not model instead of guessing', () => {
    expect(() => condition('NumericLessThan', ['3'], ['2'])).toThrow(/not modelled/);
  });
});

describe('an explicit Deny', () => {
  // D19: direct SMS is sns:Publish on "*", with every SNS ARN taken back out.
  const directSms: PolicyStatement[] = [
    allow(['sns:Publish'], ['*']),
    { Effect: 'Deny', Action: ['sns:Publish'], Resource: ['arn:aws:sns:*:*:*'] },
  ];

  it('wins over an Allow that matches the same call', () => {
    expect(reason(directSms, { action: 'sns:Publish', resource: TOPIC })).toBe(
      'explicitly denied by Deny sns:Publish on arn:aws:sns:*:*:*',
    );
  });

  it('leaves what it does not match alone: a publish to a phone number has no ARN', () => {
    expect(allowed(directSms, { action: 'sns:Publish', resource: '*' })).toBe(true);
  });

  it('applies only when its conditions hold', () => {
    const policy: PolicyStatement[] = [
      allow(['sns:Publish'], ['*']),
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
      },
    ];
    const request = { action: 'sns:Publish', resource: TOPIC };
    expect(allowed(policy, { ...request, context: { 'aws:SecureTransport': ['true'] } })).toBe(true);
    expect(allowed(policy, { ...request, context: { 'aws:SecureTransport': ['false'] } })).toBe(false);
  });
});
