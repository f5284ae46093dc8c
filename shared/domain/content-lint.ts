/**
 * Lints the free text an inspector typed (incident facts, notes) for personal data that could
 * identify a victim, a witness or a suspect's family by accident: phone numbers, email addresses,
 * street addresses and a name next to an age. It only warns; the approver decides.
 *
 * Every pattern below is built so that each regex quantifier is bounded or separated from the
 * next by a character it cannot consume, so matching stays linear in the length of the text (no
 * catastrophic backtracking, whatever an inspector pastes).
 */

export type ContentWarningRule = 'phone-number' | 'email-address' | 'street-address' | 'name-with-age';

export interface ContentWarning {
  rule: ContentWarningRule;
  /** Where the text came from, e.g. ['facts', 'description', 'fr'] */
  path: (string | number)[];
  /** Offset of the match in the text, in UTF-16 code units (String.prototype.indexOf semantics), and its length */
  start: number;
  length: number;
  /** The matched text. */
  match: string;
  /** A short human sentence in English saying what was found and why it matters. */
  message: string;
}

export interface ContentLintSettings {
  /** Rules to run; default all four. */
  rules?: readonly ContentWarningRule[];
  /** Phone numbers that are fine to publish (e.g. the resource library's hotlines, 911, 211): compared by digits only, so '416-555-0100', '(416) 555-0100' and '+1 416 555 0100' match '4165550100' (a leading country code 1 is ignored). */
  allowedPhoneNumbers?: readonly string[];
}

const ALL_RULES: readonly ContentWarningRule[] = [
  'phone-number',
  'email-address',
  'street-address',
  'name-with-age',
];

/** A match found by one detector, before it becomes a warning. */
interface Span {
  start: number;
  match: string;
}

interface LintContext {
  /** Allowed phone numbers, normalised by `phoneDigits`. */
  allowedPhones: ReadonlySet<string>;
}

type Detector = (text: string, context: LintContext) => Span[];

/** Horizontal white space only: a match never runs across a line break. */
const GAP = String.raw`[ \t\u00a0]+`;
const OPTIONAL_GAP = String.raw`[ \t\u00a0]*`;
/** Used as a lookbehind so a match never starts in the middle of a word or a number. */
const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{N}])`;
const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{N}])`;

/**
 * Turns words into an alternation that accepts either case for the first letter only, so
 * "Street", "street", "Rue" and "rue" all match, while the rest of the pattern can still rely on
 * capital letters to tell names from ordinary words (Node 20 has no inline `(?i:)` modifier).
 */
function initialCaseInsensitive(words: readonly string[]): string {
  const alternatives = words.map((word) => {
    const first = word.charAt(0);
    return `[${first.toUpperCase()}${first.toLowerCase()}]${word.slice(1)}`;
  });
  return `(?:${alternatives.join('|')})`;
}

function spansOf(pattern: RegExp, text: string): Span[] {
  // matchAll works on a copy of the regex, so the shared global patterns carry no lastIndex state.
  return Array.from(text.matchAll(pattern), (m) => ({ start: m.index, match: m[0] }));
}

// ---------------------------------------------------------------------------------------------
// phone-number
// ---------------------------------------------------------------------------------------------

/**
 * North American numbers: an area code and exchange that start with 2-9 (as every real NANP
 * number does, which also rules out most counts, case numbers and time ranges), with an optional
 * country code 1, and the 7-digit local form with a dash or dot ("555-0199"). Short codes (911),
 * times (21:40), years, ISO dates (2026-12-02) and postal codes never have this shape. A number
 * glued to more digits or letters is not a phone number, and one followed by "@" is left to the
 * email rule.
 */
