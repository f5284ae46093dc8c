import type { AwsCall } from '../../infra/local/aws-call-recording.js';
import type { IamModel } from './iam-model.js';
import type { IamRequest } from './iam-policy.js';

/**
 * What IAM authorizes for one recorded call: the call's `${VARIABLE}` placeholders filled from the
 * function's synthesized environment (as its AWS adapter reads them), then one request per action
 * and resource the call touches, each with a description naming the call for failure messages.
 */
export interface Need {
  request: IamRequest;
  /** `DynamoDB BatchGetItem on arn:... with keys SUBSCRIBER#...` */
  what: string;
}

export type Translation = { needs: Need[] } | { error: string };

const SERVICE = {
  dynamodb: 'DynamoDB',
  sns: 'SNS',
  sqs: 'SQS',
  kms: 'KMS',
  secretsmanager: 'Secrets Manager',
  s3: 'S3',
  lambda: 'Lambda',
};

export function needsOf(call: AwsCall, model: IamModel): Translation {
  const environment = model.functions[call.fn]?.environment;
  if (!environment) return { error: `${call.fn} is not a function of the synthesized stacks` };
  const missing = new Set<string>();
  const input = fill(call.input, environment, missing) as Record<string, unknown>;
  const called = `${SERVICE[call.service]} ${call.command}`;
  if (missing.size > 0)
    return {
      error: `${called}, but its template sets no ${[...missing].join(', ')}, which the AWS adapter reads`,
    };
  try {
    const needs = translators[call.service](call.command, input, model);
    return { needs: call.notFoundIsAnAnswer ? [...needs, ...notFoundNeeds(call, input, model)] : needs };
  } catch (error) {
    return { error: `${called}, but ${(error as Error).message}` };
  }
}

/** S3 answers "no such key" (404) only to a caller that may list the bucket; anyone else gets 403. */
function notFoundNeeds(call: AwsCall, input: Input, model: IamModel): Need[] {
  if (call.service !== 's3') throw new Error(`a missing resource as an answer is modelled for S3 only`);
  const resource = `arn:${model.partition}:s3:::${input.Bucket}`;
  return [
    {
      request: { action: 's3:ListBucket', resource },
      what: `S3 ${call.command} of ${input.Key}, which may not exist yet: S3 answers 404 rather than 403 only to a caller with s3:ListBucket on ${resource}`,
    },
  ];
}

/** What Lambda itself needs to run a queue-triggered function: its event source polls as the function. */
export function eventSourceNeeds(fn: string, model: IamModel): Need[] {
  return (model.functions[fn]?.eventSources ?? []).flatMap((arn) => {
    const queue = model.queues.find((q) => q.arn === arn);
    const what = `its event source (Lambda polling ${arn})`;
    return [
      ...['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'].map((action) => ({
        request: { action, resource: arn },
        what,
      })),
      ...(queue?.keyArn ? [{ request: { action: 'kms:Decrypt', resource: queue.keyArn }, what }] : []),
    ];
  });
}

function fill(value: unknown, environment: Record<string, string>, missing: Set<string>): unknown {
  const text = (s: string) =>
    s.replace(/\$\{([A-Z0-9_]+)\}/g, (_all, name: string) => {
      if (environment[name] === undefined) missing.add(name);
      return environment[name] ?? '';
    });
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => fill(v, environment, missing));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [text(k), fill(v, environment, missing)]),
    );
  return value;
}

type Input = Record<string, unknown>;
type Translator = (command: string, input: Input, model: IamModel) => Need[];

const arn = (model: IamModel, service: string, rest: string) =>
  `arn:${model.partition}:${service}:${model.region}:${model.account}:${rest}`;

