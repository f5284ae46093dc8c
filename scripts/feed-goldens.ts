/**
 * `npx tsx scripts/feed-goldens.ts`: writes tests/fixtures/feeds/generated-outputs.json, the
 * SHA-256 of every generated CAP document and Atom feed (tests/unit/feeds/generated-feeds.ts) as
 * Herald writes them now. It was first run with the xmlbuilder2 writers (before issue 17), so the
 * parity test holds Herald's own XML writer to their exact bytes; run it again only to change the
 * output on purpose, and say why in the commit (then `npx biome check --write` the JSON).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Generated, generatedFeeds, handWrittenFeeds } from '../tests/unit/feeds/generated-feeds.js';
import { atomFeed } from '../web/feeds/atom.js';
import { capDocument } from '../web/feeds/cap.js';

const GOLDEN_SEED = 20261204;
const GOLDEN_CAP_COUNT = 600;
const GOLDEN_ATOM_COUNT = 300;

const sha = (xml: string) => createHash('sha256').update(xml).digest('hex').slice(0, 16);

const hashes = ({ cap, atom }: Generated) => ({
  cap: cap.map((c) => sha(capDocument(c.notice, c.chain, c.registry))),
  atom: atom.map((a) => sha(atomFeed(a.incidents, a.request))),
});
const generated = hashes(generatedFeeds(GOLDEN_SEED, GOLDEN_CAP_COUNT, GOLDEN_ATOM_COUNT));
const output = { seed: GOLDEN_SEED, handWritten: hashes(handWrittenFeeds()), ...generated };
const file = fileURLToPath(new URL('../tests/fixtures/feeds/generated-outputs.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(output)}\n`);
console.log(`wrote ${output.cap.length} CAP and ${output.atom.length} Atom hashes to ${file}`);
