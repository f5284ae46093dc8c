import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atomFeed } from '../../../web/feeds/atom.js';
import { capDocument } from '../../../web/feeds/cap.js';
import { type Generated, generatedFeeds, handWrittenFeeds } from './generated-feeds.js';

/**
 * Herald's XML writer replaced xmlbuilder2 (and the `feed` package) in issue 17. The fixture holds
 * the SHA-256 of each document as xmlbuilder2 wrote it (scripts/feed-goldens.ts, run before the
 * change): the feed tests' own documents, then 600 generated CAP documents and 300 Atom feeds.
 */
const goldens = JSON.parse(
  readFileSync(new URL('../../fixtures/feeds/generated-outputs.json', import.meta.url), 'utf8'),
) as { seed: number; handWritten: { cap: string[]; atom: string[] }; cap: string[]; atom: string[] };

const sha = (xml: string) => createHash('sha256').update(xml).digest('hex').slice(0, 16);

/** The indexes whose document no longer hashes as before (empty when every byte is the same). */
function changed({ cap, atom }: Generated, expected: { cap: string[]; atom: string[] }) {
  return {
    cap: cap.flatMap((c, i) =>
      sha(capDocument(c.notice, c.chain, c.registry)) === expected.cap[i] ? [] : [i],
    ),
    atom: atom.flatMap((a, i) => (sha(atomFeed(a.incidents, a.request)) === expected.atom[i] ? [] : [i])),
  };
}

describe('the CAP documents and Atom feeds', () => {
  it('are byte for byte what xmlbuilder2 wrote, for the feed tests’ own documents', () => {
    const documents = handWrittenFeeds();
    expect(documents.cap).toHaveLength(goldens.handWritten.cap.length);
    expect(changed(documents, goldens.handWritten)).toEqual({ cap: [], atom: [] });
  });

  it('are byte for byte what xmlbuilder2 wrote, for 600 generated CAP documents and 300 feeds', () => {
    const documents = generatedFeeds(goldens.seed, goldens.cap.length, goldens.atom.length);
    expect(documents.atom).toHaveLength(300);
    expect(changed(documents, goldens)).toEqual({ cap: [], atom: [] });
  });
});
