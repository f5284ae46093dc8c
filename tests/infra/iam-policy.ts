/**
 * IAM's identity-policy evaluation, as far as Herald's templates use it: an explicit Deny wins,
 * otherwise some Allow must match the action, the resource and every condition. Actions match
 * case-insensitively with `*` and `?`; resources match an ARN segment by segment, where a `*` ending
 * a segment may run on across colons (the IAM user guide, "Resource" element). Condition operators
 * the templates do not use are refused loudly rather than guessed.
 */

export type Effect = 'Allow' | 'Deny';

/** One statement as IAM reads it, every list an array and every value a resolved string. */
export interface PolicyStatement {
  Effect: Effect;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  /** Operator (`ForAllValues:StringLike`) to condition key to the values it accepts. */
  Condition?: Record<string, Record<string, string[]>>;
}

/** One authorization IAM makes for a call: a call may need several (a batch, a KMS-encrypted target). */
export interface IamRequest {
  action: string;
  /** The ARN the call targets, or `*` when the action has no resource type. */
  resource: string;
  /** Condition keys of the request, each with its values (`dynamodb:LeadingKeys`: every partition key). */
  context?: Record<string, string[]>;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

export function evaluate(statements: readonly PolicyStatement[], request: IamRequest): Decision {
  const deny = statements.find((s) => s.Effect === 'Deny' && applies(s, request));
  if (deny) return { allowed: false, reason: `explicitly denied by ${describe(deny)}` };
  if (statements.some((s) => s.Effect === 'Allow' && applies(s, request))) return { allowed: true };
  return { allowed: false, reason: whyNoAllow(statements, request) };
}

function applies(statement: PolicyStatement, request: IamRequest): boolean {
  return (
    matchesAction(statement, request.action) &&
    matchesResource(statement, request.resource) &&
    conditionsHold(statement, request)
  );
}

function matchesAction(statement: PolicyStatement, action: string): boolean {
  const hit = (patterns: string[]) => patterns.some((p) => glob(p, 'i').test(action));
  if (statement.NotAction) return !hit(statement.NotAction);
  return hit(statement.Action ?? []);
}

function matchesResource(statement: PolicyStatement, resource: string): boolean {
  const hit = (patterns: string[]) => patterns.some((p) => arnGlob(p).test(resource));
  if (statement.NotResource) return !hit(statement.NotResource);
  return hit(statement.Resource ?? []);
}

function conditionsHold(statement: PolicyStatement, request: IamRequest): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => condition(operator, expected, request.context?.[key])),
  );
}

/** One operator on one key: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html */
export function condition(operator: string, expected: string[], actual: string[] | undefined): boolean {
  const [qualifier, base] = operator.includes(':') ? operator.split(':') : [undefined, operator];
  if (base === undefined) throw new Error(`unreadable condition operator ${operator}`);
  if (base === 'Null') return expected.includes(String(actual === undefined || actual.length === 0));
  const ifExists = base.endsWith('IfExists');
  const name = ifExists ? base.slice(0, -'IfExists'.length) : base;
  const negated = /Not/.test(name);
  const test = valueTest(name.replace('Not', ''), expected);
  const matches = (value: string) => (negated ? !test(value) : test(value));
  const values = actual ?? [];
  if (qualifier === 'ForAllValues') return values.every(matches);
  if (qualifier === 'ForAnyValue') return values.some(matches);
  if (qualifier !== undefined) throw new Error(`unknown condition qualifier ${qualifier}`);
  // A single-valued operator on an absent key: false, except for IfExists and the negated ones.
  if (values.length === 0) return ifExists || negated;
  return negated ? values.every(matches) : values.some(matches);
}

function valueTest(name: string, expected: string[]): (value: string) => boolean {
  switch (name) {
    case 'StringEquals':
    case 'ArnEquals':
    case 'Bool':
      return (value) => expected.includes(value);
    case 'StringEqualsIgnoreCase':
      return (value) => expected.some((e) => e.toLowerCase() === value.toLowerCase());
    case 'StringLike':
      return (value) => expected.some((e) => glob(e, '').test(value));
    case 'ArnLike':
      return (value) => expected.some((e) => arnGlob(e).test(value));
    default:
      throw new Error(`condition operator ${name} is not modelled: teach tests/infra/iam-policy.ts`);
  }
}

const escapeRegExp = (text: string) => text.replace(/[.+^${}()|[\]\\]/g, '\\$&');

function glob(pattern: string, flags: string): RegExp {
  return new RegExp(`^${escapeRegExp(pattern).replaceAll('*', '.*').replaceAll('?', '.')}$`, flags);
}

/** `*` and `?` stay inside a colon-separated segment, except a `*` that ends one. */
function arnGlob(pattern: string): RegExp {
  const source = escapeRegExp(pattern)
    .replace(/\*(?=:|$)/g, '\u0000')
    .replaceAll('*', '[^:]*')
    .replaceAll('?', '[^:]')
    .replaceAll('\u0000', '.*');
  return new RegExp(`^${source}$`);
}

function describe(statement: PolicyStatement): string {
  const actions = statement.Action ?? statement.NotAction?.map((a) => `not ${a}`) ?? [];
  const resources = statement.Resource ?? statement.NotResource?.map((r) => `not ${r}`) ?? [];
  return `${statement.Effect} ${actions.join(', ')} on ${resources.join(', ')}`;
}

/** The nearest miss: no statement for the action, one for other resources, or a condition that failed. */
function whyNoAllow(statements: readonly PolicyStatement[], request: IamRequest): string {
  const forAction = statements.filter((s) => s.Effect === 'Allow' && matchesAction(s, request.action));
  if (forAction.length === 0) return `no Allow for ${request.action}`;
  const forResource = forAction.filter((s) => matchesResource(s, request.resource));
  if (forResource.length === 0) {
    const elsewhere = [...new Set(forAction.flatMap((s) => s.Resource ?? []))];
    const more = elsewhere.length > 3 ? ` and ${elsewhere.length - 3} more` : '';
    return `no Allow for ${request.action} on this resource (allowed on ${elsewhere.slice(0, 3).join(', ')}${more})`;
  }
  const conditions = forResource.map((s) => JSON.stringify(s.Condition)).join(' or ');
  return `the Allow for ${request.action} on this resource requires ${conditions}`;
}
