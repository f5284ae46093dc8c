import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../shared/domain/rendering/content-hash.js';

const content = {
  link: 'https://alerts.example.org/b/1',
  languages: {
    en: { sms: { text: 'Road closed.', parts: 1 } },
    fr: { sms: { text: 'Route fermée.', parts: 1 } },
  },
  xThread: ['one (1/2)', 'two (2/2)'],
};

describe('hashing content', () => {
  it('is a sha256 hex digest with its algorithm named', () => {
    expect(contentHash(content)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('does not depend on the order of object keys', () => {
    const reordered = {
      xThread: ['one (1/2)', 'two (2/2)'],
      languages: {
        fr: { sms: { parts: 1, text: 'Route fermée.' } },
        en: { sms: { parts: 1, text: 'Road closed.' } },
      },
      link: 'https://alerts.example.org/b/1',
    };

    expect(contentHash(reordered)).toBe(contentHash(content));
  });

  it('ignores properties whose value is undefined', () => {
    expect(contentHash({ ...content, note: undefined })).toBe(contentHash(content));
  });

  it('changes when one sent character changes', () => {
    const changed = structuredClone(content);
    changed.languages.fr.sms.text = 'Route fermee.';

    expect(contentHash(changed)).not.toBe(contentHash(content));
  });

  it('changes when the order of posts changes', () => {
    expect(contentHash({ ...content, xThread: ['two (2/2)', 'one (1/2)'] })).not.toBe(contentHash(content));
  });

  it('refuses values JSON cannot carry rather than hashing them away', () => {
    expect(() => contentHash({ audience: new Map([['a', 1]]) })).toThrow(TypeError);
    expect(() => contentHash({ parts: Number.NaN })).toThrow(TypeError);
  });
});
