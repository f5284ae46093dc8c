import twitter from 'twitter-text';
import { ValidationError } from '../errors.js';

/** The most weighted characters X accepts in one post. */
export const X_MAX_WEIGHTED = 280;

/** The longest numbering suffix `numberThread` adds; every post is split with room for it. */
const NUMBERING_PLACEHOLDER = ' (99/99)';
const MAX_THREAD_POSTS = 99;

/** Length as X counts it: URLs count 23, CJK and emoji count 2 (twitter-text rules). */
export function xWeightedLength(text: string): number {
  return twitter.parseTweet(text).weightedLength;
}

/**
 * Turns one language's text into posts that each end with the link (the marker that finds our
 * posts again on X) and start with `prefix` (the exercise/test label). Every post fits 280
 * weighted characters with room left for the ` (i/n)` numbering, so the caller can split every
 * language first and number the combined thread afterwards. Splits prefer sentence boundaries,
 * then word boundaries; a single word longer than a post is cut as a last resort.
 */
export function splitForX(text: string, link: string, options: { prefix?: string } = {}): string[] {
  const prefix = options.prefix ?? '';
  const post = (body: string) => [`${prefix}${body}`.trim(), link].filter(Boolean).join(' ');
  const fits = (body: string) => xWeightedLength(post(body) + NUMBERING_PLACEHOLDER) <= X_MAX_WEIGHTED;

  const bodies: string[] = [];
  let current = '';
  const flush = () => {
    if (current) bodies.push(current);
    current = '';
  };
  const add = (unit: string, joiner: string, tooLong: () => void) => {
    const candidate = current ? `${current}${joiner}${unit}` : unit;
    if (fits(candidate)) current = candidate;
    else if (current && fits(unit)) {
      flush();
      current = unit;
    } else tooLong();
  };

  for (const { sentence, joiner } of sentences(text)) {
    add(sentence, joiner, () => {
      flush();
      for (const word of sentence.split(/\s+/)) {
        add(word, ' ', () => {
          flush();
          for (const piece of cutWord(word, fits)) {
            flush();
            current = piece;
          }
        });
      }
    });
  }
  flush();
  if (bodies.length === 0) bodies.push('');
  return bodies.map(post);
}

/**
 * Numbers a whole thread (every language's posts, in order) with ` (i/n)` when it has more than
 * one post. Posts from `splitForX` always have room for the suffix.
 */
export function numberThread(posts: readonly string[]): string[] {
  if (posts.length <= 1) return [...posts];
  if (posts.length > MAX_THREAD_POSTS) {
    throw new ValidationError(`the X thread would have ${posts.length} posts; at most ${MAX_THREAD_POSTS}`, [
      { path: ['x'], message: `at most ${MAX_THREAD_POSTS} posts` },
    ]);
  }
  return posts.map((post, i) => `${post} (${i + 1}/${posts.length})`);
}

/** Sentences in order, each with the whitespace that joined it to the previous one. */
function sentences(text: string): { sentence: string; joiner: string }[] {
  const result: { sentence: string; joiner: string }[] = [];
  for (const line of text.split('\n')) {
    line
      .split(/(?<=[.!?…])\s+/)
      .map((s) => s.trim())
      .filter(Boolean)
      .forEach((sentence, i) => {
        result.push({ sentence, joiner: i === 0 ? '\n' : ' ' });
      });
  }
  return result;
}

/** Cuts one over-long word into the longest pieces that fit, by code point. */
function cutWord(word: string, fits: (body: string) => boolean): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && !fits(piece + char)) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}