const PHONE_PATTERN = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}+])`,
    '(?:',
    String.raw`(?:\+?1[ .-]?)?`,
    String.raw`(?:\( ?[2-9]\d\d ?\)[ .-]?|[2-9]\d\d[ .-]?)`,
    String.raw`[2-9]\d\d[ .-]?\d{4}`,
    String.raw`|[2-9]\d\d[.-]\d{4}`,
    ')',
    String.raw`(?![\p{L}\p{N}@]|[.-]\d)`,
  ].join(''),
  'gu',
);

/** Digits only, without the country code 1, so every way of writing a number compares equal. */
function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

/**
 * A 7-digit local number is allowed when it is the local part of an allowed 10-digit number: in
 * a single-city service "555-0100" is the hotline 416-555-0100 written without its area code.
 */
function isAllowedPhone(phone: string, allowed: ReadonlySet<string>): boolean {
  const digits = phoneDigits(phone);
  if (allowed.has(digits)) return true;
  if (digits.length !== 7) return false;
  for (const number of allowed) {
    if (number.length === 10 && number.endsWith(digits)) return true;
  }
  return false;
}

const detectPhoneNumbers: Detector = (text, { allowedPhones }) =>
  spansOf(PHONE_PATTERN, text).filter((span) => !isAllowedPhone(span.match, allowedPhones));

// ---------------------------------------------------------------------------------------------
// email-address
// ---------------------------------------------------------------------------------------------

/**
 * local@domain.tld. The lookbehind makes the local part start at the beginning of its run of
 * characters, and labels cannot contain the dot that separates them, which keeps this linear.
 */
const EMAIL_PATTERN =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?![\p{L}\p{N}-])/gu;

const detectEmailAddresses: Detector = (text) => spansOf(EMAIL_PATTERN, text);

// ---------------------------------------------------------------------------------------------
// street-address
// ---------------------------------------------------------------------------------------------

/** "123", "123A", "121-123" (a range or unit-civic pair). */
const CIVIC_NUMBER = String.raw`${NOT_AFTER_WORD}\d{1,5}[A-Za-z]?(?:-\d{1,5}[A-Za-z]?)?`;

const ENGLISH_STREET_TYPES = [
  'Street',
  'St',
  'Avenue',
  'Ave',
  'Av',
  'Road',
  'Rd',
  'Boulevard',
  'Blvd',
  'Drive',
  'Dr',
  'Crescent',
  'Cres',
  'Court',
  'Crt',
  'Ct',
  'Lane',
  'Ln',
  'Way',
  'Place',
  'Pl',
  'Terrace',
  'Terr',
  'Parkway',
  'Pkwy',
  'Circle',
  'Cir',
  'Trail',
  'Trl',
  'Square',
  'Sq',
  'Gate',
  'Gardens',
  'Gdns',
  'Grove',
  'Highway',
  'Hwy',
  'Row',
  'Mews',
];

const FRENCH_STREET_TYPES = [
  'rue',
  'avenue',
  'av',
  'boulevard',
  'boul',
  'bd',
  'chemin',
  'ch',
  'place',
  'allée',
  'impasse',
  'route',
  'rang',
  'croissant',
  'promenade',
  'montée',
  'côte',
  'cours',
  'quai',
  'ruelle',
  'terrasse',
  'voie',
  'carré',
];

/**
 * Small words that join a count to a place ("2 Hurt On Main St"), so they can never be part of an
 * English street name; without this a title-cased headline would read as an address.
 */
const ENGLISH_CONNECTORS = `(?:On|At|In|Near|And|Or|By|From|To|Et|Sur|Près)`;

/** A capitalised word ("Queen", "St.", "O'Connor") or an ordinal ("5th"). */
const ENGLISH_NAME_WORD = String.raw`(?!${ENGLISH_CONNECTORS}${GAP})(?:\p{Lu}[\p{L}'’.-]*|\d{1,3}(?:st|nd|rd|th))`;
const ENGLISH_DIRECTION = `(?:West|East|North|South|W|E|N|S)`;

/**
 * English order: number, one to three capitalised words, street type, optional direction:
 * "45 Queen Street West". Requiring capitals is what keeps "2 vehicles on Main St" out.
 */
const ENGLISH_ADDRESS_PATTERN = new RegExp(
  [
    CIVIC_NUMBER,
    GAP,
    `(?:${ENGLISH_NAME_WORD}${GAP}){1,3}`,
    initialCaseInsensitive(ENGLISH_STREET_TYPES),
    NOT_BEFORE_WORD,
    `(?:${GAP}${ENGLISH_DIRECTION}${NOT_BEFORE_WORD})?`,
  ].join(''),
  'gu',
);

/** "de la", "du", "des", "de l'", "d'" ... between the street type and the name. */
const FRENCH_PARTICLE = `(?:(?:de${GAP}la|des|du|de|la|le|les)${GAP})?(?:[dl]['’])?`;
const FRENCH_NAME_WORD = String.raw`\p{Lu}[\p{L}'’-]*`;
const FRENCH_DIRECTION = `(?:est|ouest|nord|sud)`;

/**
 * French order: number, optional comma, street type, optional particle, one to three capitalised
 * words, optional direction: "10, chemin du Lac", "45 rue Sainte-Catherine Ouest". The capital
 * on the name keeps "3 cours d'eau" out.
 */
const FRENCH_ADDRESS_PATTERN = new RegExp(
  [
    CIVIC_NUMBER,
    `(?:,${OPTIONAL_GAP}|${GAP})`,
    initialCaseInsensitive(FRENCH_STREET_TYPES),
    NOT_BEFORE_WORD,
    String.raw`\.?`,
    GAP,
    FRENCH_PARTICLE,
    FRENCH_NAME_WORD,
    `(?:${GAP}${FRENCH_NAME_WORD}){0,2}`,
    `(?:${GAP}${FRENCH_DIRECTION}${NOT_BEFORE_WORD})?`,
  ].join(''),
  'gu',
);

const detectStreetAddresses: Detector = (text) => [
  ...spansOf(ENGLISH_ADDRESS_PATTERN, text),
  ...spansOf(FRENCH_ADDRESS_PATTERN, text),
];

// ---------------------------------------------------------------------------------------------
// name-with-age
// ---------------------------------------------------------------------------------------------

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
const LEADING_NON_NAMES = new Set([
  ...['a', 'an', 'the', 'about', 'around', 'approximately', 'nearly', 'over', 'under', 'some'],
  ...['in', 'on', 'at', 'near', 'since', 'after', 'before', 'by', 'from', 'to', 'with', 'for', 'of'],
  ...['and', 'or', 'but', 'today', 'yesterday', 'tonight', 'this', 'last', 'victim', 'suspect'],
  ...['environ', 'près', 'vers', 'dans', 'sur', 'à', 'au', 'aux', 'le', 'la', 'les', 'un', 'une'],
  ...['des', 'du', 'de', 'et', 'ou', 'mais', 'depuis', 'après', 'avant', 'par', 'pour', 'avec'],
  ...['hier', "aujourd'hui", 'aujourd’hui', 'ce', 'cette', 'victime'],
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  ...['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august'],
  ...['september', 'october', 'november', 'december'],
]);

/**
 * Words that make the "name" a place or an organisation, wherever they appear: "14 Division, 2",
 * "Queen St, 34" (a street and a civic number written backwards is not a person, and the
 * street-address rule wants the number first). Compared in lower case, without a final dot.
 */
const NOT_A_PERSON = new Set([
  ...ENGLISH_STREET_TYPES.map((word) => word.toLowerCase()),
  ...FRENCH_STREET_TYPES,
  ...['division', 'highway', 'hwy', 'unit', 'platoon', 'station', 'district', 'ward', 'police'],
  ...['service', 'services', 'apartment', 'apt', 'suite', 'floor', 'room', 'exit', 'bus', 'line'],
  ...['autoroute', 'unité', 'poste', 'secteur', 'appartement', 'app', 'étage', 'sortie', 'ligne'],
]);

/** Strips sentence-opening words from the front of a candidate; undefined if it is not a person. */
function personNameSpan(candidate: Span): Span | undefined {
  const words = Array.from(candidate.match.matchAll(/[^\s,(]+/gu), (m) => ({ word: m[0], at: m.index }));
  const nameWords = words.filter((w) => /^\p{Lu}/u.test(w.word));
  const normalised = (word: string) => word.toLowerCase().replace(/\.$/, '');
  if (nameWords.some((w) => NOT_A_PERSON.has(normalised(w.word)))) return undefined;
  const first = nameWords.find((w) => !LEADING_NON_NAMES.has(normalised(w.word)));
  if (!first) return undefined;
  return { start: candidate.start + first.at, match: candidate.match.slice(first.at) };
}

function ageOf(candidate: Span): number {
  // The name is letters only, so the only run of digits in the candidate is the age.
  return Number(/\d+/.exec(candidate.match)?.[0]);
}

const detectNamesWithAge: Detector = (text) =>
  spansOf(NAME_WITH_AGE_PATTERN, text)
    .filter((candidate) => ageOf(candidate) > 0 && ageOf(candidate) <= MAX_AGE)
    .map(personNameSpan)
    .filter((span): span is Span => span !== undefined);

// ---------------------------------------------------------------------------------------------
// Assembling warnings
// ---------------------------------------------------------------------------------------------

const DETECTORS: Record<ContentWarningRule, Detector> = {
  'phone-number': detectPhoneNumbers,
  'email-address': detectEmailAddresses,
  'street-address': detectStreetAddresses,
  'name-with-age': detectNamesWithAge,
};

const MESSAGES: Record<ContentWarningRule, (match: string) => string> = {
  'phone-number': (match) =>
    `Phone number "${match}" is not in the resource library; a private number can identify a victim, a witness or their family.`,
  'email-address': (match) =>
    `Email address "${match}" can identify a person; publish only official contact addresses.`,
  'street-address': (match) =>
    `Street address "${match}" can point to someone's home; give the block or the nearest intersection instead.`,
  'name-with-age': (match) =>
    `Name with an age "${match}" can identify a person; remove the name or the age before broadcasting.`,
};

/**
 * One warning per place: among overlapping matches of one rule (an address seen by both the
 * English and the French pattern), keep the one that starts first, the longest on a tie.
 */
function withoutOverlaps(spans: Span[]): Span[] {
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.match.length - a.match.length);
  const kept: Span[] = [];
  let end = 0;
  for (const span of ordered) {
    if (kept.length > 0 && span.start < end) continue;
    kept.push(span);
    end = span.start + span.match.length;
  }
  return kept;
}

function contextOf(settings: ContentLintSettings | undefined): LintContext {
  return { allowedPhones: new Set((settings?.allowedPhoneNumbers ?? []).map(phoneDigits)) };
}

function selectedRules(settings: ContentLintSettings | undefined): ContentWarningRule[] {
  const wanted = new Set(settings?.rules ?? ALL_RULES);
  return ALL_RULES.filter((rule) => wanted.has(rule));
}

/** Numbers before strings, numbers numerically, strings by code unit (stable across locales). */
function compareSegments(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePaths(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i += 1) {
    const order = compareSegments(a[i] as string | number, b[i] as string | number);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compareWarnings(a: ContentWarning, b: ContentWarning): number {
  return (
    comparePaths(a.path, b.path) || a.start - b.start || ALL_RULES.indexOf(a.rule) - ALL_RULES.indexOf(b.rule)
  );
}

function lintWithContext(
  text: string,
  path: (string | number)[],
  rules: readonly ContentWarningRule[],
  context: LintContext,
): ContentWarning[] {
  if (text.length === 0) return [];
  return rules.flatMap((rule) =>
    withoutOverlaps(DETECTORS[rule](text, context)).map((span) => ({
      rule,
      path: [...path],
      start: span.start,
      length: span.match.length,
      match: span.match,
      message: MESSAGES[rule](span.match),
    })),
  );
}

/** Warnings for one text, sorted by position. */
export function lintText(
  text: string,
  path: (string | number)[],
  settings?: ContentLintSettings,
): ContentWarning[] {
  return lintWithContext(text, path, selectedRules(settings), contextOf(settings)).sort(compareWarnings);
}

/** Warnings for several texts, each carrying its own path, sorted by path then position. */
export function lintTexts(
  texts: { path: (string | number)[]; text: string }[],
  settings?: ContentLintSettings,
): ContentWarning[] {
  const rules = selectedRules(settings);
  const context = contextOf(settings);
  return texts.flatMap(({ path, text }) => lintWithContext(text, path, rules, context)).sort(compareWarnings);
}
