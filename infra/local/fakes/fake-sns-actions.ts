import { randomUUID } from 'node:crypto';
import { E164, notFound, type SnsPublishing } from './fake-sns-publish.js';
import {
  el,
  entryMap,
  invalidParameter,
  list,
  members,
  type Params,
  page,
  required,
} from './fake-sns-query.js';
import { FAKE_ACCOUNT, type SnsState } from './fake-sns-state.js';
import type { InboxStore } from './inbox-store.js';

/** One awsQuery action: the request's parameters in, the result element's inner XML out. */
export type SnsAction = (p: Params) => string | undefined;

/**
 * The SNS actions the fake answers, over its state: topics, subscriptions (an e-mail one is
 * confirmed by following the link its confirmation put in the inbox), publishing, and SMS opt-outs.
 * `baseUrl` is the fake's own, for those links.
 */
export function snsActions(
  state: SnsState,
  publishing: SnsPublishing,
  inbox: InboxStore,
  baseUrl: () => string,
): Record<string, SnsAction> {
  const existingTopic = (arn: string) => publishing.existingTopic(arn);

  function subscribe(p: Params): string {
    const topicArn = required(p, 'TopicArn');
    existingTopic(topicArn);
    const protocol = required(p, 'Protocol');
    const endpoint = required(p, 'Endpoint');
    if (protocol === 'sms' && !E164.test(endpoint)) throw invalidParameter('Invalid SMS endpoint');
    if (protocol.startsWith('email') && !/^[^@\s]+@[^@\s]+$/.test(endpoint))
      throw invalidParameter('Email address');
    if (!['sms', 'email', 'email-json'].includes(protocol))
      throw invalidParameter(`Protocol ${protocol} (not in the fake)`);
    const known = state
      .subscriptions(topicArn)
      .some((s) => s.protocol === protocol && s.endpoint === endpoint);
    const subscription = state.subscribe(topicArn, protocol, endpoint, entryMap(p, 'Attributes.entry'));
    if (!known && subscription.token) {
      // SNS mails the address a link; here it lands in the inbox, and following it confirms.
      const query = new URLSearchParams({
        Action: 'ConfirmSubscription',
        TopicArn: topicArn,
        Token: subscription.token,
      });
      inbox.append({
        kind: 'subscription-confirmation',
        id: randomUUID(),
        topic: topicArn.slice(topicArn.lastIndexOf(':') + 1),
        endpoint,
        link: `${baseUrl()}/?${query}`,
      });
    }
    const showArn = subscription.status === 'confirmed' || p.get('ReturnSubscriptionArn') === 'true';
    return el('SubscriptionArn', showArn ? subscription.arn : 'pending confirmation');
  }

  return {
    CreateTopic: (p) => {
      const name = required(p, 'Name');
      if (!/^[A-Za-z0-9_-]{1,256}$/.test(name)) throw invalidParameter('Topic Name');
      return el('TopicArn', state.createTopic(name, entryMap(p, 'Attributes.entry')).arn);
    },
    ListTopics: (p) => {
      const { items, next } = page(state.topics(), p.get('NextToken'));
      return (
        list(
          'Topics',
          items.map((t) => el('TopicArn', t.arn)),
        ) + (next ? el('NextToken', next) : '')
      );
    },
    Publish: (p) => el('MessageId', publishing.publish(p)),
    PublishBatch: (p) => publishing.publishBatch(p),
    Subscribe: subscribe,
    ConfirmSubscription: (p) => {
      const topicArn = required(p, 'TopicArn');
      existingTopic(topicArn);
      const subscription = state.confirm(topicArn, required(p, 'Token'));
      if (!subscription) throw invalidParameter('Token');
      return el('SubscriptionArn', subscription.arn);
    },
    Unsubscribe: (p) => {
      if (!state.unsubscribe(required(p, 'SubscriptionArn'))) throw notFound('Subscription');
      return undefined;
    },
    ListSubscriptionsByTopic: (p) => {
      const topicArn = required(p, 'TopicArn');
      existingTopic(topicArn);
      const { items, next } = page(state.subscriptions(topicArn), p.get('NextToken'));
      const shown = items.map(
        (s) =>
          el('SubscriptionArn', s.status === 'confirmed' ? s.arn : 'PendingConfirmation') +
          el('Owner', FAKE_ACCOUNT) +
          el('Protocol', s.protocol) +
          el('Endpoint', s.endpoint) +
          el('TopicArn', s.topicArn),
      );
      return list('Subscriptions', shown) + (next ? el('NextToken', next) : '');
    },
    CheckIfPhoneNumberIsOptedOut: (p) => el('isOptedOut', state.isOptedOut(required(p, 'phoneNumber'))),
    ListPhoneNumbersOptedOut: (p) => {
      const { items, next } = page(state.optedOut(), p.get('nextToken'));
      return list('phoneNumbers', items) + (next ? el('nextToken', next) : '');
    },
    OptInPhoneNumber: (p) => {
      state.optIn(required(p, 'phoneNumber'));
      return '';
    },
    SetSMSAttributes: (p) => {
      state.setSmsAttributes(entryMap(p, 'attributes.entry'));
      return '';
    },
    GetSMSAttributes: (p) => {
      const wanted = members(p, 'attributes.member').map((m) => m.get('') ?? '');
      const all = Object.entries(state.smsAttributes()).filter(
        ([key]) => wanted.length === 0 || wanted.includes(key),
      );
      return el(
        'attributes',
        all.map(([key, value]) => el('entry', el('key', key) + el('value', value), true)).join(''),
        true,
      );
    },
  };
}
