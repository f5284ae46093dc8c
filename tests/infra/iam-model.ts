import type { CfnElement } from 'aws-cdk-lib';
import type { FunctionDefinition } from '../../functions/manifest-types.js';
import { buildTestApp } from './harness.js';
import type { PolicyStatement } from './iam-policy.js';
import { heraldFunction } from './templates.js';

/**
 * The synthesized deployment as IAM will see it, in one made-up account and Region: each
 * function's policy statements and environment with every intrinsic resolved to the string it
 * becomes on deploy, and the facts needed to name what a call targets (table keys, secret ARNs,
 * the keys of encrypted topics and queues). Plain data, so vitest's globalSetup can hand it to the
 * test workers (tests/infra/iam-global-setup.ts).
 */
export interface IamModel {
  partition: string;
  region: string;
  account: string;
  functions: Record<string, FunctionPolicy>;
  /** By table name: the partition key attribute of the table and of each index. */
  tables: Record<string, { partitionKey: string; indexes: Record<string, string> }>;
  /** Secret name to ARN, with the random suffix Secrets Manager appends. */
  secrets: Record<string, string>;
  /** Topic ARN to the ARN of the KMS key that encrypts it, when one does. */
  topicKeys: Record<string, string | undefined>;
  queues: { url: string; arn: string; keyArn?: string }[];
  /** By bucket name: the ARN of the KMS key objects are encrypted with by default, when it is a customer's. */
  buckets: Record<string, { keyArn?: string }>;
}

export interface FunctionPolicy {
  statements: PolicyStatement[];
  environment: Record<string, string>;
  /** ARNs of the queues Lambda polls for this function (its event source mappings). */
  eventSources: string[];
}

