import { Permissions, type Principal, requireRole } from '../../domain/principal.js';
import { allTopics } from '../../domain/topics.js';
import type { SubscriptionPorts } from './subscription-ports.js';

export interface AudienceRow {
  /** A division id, or `citywide`. */
  area: string;
  language: string;
  channel: 'sms' | 'email';
  subscribers: number;
  exercise: boolean;
}

/** Staff see counts only: subscribers per area, language and channel, never an address. */
export async function audienceCounts(
  ports: Pick<SubscriptionPorts, 'registry' | 'subscriptions'>,
  principal: Principal,
): Promise<{ audience: AudienceRow[]; topicSubscriptions: { sms: number; email: number } }> {
  requireRole(principal, Permissions.read, 'reading the audience');
  return audienceFromCounts(ports);
}

export async function audienceFromCounts(ports: Pick<SubscriptionPorts, 'registry' | 'subscriptions'>) {
  const topics = new Map(allTopics(ports.registry).map((t) => [t.name, t]));
  const audience: AudienceRow[] = [];
  for (const count of await ports.subscriptions.audience()) {
    const topic = topics.get(count.topic);
    if (!topic || count.subscribers <= 0) continue;
    audience.push({
      area: topic.area,
      language: topic.language,
      channel: count.channel,
      subscribers: count.subscribers,
      exercise: topic.exercise,
    });
  }
  const live = audience.filter((row) => !row.exercise);
  const total = (channel: 'sms' | 'email') =>
    live.filter((r) => r.channel === channel).reduce((n, r) => n + r.subscribers, 0);
  // Per topic: someone following two areas counts twice, as they would receive two alerts.
  return { audience, topicSubscriptions: { sms: total('sms'), email: total('email') } };
}
