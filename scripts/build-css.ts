import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const assets = join(dirname(fileURLToPath(import.meta.url)), '../web/assets');

/** The compiled stylesheet every page links; committed, so no runtime or Lambda needs Sass. */
export const siteCssPath = join(assets, 'herald.css');

/** Compiles herald.scss against GOV.UK Frontend's Sass sources. */
export function compileSiteCss(): string {
  return compile('herald.scss');
}

/**
 * The duty console's sheet: served by the console function itself, from a file shipped beside its
 * bundle (D29's way for the registry), so its 80 KiB are not JavaScript the function parses at
 * every cold start; only its hashed name is a module of the code.
 */
export function compileConsoleCss(): string {
  return compile('console.scss');
}

export const consoleCssPath = join(assets, 'console.css');
export const consoleCssModulePath = join(assets, 'console-css.ts');

export function consoleCssModule(css: string): string {
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 10);
  return [
    '// Written by scripts/build-css.ts with console.css; a test holds the two together.',
    `export const CONSOLE_CSS_NAME = 'console.${hash}.css';`,
    '',
  ].join('\n');
}

function compile(file: string): string {
  const result = sass.compile(join(assets, file), {
    loadPaths: [join(assets, '../../node_modules/govuk-frontend/dist')],
    style: 'compressed',
    quietDeps: true,
  });
  return `${result.css}\n`;
}

/** Its name carries its hash, so it is cached for a year and a new sheet is a new URL. */
export const stylesheetModulePath = join(assets, 'stylesheet.ts');

export function stylesheetModule(css: string): string {
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 10);
  return [
    '// Written by scripts/build-css.ts with herald.css; a test holds the two together.',
    `export const STYLESHEET_NAME = 'herald.${hash}.css';`,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const css = compileSiteCss();
  writeFileSync(siteCssPath, css);
  writeFileSync(stylesheetModulePath, stylesheetModule(css));
  const consoleCss = compileConsoleCss();
  writeFileSync(consoleCssPath, consoleCss);
  writeFileSync(consoleCssModulePath, consoleCssModule(consoleCss));
  console.log(`wrote ${siteCssPath}, ${stylesheetModulePath}, ${consoleCssPath} and ${consoleCssModulePath}`);
}
