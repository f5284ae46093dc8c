import { type Detector, GAP, OPTIONAL_GAP, type Span, spansOf } from './detector.js';
import words from './words.json' with { type: 'json' };

/** An initial ("A.") or a capitalised word, possibly hyphenated or with an apostrophe. */
const PERSON_WORD = String.raw`(?:\p{Lu}\.|\p{Lu}[\p{L}'’]*(?:-\p{L}+)*)`;
const PERSON_NAME = String.raw`(?<![\p{L}\p{N}'’-])${PERSON_WORD}(?:${GAP}${PERSON_WORD}){0,3}`;

/** An age of one to three digits that is not part of a larger or decimal number. */
const AGE = String.raw`\d{1,3}(?!\d|[.,]\d)`;
const AGE_UNIT = String.raw`(?:-year-old|${OPTIONAL_GAP}(?:years?${GAP}old|years?|yrs?|y\.?o\.?|ans|an))(?!\p{L})`;
const AGED = `(?:aged|age|âgée?|agée?)(?:${GAP}de)?`;
/**
 * After a bare ", 34" only punctuation or the end of a line may follow: "John Smith, 34, was"
 * is an age, "14 Division, 2 people" and "In Toronto, 30 people" are counts.
 */
const END_OF_CLAUSE = String.raw`(?=${OPTIONAL_GAP}(?:[,;:!?)\]\r\n]|\.(?!\d)|$))`;

const NAME_WITH_AGE_PATTERN = new RegExp(
  [
    PERSON_NAME,
    '(?:',
    // "Jane Doe, aged 34", "Marie Tremblay âgée de 34 ans"
    `(?:,${OPTIONAL_GAP}|${GAP})${AGED}${GAP}${AGE}(?:${AGE_UNIT})?`,
    // "John Smith, 34 years old", "Marie Tremblay, 34 ans", "John Smith, 34."
    `|,${OPTIONAL_GAP}${AGE}(?:${AGE_UNIT}|${END_OF_CLAUSE})`,
    // "Jane Doe (34)", "Jean Roy (34 ans)"
    String.raw`|${OPTIONAL_GAP}\(${OPTIONAL_GAP}(?:${AGED}${GAP})?${AGE}(?:${AGE_UNIT})?${OPTIONAL_GAP}\)`,
    ')',
  ].join(''),
  'gu',
);

const MAX_AGE = 120;

/**
 * Capitalised only because they open a sentence or a clause ("About", "Hier", "On Monday"):
 * stripped from the front of a candidate name. Compared in lower case.
 */
const SENTENCE_OPENERS = new Set(words.sentenceOpeners);

/**
 * Words that make the "name" a place or an organisation, wherever they appear: "14 Division, 2",
 * "Queen St, 34" (a street and a civic number written backwards is not a person, and the
 * street-address rule wants the number first). Compared in lower case, without a final dot.
 */
const NOT_A_PERSON = new Set([
  ...words.englishStreetTypes.map((word) => word.toLowerCase()),
  ...words.frenchStreetTypes,
  ...words.placesAndOrganisations,
]);

/** Strips sentence-opening words from the front of a candidate; undefined if it is not a person. */
function personNameSpan(candidate: Span): Span | undefined {
  const found = Array.from(candidate.match.matchAll(/[^\s,(]+/gu), (m) => ({ word: m[0], at: m.index }));
  const nameWords = found.filter((w) => /^\p{Lu}/u.test(w.word));
  const normalised = (word: string) => word.toLowerCase().replace(/\.$/, '');
  if (nameWords.some((w) => NOT_A_PERSON.has(normalised(w.word)))) return undefined;
  const first = nameWords.find((w) => !SENTENCE_OPENERS.has(normalised(w.word)));
  if (!first) return undefined;
  return { start: candidate.start + first.at, match: candidate.match.slice(first.at) };
}

function ageOf(candidate: Span): number {
  // The name is letters only, so the only run of digits in the candidate is the age.
  return Number(/\d+/.exec(candidate.match)?.[0]);
}

export const nameWithAge: Detector = {
  detect: (text) =>
    spansOf(NAME_WITH_AGE_PATTERN, text)
      .filter((candidate) => ageOf(candidate) > 0 && ageOf(candidate) <= MAX_AGE)
      .map(personNameSpan)
      .filter((span): span is Span => span !== undefined),
  message: (match) =>
    `Name with an age "${match}" can identify a person; remove the name or the age before broadcasting.`,
};
