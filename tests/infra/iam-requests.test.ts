import { describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import type { AwsCall } from '../../infra/local/aws-call-recording.js';
import { checkAwsCalls } from './iam-check.js';
import type { IamModel } from './iam-model.js';
import { eventSourceNeeds, needsOf } from './iam-requests.js';

const ARN = 'arn:aws:%s:ca-central-1:111122223333:';
const arn = (service: string, rest: string) => ARN.replace('%s', service) + rest;
const TABLE = arn('dynamodb', 'table/herald');
const QUEUE = { url: 'https://sqs.ca-central-1.amazonaws.com/111122223333/jobs', arn: arn('sqs', 'jobs') };
const TOPIC_KEY = arn('kms', 'key/topics');
/** The placeholder a recorded call carries for an environment value (infra/local/local-context.ts). */
const env = (name: string) => `\${${name}}`;

/** A deployment of one function, `worker`, small enough to read in the test. */
function model(statements: IamModel['functions'][string]['statements'] = []): IamModel {
  return {
    partition: 'aws',
    region: 'ca-central-1',
    account: '111122223333',
    functions: {
      worker: {
        statements,
        environment: {
          HERALD_TABLE_NAME: 'herald',
          HERALD_TOPIC_ARN_PREFIX: arn('sns', ''),
          HERALD_QUEUE_URL_X_DELIVERIES: QUEUE.url,
          HERALD_X_SECRET_PREFIX: 'herald/x/',
        },
        eventSources: [QUEUE.arn],
      },
    },
    tables: { herald: { partitionKey: 'pk', indexes: { gsi1: 'gsi1pk' } } },
    secrets: { 'herald/x/hq': arn('secretsmanager', 'secret:herald/x/hq-AbC123') },
    topicKeys: { [arn('sns', 'area-14-en')]: TOPIC_KEY },
    queues: [{ ...QUEUE, keyArn: arn('kms', 'key/queue') }],
  };
}

const call = (service: AwsCall['service'], command: string, input: Record<string, unknown>): AwsCall => ({
  fn: 'worker',
  service,
  command,
  input,
});
const requests = (c: AwsCall) => {
  const translated = needsOf(c, model());
  if ('error' in translated) throw new Error(translated.error);
  return translated.needs.map((n) => n.request);
};

describe('what IAM authorizes for a DynamoDB call', () => {
  it('a BatchGetItem is one request on the table with every partition key as LeadingKeys', () => {
    const batch = call('dynamodb', 'BatchGetItem', {
      RequestItems: {
        [env('HERALD_TABLE_NAME')]: {
          Keys: [
            { pk: 'SUBSCRIBER#a', sk: 'S' },
            { pk: 'SUBSCRIBER#b', sk: 'S' },
          ],
        },
      },
    });
    expect(requests(batch)).toEqual([
      {
        action: 'dynamodb:BatchGetItem',
        resource: TABLE,
        context: { 'dynamodb:LeadingKeys': ['SUBSCRIBER#a', 'SUBSCRIBER#b'] },
      },
    ]);
  });

  it("a Query on an index targets the index's ARN and keys on the index's partition key", () => {
    const query = call('dynamodb', 'Query', {
      TableName: env('HERALD_TABLE_NAME'),
      IndexName: 'gsi1',
      KeyConditionExpression: '#p = :p AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeNames: { '#p': 'gsi1pk' },
      ExpressionAttributeValues: { ':p': 'INCIDENTS', ':prefix': '2026' },
    });
    expect(requests(query)).toEqual([
      {
        action: 'dynamodb:Query',
        resource: `${TABLE}/index/gsi1`,
        context: { 'dynamodb:LeadingKeys': ['INCIDENTS'] },
      },
    ]);
  });

  it('each item of a transaction is authorized as its own single-item action', () => {
    const transaction = call('dynamodb', 'TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: env('HERALD_TABLE_NAME'), Item: { pk: 'A', sk: '1' } } },
        { ConditionCheck: { TableName: env('HERALD_TABLE_NAME'), Key: { pk: 'B', sk: '1' } } },
      ],
    });
    expect(requests(transaction).map((r) => [r.action, r.context?.['dynamodb:LeadingKeys']])).toEqual([
      ['dynamodb:PutItem', ['A']],
      ['dynamodb:ConditionCheckItem', ['B']],
    ]);
  });

  it('a call on a table the environment does not name is an error, not a pass', () => {
    const translated = needsOf(
      call('dynamodb', 'GetItem', { TableName: env('HERALD_TABLE_NAME'), Key: { pk: 'A' } }),
      { ...model(), functions: { worker: { ...model().functions.worker, environment: {} } } } as IamModel,
    );
    expect(translated).toEqual({
      error: 'DynamoDB GetItem, but its template sets no HERALD_TABLE_NAME, which the AWS adapter reads',
    });
  });
});

