import { describe, expect, it } from 'vitest';
import { subscriberEstimate } from '../../../shared/domain/audience-estimate.js';
import type { RenderedContent } from '../../../shared/domain/broadcast.js';

const content = {
  languages: { en: { sms: { parts: 1 } }, fr: { sms: { parts: 2 } } },
} as unknown as RenderedContent;

describe('the subscriber estimate of a broadcast', () => {
  it("counts each topic's SMS parts in that topic's language and ignores X targets", () => {
    const estimate = subscriberEstimate(
      [
        { channel: 'x', target: 'div-14' },
        { channel: 'sns', target: 'area-14-en', language: 'en' },
        { channel: 'sns', target: 'exercise-area-14-fr', language: 'fr' },
      ],
      content,
      [
        { topic: 'area-14-en', channel: 'sms', subscribers: 3 },
        { topic: 'area-14-en', channel: 'email', subscribers: 5 },
        { topic: 'exercise-area-14-fr', channel: 'sms', subscribers: 2 },
        { topic: 'area-52-en', channel: 'sms', subscribers: 100 },
      ],
      2,
    );

    expect(estimate).toEqual({ sms: 5, email: 5, smsParts: 3 * 1 + 2 * 2, smsReachSeconds: 4 });
  });
});
