import { createHash } from 'node:crypto';
import twitterText from 'twitter-text';

/**
 * How X rewrites and measures post text. X wraps every URL in a t.co link in the text it returns,
 * keeping the original only in `entities.urls[].expanded_url`; the fake does the same so an
 * adapter that searches the text alone for a link fails here first.
 */

export interface UrlEntity {
  start: number;
  end: number;
  url: string;
  expanded_url: string;
  display_url: string;
}

export function shortenUrls(text: string): { text: string; urls: UrlEntity[] } {
  const urls: UrlEntity[] = [];
  let out = '';
  let last = 0;
  for (const { url, indices } of twitterText.extractUrlsWithIndices(text)) {
    const [from, to] = indices;
    out += text.slice(last, from);
    const expanded = /^https?:\/\//i.test(url) ? url : `http://${url}`;
    const short = `https://t.co/${createHash('sha256').update(expanded).digest('hex').slice(0, 10)}`;
    // X counts entity positions in code points, not UTF-16 units.
    const start = Array.from(out).length;
    out += short;
    const display = expanded.replace(/^https?:\/\/(www\.)?/i, '');
    urls.push({
      start,
      end: start + short.length,
      url: short,
      expanded_url: expanded,
      display_url: display.length > 26 ? `${display.slice(0, 25)}…` : display,
    });
    last = to;
  }
  return { text: out + text.slice(last), urls };
}

/** X's weighted length rule (280, URLs count 23, CJK and emoji 2). */
export function isValidPostText(text: string): boolean {
  return twitterText.parseTweet(text).valid;
}
