import { expect } from 'vitest';
import {
  type PersonalDataRule,
  type PersonalDataWarning,
  type PersonalDataWarningSettings,
  personalDataWarningsInText,
} from '../../../../shared/domain/personal-data-warnings/warnings.js';

export const PATH = ['facts', 'description', 'en'];

/** The matched texts of one rule, in order. */
export function matchesOf(
  rule: PersonalDataRule,
  text: string,
  settings?: PersonalDataWarningSettings,
): string[] {
  return personalDataWarningsInText(text, PATH, { ...settings, rules: [rule] }).map(
    (warning) => warning.match,
  );
}

/** Every warning must point at its own match in the text it came from. */
export function expectPositionsPointAtMatches(text: string, warnings: PersonalDataWarning[]): void {
  for (const warning of warnings) {
    expect(text.slice(warning.start, warning.start + warning.length)).toBe(warning.match);
    expect(warning.length).toBe(warning.match.length);
  }
}
