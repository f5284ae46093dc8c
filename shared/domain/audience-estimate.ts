import type { RenderedContent, Target } from './broadcast.js';
import type { AudienceCount } from './subscription.js';

/**
 * What the approver sees about the public audience: subscribers on the broadcast's topics per
 * channel, the SMS parts that means, and how long the origination number needs to send them
 * (QUOTAS.md: a Canadian long code sends 1 part per second, a short code 100).
 */
export function subscriberEstimate(
  targets: readonly Target[],
  content: RenderedContent,
  counts: readonly AudienceCount[],
  smsPartsPerSecond: number,
) {
  const count = (topic: string, channel: 'sms' | 'email') =>
    counts.find((c) => c.topic === topic && c.channel === channel)?.subscribers ?? 0;
  let sms = 0;
  let email = 0;
  let smsParts = 0;
  for (const { channel, target: topic, language = '' } of targets) {
    if (channel !== 'sns') continue;
    const onSms = count(topic, 'sms');
    sms += onSms;
    email += count(topic, 'email');
    smsParts += onSms * (content.languages[language]?.sms.parts ?? 1);
  }
  return { sms, email, smsParts, smsReachSeconds: Math.ceil(smsParts / smsPartsPerSecond) };
}
