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
          HERALD_PUBLIC_SITE_BUCKET: 'herald-site-111122223333-ca-central-1',
        },
        eventSources: [QUEUE.arn],
      },
    },
    tables: { herald: { partitionKey: 'pk', indexes: { gsi1: 'gsi1pk' } } },
    secrets: { 'herald/x/hq': arn('secretsmanager', 'secret:herald/x/hq-AbC123') },
    topicKeys: { [arn('sns', 'area-14-en')]: TOPIC_KEY },
    queues: [{ ...QUEUE, keyArn: arn('kms', 'key/queue') }],
    buckets: {
      'herald-site-111122223333-ca-central-1': {},
      'sealed-site': { keyArn: arn('kms', 'key/site') },
    },
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

describe('what IAM authorizes for S3 calls', () => {
  const SITE = 'arn:aws:s3:::herald-site-111122223333-ca-central-1';
  const bucket = env('HERALD_PUBLIC_SITE_BUCKET');

  it('an object call targets the object ARN, with neither Region nor account', () => {
    const put = call('s3', 'PutObject', { Bucket: bucket, Key: 'b/bc_1', ContentType: 'text/html' });
    expect(requests(put)).toEqual([{ action: 's3:PutObject', resource: `${SITE}/b/bc_1` }]);
    expect(requests(call('s3', 'GetObject', { Bucket: bucket, Key: 'fr/index.html' }))).toEqual([
      { action: 's3:GetObject', resource: `${SITE}/fr/index.html` },
    ]);
  });

  it('a read that takes "no such key" as an answer also needs s3:ListBucket on the bucket', () => {
    const read: AwsCall = {
      ...call('s3', 'GetObject', { Bucket: bucket, Key: '_herald/site-hashes.json' }),
      notFoundIsAnAnswer: true,
    };
    expect(requests(read)).toEqual([
      { action: 's3:GetObject', resource: `${SITE}/_herald/site-hashes.json` },
      { action: 's3:ListBucket', resource: SITE },
    ]);
  });

  it('an object in a bucket with a customer key needs that key: GenerateDataKey to write, Decrypt to read', () => {
    expect(
      requests(call('s3', 'PutObject', { Bucket: 'sealed-site', Key: 'a' })).map((r) => r.action),
    ).toEqual(['s3:PutObject', 'kms:GenerateDataKey']);
    expect(requests(call('s3', 'GetObject', { Bucket: 'sealed-site', Key: 'a' }))[1]).toEqual({
      action: 'kms:Decrypt',
      resource: arn('kms', 'key/site'),
    });
  });

  it('a command the model does not know is an error, not a pass', () => {
    expect(needsOf(call('s3', 'CopyObject', { Bucket: bucket, Key: 'a' }), model())).toEqual({
      error: 'S3 CopyObject, but S3 CopyObject is not modelled: teach tests/infra/iam-requests.ts',
    });
  });

  it("the renderer's grant: Get and Put on the objects and ListBucket on the bucket pass; a Delete does not", () => {
    const statements = [
      { Effect: 'Allow' as const, Action: ['s3:GetObject', 's3:PutObject'], Resource: [`${SITE}/*`] },
      { Effect: 'Allow' as const, Action: ['s3:ListBucket'], Resource: [SITE] },
    ];
    const worker = { name: 'worker', trigger: { kind: 'http', routes: [] } } as unknown as FunctionDefinition;
    // What it sent, not what its event source needs (the model's worker is queue-triggered).
    const checkCalls = (c: AwsCall[], m: IamModel) =>
      checkAwsCalls(c, m, [worker]).filter((line) => line.includes(' sent '));
    const calls: AwsCall[] = [
      {
        ...call('s3', 'GetObject', { Bucket: bucket, Key: '_herald/site-hashes.json' }),
        notFoundIsAnAnswer: true,
      },
      call('s3', 'PutObject', { Bucket: bucket, Key: 'index.html' }),
      call('s3', 'PutObject', { Bucket: bucket, Key: '_herald/site-hashes.json' }),
    ];
    expect(checkCalls(calls, model(statements))).toEqual([]);
    expect(
      checkCalls([call('s3', 'DeleteObject', { Bucket: bucket, Key: 'index.html' })], model(statements)),
    ).toEqual([`worker sent S3 DeleteObject of ${SITE}/index.html: no Allow for s3:DeleteObject`]);
    const withoutList = statements.slice(0, 1);
    expect(checkCalls(calls.slice(0, 1), model(withoutList))).toEqual([
      `worker sent S3 GetObject of _herald/site-hashes.json, which may not exist yet: S3 answers 404 rather than 403 only to a caller with s3:ListBucket on ${SITE}: no Allow for s3:ListBucket`,
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
