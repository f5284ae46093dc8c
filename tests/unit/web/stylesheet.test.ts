import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileConsoleCss,
  compileSiteCss,
  consoleCssModule,
  consoleCssModulePath,
  consoleCssPath,
  siteCssPath,
  stylesheetModule,
  stylesheetModulePath,
} from '../../../scripts/build-css.js';

describe("the public site's stylesheet", () => {
  // Sass compiles GOV.UK Frontend in about 3 s; the committed files must be what it makes today.
  const css = compileSiteCss();

  it('is committed exactly as herald.scss compiles (run `npx tsx scripts/build-css.ts` after a change)', () => {
    expect(readFileSync(siteCssPath, 'utf8')).toBe(css);
    expect(readFileSync(stylesheetModulePath, 'utf8')).toBe(stylesheetModule(css));
  });

  it('carries neither the GOV.UK typeface nor the crown, which are for UK government services only', () => {
    expect(css).not.toContain('GDS Transport');
    expect(css).not.toMatch(/crown/i);
  });
});

describe("the duty console's stylesheet", () => {
  const css = compileConsoleCss();

  it('is committed exactly as console.scss compiles (run `npx tsx scripts/build-css.ts` after a change)', () => {
    expect(readFileSync(consoleCssPath, 'utf8')).toBe(css);
    expect(readFileSync(consoleCssModulePath, 'utf8')).toBe(consoleCssModule(css));
  });

  it('carries neither the GOV.UK typeface nor the crown', () => {
    expect(css).not.toContain('GDS Transport');
    expect(css).not.toMatch(/crown/i);
  });
});
