import type { AudienceCount } from '../ports/subscriptions.js';
import type { RenderedContent } from './broadcast.js';

/**
 * What the approver sees about the public audience: subscribers on the broadcast's topics per
 * channel, the SMS parts that means, and how long the origination number needs to send them
 * (QUOTAS.md: a Canadian long code sends 1 part per second, a short code 100).
 */
export function subscriberEstimate(
  topics: readonly string[],
  content: RenderedContent,
  counts: readonly AudienceCount[],
  smsPartsPerSecond: number,
) {
  const count = (topic: string, channel: 'sms' | 'email') =>
    counts.find((c) => c.topic === topic && c.channel === channel)?.subscribers ?? 0;
  let sms = 0;
  let email = 0;
  let smsParts = 0;
  for (const topic of topics) {
    // Topic names end in their language (topics.ts): `area-14-fr`, `exercise-citywide-en`.
    const language = topic.slice(topic.lastIndexOf('-') + 1);
    const onSms = count(topic, 'sms');
    sms += onSms;
    email += count(topic, 'email');
    smsParts += onSms * (content.languages[language]?.sms.parts ?? 1);
  }
  return { sms, email, smsParts, smsReachSeconds: Math.ceil(smsParts / smsPartsPerSecond) };
}
