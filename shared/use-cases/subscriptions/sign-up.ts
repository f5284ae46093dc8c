import { randomInt } from 'node:crypto';
import { ChannelError, UnavailableError } from '../../domain/errors.js';
import type { Registry } from '../../domain/registry.js';
import {
  type AreaChoice,
  maskAddress,
  normalizeAddress,
  SUBSCRIPTION_CODE_DIGITS,
  type Subscription,
  type SubscriptionChannel,
  topicsFor,
} from '../../domain/subscription.js';
import { startSubscription } from './change-subscription.js';
import { admitSignUp, CODE_SMS_METRICS, takeCodeSms } from './sign-up-limits.js';
import type { SubscriptionPorts } from './subscription-ports.js';
import { codeHash, hashAddress, newManageToken } from './subscription-secrets.js';

export interface SignUpInput {
  channel: SubscriptionChannel;
  address: string;
  areas: AreaChoice;
  language: string;
}

/** The same shape for every sign-up of a channel, whatever was there before. */
export interface SignUpAnswer {
  id: string;
  channel: SubscriptionChannel;
  status: 'PENDING_CODE' | 'PENDING_EMAIL_CONFIRMATION';
  next: string;
  /** E-mail only: manages this sign-up (SMS gets it with the confirmed code). */
  manageToken?: string;
}

/**
 * A public sign-up. Every sign-up is a new subscription, so the answer never depends on whether the
 * address was already subscribed. It passes the sign-up limits first (sign-up-limits.ts, D34), and
 * an SMS sign-up then takes its code from the code budget. SMS: a 6-digit code proves the number.
 * E-mail: SNS sends one confirmation mail per topic and nothing reaches the address before its
 * owner clicks.
 */
export async function signUp(
  ports: SubscriptionPorts,
  input: SignUpInput,
  client: { ip: string },
): Promise<SignUpAnswer> {
  const { registry, vault } = ports;
  const limits = registry.subscriptions;
  const topics = topicsFor(registry, { areas: input.areas, language: input.language, test: false });
  const address = normalizeAddress(input.channel, input.address, registry);

  // Keys are keyed hashes, so neither client addresses nor subscriber addresses are stored in clear.
  const clientKey = await vault.hash(`ip:${client.ip}`);
  const addressHash = await hashAddress(vault, input.channel, address);
  await admitSignUp(ports, { channel: input.channel, address, addressHash, clientKey });
  if (input.channel === 'sms') await takeCodeSms(ports);

  const now = ports.clock.now();
  const id = ports.ids.next('sub');
  const base: Subscription = {
    id,
    channel: input.channel,
    language: input.language,
    areas: input.areas,
    topics,
    status: 'PENDING_CODE',
    addressHash,
    sealedAddress: await vault.seal(address),
    maskedAddress: maskAddress(input.channel, address),
    test: false,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };

  if (input.channel === 'sms') {
    const code = String(randomInt(0, 10 ** SUBSCRIPTION_CODE_DIGITS)).padStart(SUBSCRIPTION_CODE_DIGITS, '0');
    await ports.subscriptions.create({
      ...base,
      code: {
        hash: await codeHash(vault, id, code),
        expiresAt: now.getTime() + limits.codeTtlMinutes * 60_000,
        attempts: 0,
      },
    });
    try {
      await ports.topicSubscriber.sendSms(
        address,
        codeText(registry, code, limits.codeTtlMinutes, input.language),
      );
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      ports.log.warn('could not send a sign-up code', { subscriptionId: id, error: error.message });
      throw new UnavailableError('the code could not be sent just now; try again in a minute');
    }
    ports.log.info('sign-up awaiting its code', {
      subscriptionId: id,
      channel: 'sms',
      topics: topics.length,
      metric: CODE_SMS_METRICS.sent,
    });
    return {
      id,
      channel: 'sms',
      status: 'PENDING_CODE',
      next: `Enter the ${SUBSCRIPTION_CODE_DIGITS}-digit code sent by SMS at POST /subscriptions/${id}/confirm within ${limits.codeTtlMinutes} minutes.`,
    };
  }

  const manageToken = await newManageToken(vault);
  await ports.subscriptions.saveManageToken(manageToken.hash, id);
  await startSubscription(ports, { ...base, status: 'ACTIVE', manageTokenHash: manageToken.hash });
  ports.log.info('e-mail sign-up queued', { subscriptionId: id, channel: 'email', topics: topics.length });
  return {
    id,
    channel: 'email',
    status: 'PENDING_EMAIL_CONFIRMATION',
    next: `Amazon SNS sends one confirmation e-mail per area (${topics.length}); alerts start once its link is followed. Keep manageToken to change or end this subscription.`,
    manageToken: manageToken.token,
  };
}

function codeText(registry: Registry, code: string, minutes: number, language: string): string {
  const name = registry.service.name[language] ?? Object.values(registry.service.name)[0] ?? 'Herald';
  return language === 'fr'
    ? `${name} : votre code d'inscription aux alertes est ${code}. Il expire dans ${minutes} minutes.`
    : `${name}: your alert sign-up code is ${code}. It expires in ${minutes} minutes.`;
}
