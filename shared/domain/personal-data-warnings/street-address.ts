import {
  type Detector,
  GAP,
  NOT_AFTER_WORD,
  NOT_BEFORE_WORD,
  OPTIONAL_GAP,
  oneOf,
  oneOfAnyInitialCase,
  spansOf,
} from './detector.js';
import words from './words.json' with { type: 'json' };

/** "123", "123A", "121-123" (a range or unit-civic pair). */
const CIVIC_NUMBER = String.raw`${NOT_AFTER_WORD}\d{1,5}[A-Za-z]?(?:-\d{1,5}[A-Za-z]?)?`;

/**
 * Small words that join a count to a place ("2 Hurt On Main St"), so they can never be part of an
 * English street name; without this a title-cased headline would read as an address.
 */
const CONNECTORS = oneOf(words.connectors);

/** A capitalised word ("Queen", "St.", "O'Connor") or an ordinal ("5th"). */
const ENGLISH_NAME_WORD = String.raw`(?!${CONNECTORS}${GAP})(?:\p{Lu}[\p{L}'’.-]*|\d{1,3}(?:st|nd|rd|th))`;

/**
 * English order: number, one to three capitalised words, street type, optional direction:
 * "45 Queen Street West". Requiring capitals is what keeps "2 vehicles on Main St" out.
 */
const ENGLISH_ADDRESS_PATTERN = new RegExp(
  [
    CIVIC_NUMBER,
    GAP,
    `(?:${ENGLISH_NAME_WORD}${GAP}){1,3}`,
    oneOfAnyInitialCase(words.englishStreetTypes),
    NOT_BEFORE_WORD,
    `(?:${GAP}${oneOf(words.englishDirections)}${NOT_BEFORE_WORD})?`,
  ].join(''),
  'gu',
);

/** "de la", "du", "des", "de l'", "d'" ... between the street type and the name. */
const FRENCH_PARTICLE = `(?:(?:de${GAP}la|des|du|de|la|le|les)${GAP})?(?:[dl]['’])?`;
const FRENCH_NAME_WORD = String.raw`\p{Lu}[\p{L}'’-]*`;

/**
 * French order: number, optional comma, street type, optional particle, one to three capitalised
 * words, optional direction: "10, chemin du Lac", "45 rue Sainte-Catherine Ouest". The capital
 * on the name keeps "3 cours d'eau" out.
 */
const FRENCH_ADDRESS_PATTERN = new RegExp(
  [
    CIVIC_NUMBER,
    `(?:,${OPTIONAL_GAP}|${GAP})`,
    oneOfAnyInitialCase(words.frenchStreetTypes),
    NOT_BEFORE_WORD,
    String.raw`\.?`,
    GAP,
    FRENCH_PARTICLE,
    FRENCH_NAME_WORD,
    `(?:${GAP}${FRENCH_NAME_WORD}){0,2}`,
    `(?:${GAP}${oneOf(words.frenchDirections)}${NOT_BEFORE_WORD})?`,
  ].join(''),
  'gu',
);

export const streetAddress: Detector = {
  detect: (text) => [...spansOf(ENGLISH_ADDRESS_PATTERN, text), ...spansOf(FRENCH_ADDRESS_PATTERN, text)],
  message: (match) =>
    `Street address "${match}" can point to someone's home; give the block or the nearest intersection instead.`,
};