/** KMS authorizes a call through an encrypted topic or queue on the caller's own key permissions. */
function keyUse(keyArn: string | undefined, via: string): Need[] {
  if (!keyArn || /:alias\/aws\//.test(keyArn)) return [];
  const what = `${via}, which uses its KMS key as the caller`;
  return ['kms:GenerateDataKey', 'kms:Decrypt'].map((action) => ({
    request: { action, resource: keyArn },
    what,
  }));
}

const translators: Record<AwsCall['service'], Translator> = {
  dynamodb: (command, input, model) => dynamoNeeds(command, input, model),
  sns: (command, input, model) => {
    const target = (input.TopicArn ?? input.TargetArn ?? input.SubscriptionArn) as string | undefined;
    const resource = target ?? '*';
    const what = `SNS ${command} ${input.PhoneNumber ? 'to a phone number' : `on ${resource}`}`;
    const own = { request: { action: `sns:${command}`, resource }, what };
    if (command !== 'Publish' || !input.TopicArn) return [own];
    return [own, ...keyUse(model.topicKeys[input.TopicArn as string], what)];
  },
  sqs: (command, input, model) => {
    const queue = model.queues.find((q) => q.url === input.QueueUrl);
    if (!queue) throw new Error(`no queue has the URL ${input.QueueUrl}`);
    // SendMessageBatch is authorized as SendMessage (as are the Change... and Delete... batches).
    const action = `sqs:${command.replace(/Batch$/, '')}`;
    const what = `SQS ${command} to ${queue.arn}`;
    return [{ request: { action, resource: queue.arn }, what }, ...keyUse(queue.keyArn, what)];
  },
  kms: (command, input, model) => {
    const key = String(input.KeyId);
    const resource = key.startsWith('arn:') ? key : arn(model, 'kms', `key/${key}`);
    return [{ request: { action: `kms:${command}`, resource }, what: `KMS ${command} with ${resource}` }];
  },
  s3: (command, input, model) => {
    const bucket = String(input.Bucket);
    const bucketArn = `arn:${model.partition}:s3:::${bucket}`;
    if (command === 'ListObjectsV2')
      return [
        { request: { action: 's3:ListBucket', resource: bucketArn }, what: `S3 ${command} of ${bucketArn}` },
      ];
    const object = `${bucketArn}/${input.Key}`;
    const what = `S3 ${command} of ${object}`;
    const need = (action: string, resource = object) => ({ request: { action, resource }, what });
    const key = model.buckets[bucket]?.keyArn;
    switch (command) {
      case 'GetObject':
      case 'HeadObject':
        return [need('s3:GetObject'), ...(key ? [need('kms:Decrypt', key)] : [])];
      case 'PutObject':
        return [
          need('s3:PutObject'),
          ...(input.ACL ? [need('s3:PutObjectAcl')] : []),
          ...(input.Tagging ? [need('s3:PutObjectTagging')] : []),
          ...(key ? [need('kms:GenerateDataKey', key)] : []),
        ];
      case 'DeleteObject':
        return [need('s3:DeleteObject')];
      default:
        throw new Error(`S3 ${command} is not modelled: teach tests/infra/iam-requests.ts`);
    }
  },
  // The dispatch warmer (D40) invokes the worker its HERALD_DISPATCH_WORKERS names for the queue.
  lambda: (command, input) => {
    if (command !== 'Invoke')
      throw new Error(`Lambda ${command} is not modelled: teach tests/infra/iam-requests.ts`);
    const workers = JSON.parse(String(input.DispatchWorkers)) as Record<string, { functionArn?: string }>;
    const resource = workers[String(input.Queue)]?.functionArn;
    if (!resource) throw new Error(`HERALD_DISPATCH_WORKERS names no worker for ${input.Queue}`);
    return [{ request: { action: 'lambda:InvokeFunction', resource }, what: `Lambda Invoke of ${resource}` }];
  },
  secretsmanager: (command, input, model) => {
    const id = String(input.SecretId);
    const resource = id.startsWith('arn:') ? id : model.secrets[id];
    if (!resource) throw new Error(`no secret named ${id} in the stateful stack`);
    return [
      {
        request: { action: `secretsmanager:${command}`, resource },
        what: `Secrets Manager ${command} on ${resource}`,
      },
    ];
  },
};

/** Each item of a transaction is authorized as the single-item action. */
const TRANSACT_ACTIONS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

function dynamoNeeds(command: string, input: Input, model: IamModel): Need[] {
  const need = (action: string, table: string, keys: string[] | undefined, index?: string): Need => {
    const tableArn = arn(model, 'dynamodb', `table/${table}`);
    const resource = index ? `${tableArn}/index/${index}` : tableArn;
    const described = keys ? ` with keys ${abbreviate(keys)}` : '';
    return {
      request: {
        action: `dynamodb:${action}`,
        resource,
        ...(keys ? { context: { 'dynamodb:LeadingKeys': keys } } : {}),
      },
      what: `DynamoDB ${action === command ? command : `${command} (${action})`} on ${resource}${described}`,
    };
  };
  const partitionOf = (table: string, item: unknown) => {
    const attribute = tableOf(model, table).partitionKey;
    return scalar((item as Input | undefined)?.[attribute]);
  };
  const table = input.TableName as string;
  switch (command) {
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      return [need(command, table, [partitionOf(table, input.Key)])];
    case 'PutItem':
      return [need(command, table, [partitionOf(table, input.Item)])];
    case 'Query': {
      const index = input.IndexName as string | undefined;
      return [need(command, table, [queriedPartition(input, model)], index)];
    }
    case 'Scan':
      return [need(command, table, undefined, input.IndexName as string | undefined)];
    case 'BatchGetItem':
      return Object.entries(input.RequestItems as Record<string, { Keys: Input[] }>).map(([name, { Keys }]) =>
        need(
          command,
          name,
          Keys.map((key) => partitionOf(name, key)),
        ),
      );
    case 'BatchWriteItem':
      return Object.entries(input.RequestItems as Record<string, Input[]>).map(([name, writes]) =>
        need(
          command,
          name,
          writes.map((w) =>
            partitionOf(name, (w.PutRequest as Input)?.Item ?? (w.DeleteRequest as Input)?.Key),
          ),
        ),
      );
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return (input.TransactItems as Record<string, Input>[]).flatMap((item) =>
        Object.entries(item).map(([kind, body]) => {
          const name = body.TableName as string;
          const action = TRANSACT_ACTIONS[kind];
          if (!action) throw new Error(`a transaction item of kind ${kind} is not modelled`);
          return need(action, name, [partitionOf(name, body.Key ?? body.Item)]);
        }),
      );
    default:
      // Table-level calls (DescribeTable...): the table's ARN, no item keys.
      return [need(command, table, undefined)];
  }
}

function tableOf(model: IamModel, name: string) {
  const table = model.tables[name];
  if (!table) throw new Error(`no table named ${name} in the stateful stack`);
  return table;
}

/** The partition key value a Query's KeyConditionExpression fixes (`pk = :pk AND ...`). */
function queriedPartition(input: Input, model: IamModel): string {
  const table = tableOf(model, input.TableName as string);
  const index = input.IndexName as string | undefined;
  const attribute = index ? table.indexes[index] : table.partitionKey;
  if (!attribute) throw new Error(`no index ${index} on ${input.TableName}`);
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Input;
  for (const clause of String(input.KeyConditionExpression).split(/\s+AND\s+/i)) {
    const [left, right] = clause
      .replace(/[()]/g, '')
      .split('=')
      .map((side) => side.trim());
    if (!left || !right) continue;
    const [name, value] = left.startsWith(':') ? [right, left] : [left, right];
    if ((names[name] ?? name) === attribute && value.startsWith(':')) return scalar(values[value]);
  }
  throw new Error(`its KeyConditionExpression fixes no ${attribute}: ${input.KeyConditionExpression}`);
}

/** A key value as the document client sends it, or marshalled (`{ S: '...' }`) by the plain client. */
function scalar(value: unknown): string {
  if (value && typeof value === 'object') {
    const typed = value as Record<string, unknown>;
    return String(typed.S ?? typed.N ?? typed.B ?? JSON.stringify(value));
  }
  if (value === undefined) throw new Error('a key without its partition key');
  return String(value);
}

function abbreviate(keys: string[]): string {
  const distinct = [...new Set(keys)];
  const shown = distinct.slice(0, 3).map((k) => (k.length > 48 ? `${k.slice(0, 45)}...` : k));
  return distinct.length > 3 ? `${shown.join(', ')} and ${distinct.length - 3} more` : shown.join(', ');
}