export const MODEL_ENVIRONMENT = { partition: 'aws', region: 'ca-central-1', account: '111122223333' };

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties?: Json;
}
interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }>;
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export function buildIamModel(manifest: readonly FunctionDefinition[]): IamModel {
  const { app, stateless } = buildTestApp(manifest);
  const assembly = app.synth();
  const templates = new Map<string, Template>(
    assembly.stacks.map((stack) => [stack.stackName, stack.template as Template]),
  );
  const { partition, region, account } = MODEL_ENVIRONMENT;
  const resolver = new Resolver(templates);
  const statelessTemplate = templates.get(stateless.stackName) as Template;
  const resolve = (value: unknown) => resolver.resolve(value, statelessTemplate);
  const all = [...templates.values()].flatMap((t) =>
    Object.entries(t.Resources).map(([id, r]) => ({ id, ...r, template: t })),
  );
  const ofType = (type: string) => all.filter((r) => r.Type === type);

  const functions: Record<string, FunctionPolicy> = {};
  for (const { name } of manifest) {
    const { fn, alias } = heraldFunction(stateless, name);
    const fnId = stateless.getLogicalId(fn.node.defaultChild as CfnElement);
    const aliasId = stateless.getLogicalId(alias.node.defaultChild as CfnElement);
    const roleId = stateless.getLogicalId(fn.role?.node.defaultChild as CfnElement);
    const attached = (r: Resource) => list(r.Properties?.Roles as Json[]).some((role) => role.Ref === roleId);
    const role = statelessTemplate.Resources[roleId];
    if (list(role?.Properties?.ManagedPolicyArns).length > 0)
      throw new Error(`${name}: a managed policy outside the template cannot be evaluated here`);
    const documents = [
      ...list(role?.Properties?.Policies as Json[]).map((p) => p.PolicyDocument),
      ...ofType('AWS::IAM::Policy')
        .concat(ofType('AWS::IAM::ManagedPolicy'))
        .filter(attached)
        .map((p) => p.Properties?.PolicyDocument),
    ] as { Statement: unknown }[];
    const fnProps = statelessTemplate.Resources[fnId]?.Properties ?? {};
    functions[name] = {
      statements: documents.flatMap((d) => list(d.Statement).map((s) => statement(resolve(s) as Json))),
      environment: resolve((fnProps.Environment as Json | undefined)?.Variables ?? {}) as Record<
        string,
        string
      >,
      // Event sources invoke the function's `live` alias (`<function name>:live`, from the alias ARN).
      eventSources: ofType('AWS::Lambda::EventSourceMapping')
        .filter((m) => JSON.stringify(m.Properties?.FunctionName).includes(JSON.stringify({ Ref: aliasId })))
        .map((m) => resolve(m.Properties?.EventSourceArn) as string),
    };
  }

  const keyArn = (value: unknown, template: Template) => {
    if (value === undefined) return undefined;
    const key = resolver.resolve(value, template) as string;
    return key.startsWith('arn:') ? key : `arn:${partition}:kms:${region}:${account}:key/${key}`;
  };
  return {
    ...MODEL_ENVIRONMENT,
    functions,
    tables: Object.fromEntries(
      ofType('AWS::DynamoDB::Table').map((t) => {
        const hashOf = (schema: unknown) =>
          (list(schema as Json[]).find((k) => k.KeyType === 'HASH')?.AttributeName as string) ?? '';
        const indexes = list(t.Properties?.GlobalSecondaryIndexes as Json[]).concat(
          list(t.Properties?.LocalSecondaryIndexes as Json[]),
        );
        return [
          resolver.ref(t.id, t.template),
          {
            partitionKey: hashOf(t.Properties?.KeySchema),
            indexes: Object.fromEntries(indexes.map((i) => [i.IndexName as string, hashOf(i.KeySchema)])),
          },
        ];
      }),
    ),
    secrets: Object.fromEntries(
      ofType('AWS::SecretsManager::Secret').map((s) => [
        (s.Properties?.Name as string | undefined) ?? s.id,
        resolver.ref(s.id, s.template),
      ]),
    ),
    topicKeys: Object.fromEntries(
      ofType('AWS::SNS::Topic').map((t) => [
        resolver.ref(t.id, t.template),
        keyArn(t.Properties?.KmsMasterKeyId, t.template),
      ]),
    ),
    buckets: Object.fromEntries(
      ofType('AWS::S3::Bucket').map((b) => {
        const rules = ((b.Properties?.BucketEncryption as Json | undefined)
          ?.ServerSideEncryptionConfiguration ?? []) as Json[];
        const sse = rules[0]?.ServerSideEncryptionByDefault as Json | undefined;
        const key = sse?.SSEAlgorithm === 'aws:kms' ? keyArn(sse.KMSMasterKeyID, b.template) : undefined;
        return [resolver.ref(b.id, b.template), key ? { keyArn: key } : {}];
      }),
    ),
    queues: ofType('AWS::SQS::Queue').map((q) => ({
      url: resolver.ref(q.id, q.template),
      arn: resolver.attribute(q.id, 'Arn', q.template),
      ...(q.Properties?.KmsMasterKeyId ? { keyArn: keyArn(q.Properties.KmsMasterKeyId, q.template) } : {}),
    })),
  };
}

function statement(raw: Json): PolicyStatement {
  const strings = (value: unknown) => (value === undefined ? undefined : list(value).map(String));
  const s: PolicyStatement = { Effect: raw.Effect as PolicyStatement['Effect'] };
  for (const field of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    const values = strings(raw[field]);
    if (values) s[field] = values;
  }
  if (raw.Condition) {
    s.Condition = Object.fromEntries(
      Object.entries(raw.Condition as Record<string, Json>).map(([operator, keys]) => [
        operator,
        Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, strings(values) ?? []])),
      ]),
    );
  }
  return s;
}

/** CloudFormation's intrinsics, evaluated as a deploy to MODEL_ENVIRONMENT would. */
class Resolver {
  private readonly exports = new Map<string, { value: unknown; template: Template }>();

  constructor(templates: Map<string, Template>) {
    for (const template of templates.values())
      for (const output of Object.values(template.Outputs ?? {}))
        if (output.Export) this.exports.set(output.Export.Name, { value: output.Value, template });
  }