describe('what IAM authorizes for SNS, SQS, KMS and Secrets Manager calls', () => {
  it('a publish to a KMS-encrypted topic also needs GenerateDataKey and Decrypt on its key', () => {
    const publish = call('sns', 'Publish', { TopicArn: `${env('HERALD_TOPIC_ARN_PREFIX')}area-14-en` });
    expect(requests(publish)).toEqual([
      { action: 'sns:Publish', resource: arn('sns', 'area-14-en') },
      { action: 'kms:GenerateDataKey', resource: TOPIC_KEY },
      { action: 'kms:Decrypt', resource: TOPIC_KEY },
    ]);
  });

  it('an SMS straight to a phone number has no resource but "*"', () => {
    expect(requests(call('sns', 'Publish', { PhoneNumber: '+15145550100' }))).toEqual([
      { action: 'sns:Publish', resource: '*' },
    ]);
  });

  it('SendMessageBatch is authorized as sqs:SendMessage on the queue behind the URL', () => {
    const send = call('sqs', 'SendMessageBatch', { QueueUrl: env('HERALD_QUEUE_URL_X_DELIVERIES') });
    expect(requests(send)[0]).toEqual({ action: 'sqs:SendMessage', resource: QUEUE.arn });
  });

  it('a secret read by name targets its ARN with the random suffix', () => {
    const read = call('secretsmanager', 'GetSecretValue', { SecretId: `${env('HERALD_X_SECRET_PREFIX')}hq` });
    expect(requests(read)).toEqual([
      {
        action: 'secretsmanager:GetSecretValue',
        resource: arn('secretsmanager', 'secret:herald/x/hq-AbC123'),
      },
    ]);
  });

  it('the event source of a queue-triggered function receives, deletes and decrypts as the function', () => {
    expect(eventSourceNeeds('worker', model()).map((n) => n.request.action)).toEqual([
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'kms:Decrypt',
    ]);
  });
});

describe('checking recorded calls against the policy', () => {
  const worker = { name: 'worker', trigger: { kind: 'http', routes: [] } } as unknown as FunctionDefinition;
  const get = (pk: string) =>
    call('dynamodb', 'GetItem', { TableName: env('HERALD_TABLE_NAME'), Key: { pk } });

  it('names the function, the call and the missing grant, once per grant with the count of calls', () => {
    const refused = checkAwsCalls([get('SUBSCRIBER#a'), get('SUBSCRIBER#b')], model(), [worker]);
    expect(refused.filter((line) => line.includes(' sent '))).toEqual([
      `worker sent DynamoDB GetItem on ${TABLE} with keys SUBSCRIBER#a: no Allow for dynamodb:GetItem (2 calls)`,
    ]);
  });

  it('passes calls the policy allows and still checks what Lambda needs for the event source', () => {
    const statements = [
      { Effect: 'Allow' as const, Action: ['dynamodb:GetItem'], Resource: [TABLE] },
      {
        Effect: 'Allow' as const,
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
        Resource: [QUEUE.arn],
      },
    ];
    expect(checkAwsCalls([get('SUBSCRIBER#a')], model(statements), [worker])).toEqual([
      `worker needs sqs:GetQueueAttributes on ${QUEUE.arn} for its event source (Lambda polling ${QUEUE.arn}): no Allow for sqs:GetQueueAttributes`,
      `worker needs kms:Decrypt on ${arn('kms', 'key/queue')} for its event source (Lambda polling ${QUEUE.arn}): no Allow for kms:Decrypt`,
    ]);
  });
});
