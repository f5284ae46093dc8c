import { describe, expect, it } from 'vitest';
import {
  numberThread,
  splitForX,
  X_MAX_WEIGHTED,
  xWeightedLength,
} from '../../../shared/domain/rendering/x-text.js';

const link = 'https://alerts.example.org/b/brc_01JF8ZK3QW5N';

/** Roughly 60 sentences of plain text, long enough to need several posts. */
const longText = Array.from(
  { length: 60 },
  (_, i) => `Sentence ${i + 1} tells the public what happened and what to do now.`,
).join(' ');

describe('weighing text for X', () => {
  it('counts a URL as 23 whatever its length', () => {
    const url = `https://alerts.example.org/b/${'a'.repeat(100)}`;

    expect(xWeightedLength(`See ${url}`)).toBe(4 + 23);
  });

  it('counts CJK characters and emoji as two', () => {
    expect(xWeightedLength('警察')).toBe(4);
    expect(xWeightedLength('🚨')).toBe(2);
  });
});

describe('splitting text into X posts', () => {
  it('keeps text that fits in one post, followed by the link', () => {
    const posts = splitForX('Road closed. Use another route.', link);

    expect(posts).toEqual([`Road closed. Use another route. ${link}`]);
  });

  it('splits long text into posts that each carry the link and fit with their numbering', () => {
    const posts = numberThread(splitForX(longText, link));

    expect(posts.length).toBeGreaterThan(2);
    for (const post of posts) {
      expect(post).toContain(link);
      expect(xWeightedLength(post)).toBeLessThanOrEqual(X_MAX_WEIGHTED);
    }
  });

  it('splits at sentence boundaries and loses no word', () => {
    const posts = splitForX(longText, link);
    const bodies = posts.map((p) => p.slice(0, -(link.length + 1)));

    for (const body of bodies) expect(body).toMatch(/\.$/);
    expect(bodies.join(' ')).toBe(longText);
  });

  it('splits a sentence longer than a post at word boundaries', () => {
    const sentence = `${Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ')}.`;

    const posts = splitForX(sentence, link);

    expect(posts.length).toBeGreaterThan(1);
    expect(posts.map((p) => p.slice(0, -(link.length + 1))).join(' ')).toBe(sentence);
  });

  it('puts the prefix on every post and still fits', () => {
    const posts = numberThread(splitForX(longText, link, { prefix: 'EXERCISE - ' }));

    for (const post of posts) {
      expect(post.startsWith('EXERCISE - ')).toBe(true);
      expect(xWeightedLength(post)).toBeLessThanOrEqual(X_MAX_WEIGHTED);
    }
  });

  it('keeps room for numbering even in a post that would fit 280 without it', () => {
    const text = 'a'.repeat(X_MAX_WEIGHTED - 24 - 3);

    const posts = numberThread([...splitForX(text, link), ...splitForX('Second language.', link)]);

    for (const post of posts) expect(xWeightedLength(post)).toBeLessThanOrEqual(X_MAX_WEIGHTED);
  });
});

describe('numbering a thread', () => {
  it('appends (i/n) over the whole thread when there is more than one post', () => {
    expect(numberThread(['first', 'second', 'third'])).toEqual([
      'first (1/3)',
      'second (2/3)',
      'third (3/3)',
    ]);
  });

  it('leaves a single post as it is', () => {
    expect(numberThread(['only'])).toEqual(['only']);
  });
});