  resolve(value: unknown, template: Template): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, template));
    if (value === null || typeof value !== 'object') return value;
    const v = value as Json;
    const [intrinsic] = Object.keys(v);
    if (Object.keys(v).length === 1 && intrinsic && (intrinsic === 'Ref' || intrinsic.startsWith('Fn::'))) {
      const arg = v[intrinsic];
      switch (intrinsic) {
        case 'Ref':
          return this.ref(arg as string, template);
        case 'Fn::GetAtt': {
          const [id, attribute] = arg as [string, string];
          return this.attribute(id, attribute, template);
        }
        case 'Fn::Join': {
          const [separator, parts] = arg as [string, unknown[]];
          return parts.map((p) => this.resolve(p, template)).join(separator);
        }
        case 'Fn::ImportValue': {
          const name = this.resolve(arg, template) as string;
          const exported = this.exports.get(name);
          if (!exported) throw new Error(`no stack exports ${name}`);
          return this.resolve(exported.value, exported.template);
        }
        case 'Fn::Select': {
          const [index, values] = arg as [number, unknown];
          return (this.resolve(values, template) as unknown[])[Number(index)];
        }
        case 'Fn::Split': {
          const [separator, text] = arg as [string, unknown];
          return (this.resolve(text, template) as string).split(separator);
        }
        default:
          throw new Error(`${intrinsic} is not modelled: teach tests/infra/iam-model.ts`);
      }
    }
    return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, this.resolve(inner, template)]));
  }

  ref(id: string, template: Template): string {
    const { partition, region, account } = MODEL_ENVIRONMENT;
    const pseudo: Record<string, string> = {
      'AWS::Partition': partition,
      'AWS::Region': region,
      'AWS::AccountId': account,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    if (pseudo[id]) return pseudo[id];
    const resource = template.Resources[id];
    if (!resource) throw new Error(`Ref to ${id}, which is not in the template`);
    const props = resource.Properties ?? {};
    const named = (field: string) => (props[field] as string | undefined) ?? id;
    switch (resource.Type) {
      case 'AWS::SQS::Queue':
        return `https://sqs.${region}.amazonaws.com/${account}/${named('QueueName')}`;
      case 'AWS::SNS::Topic':
        return `arn:${partition}:sns:${region}:${account}:${named('TopicName')}`;
      // Secrets Manager appends six random characters to the name in the ARN.
      case 'AWS::SecretsManager::Secret':
        return `arn:${partition}:secretsmanager:${region}:${account}:secret:${named('Name')}-${suffix(id)}`;
      case 'AWS::DynamoDB::Table':
        return named('TableName');
      case 'AWS::Logs::LogGroup':
        return named('LogGroupName');
      // An alias's Ref is its ARN: the function's name (its logical id when CDK names none) and the alias name.
      case 'AWS::Lambda::Alias':
        return `arn:${partition}:lambda:${region}:${account}:function:${this.resolve(props.FunctionName, template) as string}:${props.Name as string}`;
      case 'AWS::S3::Bucket':
        return typeof props.BucketName === 'string' || props.BucketName === undefined
          ? named('BucketName')
          : (this.resolve(props.BucketName, template) as string);
      default:
        return id;
    }
  }

  attribute(id: string, attribute: string, template: Template): string {
    const { partition, region, account } = MODEL_ENVIRONMENT;
    const resource = template.Resources[id];
    if (!resource) throw new Error(`GetAtt of ${id}, which is not in the template`);
    const name = this.ref(id, template);
    if (attribute !== 'Arn') {
      if (resource.Type === 'AWS::SQS::Queue' && attribute === 'QueueName')
        return name.split('/').pop() ?? id;
      if (resource.Type === 'AWS::SNS::Topic' && attribute === 'TopicArn') return name;
      return `${id}.${attribute}`;
    }
    const arn = (service: string, rest: string) => `arn:${partition}:${service}:${region}:${account}:${rest}`;
    switch (resource.Type) {
      case 'AWS::SQS::Queue':
        return arn('sqs', name.split('/').pop() ?? id);
      case 'AWS::KMS::Key':
        return arn('kms', `key/${id}`);
      case 'AWS::DynamoDB::Table':
        return arn('dynamodb', `table/${name}`);
      case 'AWS::Logs::LogGroup':
        return arn('logs', `log-group:${name}:*`);
      case 'AWS::IAM::Role':
        return `arn:${partition}:iam::${account}:role/${id}`;
      // S3 ARNs carry neither Region nor account.
      case 'AWS::S3::Bucket':
        return `arn:${partition}:s3:::${name}`;
      default:
        return arn(resource.Type.split('::')[1]?.toLowerCase() ?? 'unknown', id);
    }
  }
}

/** Six characters from the logical id, standing for the suffix a deploy would draw. */
function suffix(id: string): string {
  const letters = id.replace(/[^A-Za-z0-9]/g, '');
  return letters.slice(-6).padStart(6, 'x');
}
