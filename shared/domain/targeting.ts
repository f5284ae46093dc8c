import type { Audience, Target } from './broadcast.js';
import { type IssueDetail, ValidationError } from './errors.js';
import type { Registry } from './registry.js';
import { allTopics, areaTopicName, citywideTopicName, exerciseTopicName } from './topics.js';
import type { CapSeverity, CapStatus } from './vocabulary.js';

export interface TargetingRequest {
  category: string;
  status: CapStatus;
  severity: CapSeverity;
  areas: string[];
  citywide: boolean;
  languages: string[];
}

export interface ResolvedAudience {
  audience: Audience;
  targets: Target[];
}

/**
 * Who receives a broadcast. Fails closed: no area and no explicit city-wide flag is an error, never
 * "everyone"; Exercise and Test broadcasts resolve to sandbox accounts and exercise topics only.
 *
 * 1. Check the request names areas or city-wide (not both), known divisions and languages.
 * 2. Live accounts: each area's division account (every division when city-wide), the units the
 *    category reaches, and headquarters when the category's policy says so.
 * 3. Live topics: one per area and language; city-wide adds the city-wide topic to every area's.
 * 4. For Exercise and Test, map every account to the sandbox account of its role and every topic
 *    to its exercise twin.
 */
export function resolveAudience(registry: Registry, request: TargetingRequest): ResolvedAudience {
  const issues: IssueDetail[] = [];
  const category = registry.categories.find((c) => c.id === request.category);
  if (!category) {
    const known = registry.categories.map((c) => c.id).join(', ');
    issues.push({
      path: ['category'],
      message: `unknown category ${request.category}; the categories are ${known}`,
    });
  }

  if (request.citywide && request.areas.length > 0) {
    issues.push({ path: ['areas'], message: 'give either areas or citywide: true, not both' });
  } else if (!request.citywide && request.areas.length === 0) {
    issues.push({
      path: ['areas'],
      message: 'name at least one division, or set citywide: true; Herald never assumes the whole city',
    });
  }
  const divisionIds = new Set(registry.divisions.map((d) => d.id));
  request.areas.forEach((area, i) => {
    if (!divisionIds.has(area)) issues.push({ path: ['areas', i], message: unknownDivision(registry, area) });
  });
  const languageCodes = new Set(registry.languages.map((l) => l.code));
  if (request.languages.length === 0) issues.push({ path: ['languages'], message: 'at least one language' });
  request.languages.forEach((language, i) => {
    if (!languageCodes.has(language)) {
      const known = [...languageCodes].join(', ');
      issues.push({
        path: ['languages', i],
        message: `unsupported language ${language}; the languages are ${known}`,
      });
    }
  });
  if (issues.length > 0 || !category) throw new ValidationError('the audience cannot be resolved', issues);

  const areas = request.citywide ? registry.divisions.map((d) => d.id) : unique(request.areas);
  const languages = unique(request.languages);
  const sandbox = reachesSandboxOnly(request.status);

  const divisionAccounts = areas.map((id) => registry.divisions.find((d) => d.id === id)?.accountId ?? '');
  const unitAccounts = category.units.map((id) => registry.units.find((u) => u.id === id)?.accountId ?? '');
  const withHeadquarters =
    category.headquarters === 'always' ||
    (category.headquarters === 'citywide-or-extreme' &&
      (request.citywide || request.severity === 'Extreme')) ||
    (category.headquarters === 'citywide-only' && request.citywide);

  const sandboxAccounts = registry.sandbox.accounts;
  const accounts = unique(
    sandbox
      ? [
          sandboxAccounts.divisions,
          ...(unitAccounts.length > 0 ? [sandboxAccounts.units] : []),
          ...(withHeadquarters ? [sandboxAccounts.headquarters] : []),
        ]
      : [
          ...divisionAccounts,
          ...unitAccounts,
          ...(withHeadquarters ? [registry.headquarters.accountId] : []),
        ],
  );

  const liveTopics = languages.flatMap((language) => [
    ...areas.map((area) => ({ name: areaTopicName(area, language), language })),
    ...(request.citywide ? [{ name: citywideTopicName(language), language }] : []),
  ]);
  const topics = liveTopics.map((t) => ({
    ...t,
    name: sandbox ? exerciseTopicName(registry, t.name) : t.name,
  }));

  return {
    audience: {
      accounts,
      topics: topics.map((t) => t.name),
      citywide: request.citywide,
      sandbox,
    },
    targets: [
      ...accounts.map((target): Target => ({ channel: 'x', target })),
      ...topics.map((t): Target => ({ channel: 'sns', target: t.name, language: t.language })),
    ],
  };
}

/** Exercise and Test reach sandbox accounts and exercise topics only; Actual reaches the live ones. */
export function reachesSandboxOnly(status: CapStatus): boolean {
  return status !== 'Actual';
}

/** The accounts and topics an Exercise or Test may reach, per registry (computed once for each). */
const sandboxTargetsOf = new WeakMap<Registry, { accounts: Set<string>; topics: Set<string> }>();

/**
 * Whether a target is one `resolveAudience` gives an Exercise or Test: a sandbox account of the
 * registry's `sandbox.accounts`, or an exercise topic (a live topic's `exerciseTopicName` twin).
 */
export function isSandboxTarget(registry: Registry, target: Target): boolean {
  let known = sandboxTargetsOf.get(registry);
  if (!known) {
    known = {
      accounts: new Set(Object.values(registry.sandbox.accounts)),
      topics: new Set(
        allTopics(registry)
          .filter((t) => t.exercise)
          .map((t) => t.name),
      ),
    };
    sandboxTargetsOf.set(registry, known);
  }
  return target.channel === 'x' ? known.accounts.has(target.target) : known.topics.has(target.target);
}

/**
 * Why a delivery must not be sent (D35), or undefined when it may be: an Exercise or Test whose
 * target is not a sandbox account or exercise topic. Planning never makes one (`resolveAudience`);
 * the workers check again, so a mis-planned or planted delivery cannot go live.
 */
export function sandboxRefusal(
  registry: Registry,
  broadcast: { content: { status: CapStatus }; audience: { sandbox: boolean } },
  target: Target,
): string | undefined {
  const exercise = reachesSandboxOnly(broadcast.content.status) || broadcast.audience.sandbox;
  if (!exercise || isSandboxTarget(registry, target)) return undefined;
  const what = target.channel === 'x' ? 'X account' : 'SNS topic';
  return `refused at delivery: ${broadcast.content.status} broadcasts reach only sandbox accounts and exercise topics, and ${what} ${target.target} is neither`;
}

/**
 * Divisions are named by id (`14`), and the commonest mistake is the name (`14 Division`): say
 * which id was meant, or list the ids (a city has a couple of dozen at most).
 */
export function unknownDivision(registry: Registry, value: string): string {
  const typed = value.trim().toLowerCase();
  const named = registry.divisions.find((d) =>
    Object.values(d.name).some((name) => name.toLowerCase() === typed),
  );
  if (named) return `unknown division ${value}: divisions are given by id; did you mean ${named.id}?`;
  return `unknown division ${value}; the division ids are ${registry.divisions.map((d) => d.id).join(', ')}`;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
