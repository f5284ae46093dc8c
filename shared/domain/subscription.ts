// The mobile metadata: valid means a number that can be a mobile (SMS can reach it).
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import * as z from 'zod';
import { type IssueDetail, ValidationError } from './errors.js';
import { lazySchema } from './lazy-schema.js';
import type { Registry } from './registry.js';
import { acceptedCountries } from './sign-up-protection.js';
import { unknownDivision } from './targeting.js';
import { areaTopicName, citywideTopicName, exerciseTopicName } from './topics.js';

/**
 * Public subscriptions (ARCHITECTURE.md 6). Every sign-up is its own subscription with its own
 * management token; the SNS subscription of one address to one topic is shared by every
 * subscription of that address that wants the topic (a "hold"), and exists while one holds it.
 * So a stranger who signs up someone else's address can add (SNS still asks the owner) but never
 * remove or read what the owner chose.
 */

export const SubscriptionChannel = lazySchema(() => z.enum(['sms', 'email']));
export type SubscriptionChannel = z.infer<typeof SubscriptionChannel>;

export type SubscriptionStatus =
  /** SMS: waiting for the code. */
  | 'PENDING_CODE'
  /** Holds its topics (e-mail ones still need the owner's click in SNS's confirmation mail). */
  | 'ACTIVE'
  /** A later confirmed SMS sign-up of the same number took its place. */
  | 'REPLACED'
  | 'REMOVED'
  /** The number replied STOP. */
  | 'OPTED_OUT';

/** `citywide`, or up to `maxAreas` division ids. */
export type AreaChoice = 'citywide' | string[];

export interface SubscriptionCode {
  /** Keyed hash of `<subscription id>:<code>`; the code itself is never stored. */
  hash: string;
  expiresAt: number;
  attempts: number;
}

export interface Subscription {
  id: string;
  channel: SubscriptionChannel;
  language: string;
  areas: AreaChoice;
  /** The topics this subscription holds while ACTIVE. */
  topics: string[];
  status: SubscriptionStatus;
  addressHash: string;
  /** The address, envelope-encrypted; only the subscription worker opens it. */
  sealedAddress: string;
  /** What the owner may see of the address: `+1 *** *** **67`, `j***@example.org`. */
  maskedAddress: string;
  code?: SubscriptionCode;
  manageTokenHash?: string;
  /** Test subscribers also join the exercise topics. */
  test: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One address's SNS subscription to one topic, shared by the subscriptions that want it. */
export interface TopicHold {
  addressHash: string;
  topic: string;
  channel: SubscriptionChannel;
  sealedAddress: string;
  holders: string[];
  /** The SNS subscription ARN while one exists (e-mail: possibly awaiting the owner's click). */
  arn?: string;
  changedAt: string;
}

/** Subscribers on one topic by one channel: SNS subscriptions that exist (staff see only counts). */
export interface AudienceCount {
  topic: string;
  channel: SubscriptionChannel;
  subscribers: number;
}

/** One unit of work for the subscription worker: bring this address's SNS subscription to this topic in line with its holders. */
export interface SubscriptionJob {
  addressHash: string;
  topic: string;
}

export const SubscriptionJobMessage = lazySchema(() =>
  z.strictObject({
    addressHash: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/),
    topic: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/),
  }),
);

export const SUBSCRIPTION_CODE_DIGITS = 6;

/** Normalises and checks an address; throws a ValidationError naming what is wrong, never echoing it. */
export function normalizeAddress(channel: SubscriptionChannel, raw: string, registry: Registry): string {
  if (channel === 'sms') {
    const country = registry.subscriptions.defaultCountry as Parameters<typeof parsePhoneNumberFromString>[1];
    const parsed = parsePhoneNumberFromString(raw.trim(), country);
    if (!parsed?.isValid())
      throw invalid(['address'], 'address is not a mobile phone number that can receive SMS');
    const accepted = acceptedCountries(registry.subscriptions);
    // A number whose country is unknown (a non-geographic code) is outside every list too.
    if (!parsed.country || !accepted.includes(parsed.country))
      throw invalid(
        ['address', 'country'],
        `rule allowed-countries: sign-ups accept mobile numbers of ${accepted.join(', ')} only (registry subscriptions.allowedCountries); nothing was sent`,
      );
    return parsed.number;
  }
  const email = raw.trim();
  if (!z.email().safeParse(email).success || email.length > 254)
    throw invalid(['address'], 'address is not a valid e-mail address');
  const at = email.lastIndexOf('@');
  // The domain is case-insensitive; the local part is kept as typed (RFC 5321).
  return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}

/** Checks the areas and language against the registry and gives the topics they mean. */
export function topicsFor(
  registry: Registry,
  choice: { areas: AreaChoice; language: string; test: boolean },
): string[] {
  const issues: IssueDetail[] = [];
  const issue = (field: 'areas' | 'language', message: string) => issues.push({ path: [field], message });
  if (!registry.languages.some((l) => l.code === choice.language))
    issue(
      'language',
      `language ${choice.language} is not offered; the languages are ${registry.languages.map((l) => l.code).join(', ')}`,
    );
  if (choice.areas !== 'citywide') {
    if (choice.areas.length === 0) issue('areas', 'choose at least one area, or "citywide"');
    if (choice.areas.length > registry.subscriptions.maxAreas)
      issue('areas', `at most ${registry.subscriptions.maxAreas} areas`);
    if (new Set(choice.areas).size !== choice.areas.length) issue('areas', 'an area is listed twice');
    for (const area of choice.areas)
      if (!registry.divisions.some((d) => d.id === area)) issue('areas', unknownDivision(registry, area));
  }
  if (issues.length > 0) throw new ValidationError(issues.map((i) => i.message).join('; '), issues);
  const live =
    choice.areas === 'citywide'
      ? [citywideTopicName(choice.language)]
      : choice.areas.map((area) => areaTopicName(area, choice.language));
  return choice.test ? [...live, ...live.map((t) => exerciseTopicName(registry, t))] : live;
}

/** What the owner sees: enough to recognise the address, not enough to learn it. */
export function maskAddress(channel: SubscriptionChannel, address: string): string {
  if (channel === 'sms')
    return `${address.slice(0, 2)}${'*'.repeat(Math.max(0, address.length - 4))}${address.slice(-2)}`;
  const at = address.lastIndexOf('@');
  return `${address[0]}***${address.slice(at)}`;
}

/** Topics to add and to drop when a subscription's choice changes. */
export function topicDifference(before: string[], after: string[]): { add: string[]; drop: string[] } {
  return {
    add: after.filter((t) => !before.includes(t)),
    drop: before.filter((t) => !after.includes(t)),
  };
}

/** The subscription as its owner sees it (never the address itself). */
export function ownerView(subscription: Subscription) {
  return {
    id: subscription.id,
    channel: subscription.channel,
    address: subscription.maskedAddress,
    areas: subscription.areas,
    language: subscription.language,
    status: subscription.status,
    topics: subscription.status === 'ACTIVE' ? subscription.topics : [],
    updatedAt: subscription.updatedAt,
  };
}
export type OwnerView = ReturnType<typeof ownerView>;

function invalid(path: string[], message: string): ValidationError {
  return new ValidationError(message, [{ path, message }]);
}
